// The state of one chapter run: the options, the seeded random stream, the plotter, and the
// checks and figures so far. Chapters talk only to this type, so printing, reporting and
// plotting stay identical across the course.

import Datasets
import Foundation
import Plotting
import Stochastic

/// Prints a chapter's sections, checks and figures, and collects its report.
public final class ChapterRun {
  public let chapter: String
  public let options: ChapterOptions
  /// The chapter's root random stream; take named sub-streams with `random(_:)`.
  public let seedRandom: SeededRandom
  private let plotter: Plotter?
  private let write: (String) -> Void
  private(set) public var checks: [CheckResult] = []
  private(set) public var facts: [StatedFact] = []
  /// The mistake planted with `--mistake`, nil for an honest run. A chapter reads it once, in
  /// `run`, and passes the planted value or function to the section it breaks.
  public let mistake: Mistake?
  private(set) public var figures: [String] = []
  private var headerPrinted = false

  /// Column widths of the checks table.
  static let widths = (name: 58, slide: 24, number: 12, tolerance: 17)

  /// Sets up a run; fails early (before any training) if figures are wanted and gnuplot is
  /// missing, or if the figure directory cannot be created.
  public init(chapter: any Chapter.Type, options: ChapterOptions, output: @escaping (String) -> Void = { print($0) }) throws {
    self.chapter = chapter.name
    self.options = options
    self.seedRandom = SeededRandom(seed: options.seed)
    self.write = output
    if let name = options.mistake {
      guard let planted = chapter.mistakes.first(where: { $0.name == name }) else {
        throw LectureError.unknownMistake(name: name, chapter: chapter.name, known: chapter.mistakes.map(\.name))
      }
      mistake = planted
    } else {
      mistake = nil
    }
    if options.noFigures {
      plotter = nil
    } else {
      let directory = URL(fileURLWithPath: options.figures, isDirectory: true)
      plotter = try Plotter(settings: PlotSettings(directory: directory, format: options.format, terminal: options.terminal))
    }
    let mode = options.quick ? "quick" : "full"
    // The data set is named by the chapters that load images (see `images(_:)`), not here:
    // some chapters use none.
    output("\(chapter.name): \(chapter.title)  [seed \(options.seed), \(mode)]")
    if let mistake {
      output("planted mistake '\(mistake.name)' (\(mistake.slide)): \(mistake.wrong)")
    }
  }

  /// A sub-stream for one purpose ("init", "shuffle", "mc"): adding a consumer elsewhere in
  /// the chapter does not change this one's numbers.
  public func random(_ purpose: String) -> SeededRandom { seedRandom.derived(purpose) }

  /// Loads the chosen image data set, split as asked.
  public func images(_ split: DatasetSplit) throws -> LabeledImages {
    try loadDataset(options.dataset, split: split, source: options.dataSource)
  }

  /// The first `training` training and `test` test images of the chosen data set (all of a
  /// split when it has fewer), announced in one narrative line.
  public func trainingAndTestImages(training: Int, test: Int) throws -> (train: LabeledImages, test: LabeledImages) {
    let train = try images(.train).prefix(training)
    let held = try images(.test).prefix(test)
    say("\(options.dataset.displayName): \(train.count) training and \(held.count) test images of \(train.height)x\(train.width) pixels")
    return (train, held)
  }

  /// Starts a section named after its slide.
  public func section(_ title: String) {
    write("")
    write("== \(title)")
    headerPrinted = false
  }

  /// A narrative line (what was trained, on how many images...).
  public func say(_ text: String) { write("   " + text) }

  /// A measurement of speed (seconds per epoch, images per second). It goes to stderr: the
  /// same seed must print the same stdout, and wall-clock time never repeats exactly.
  public func timing(_ text: String) { printError("   \(chapter): " + text) }

  /// Compares `observed` with `expected`, prints the row, records it; returns the verdict.
  @discardableResult
  public func check(_ name: String, slide: String, expected: Double, observed: Double, tolerance: Tolerance) -> Bool {
    let result = CheckResult(name: name, slide: slide, expected: expected, observed: observed, tolerance: tolerance)
    checks.append(result)
    if !headerPrinted {
      write(Self.row("check", "slide", "expected", "observed", "tolerance", "verdict"))
      headerPrinted = true
    }
    write(Self.row(name, slide, formatNumber(expected), result.relation == "==" ? formatNumber(observed) : "\(result.relation) \(formatNumber(observed))",
                   tolerance.label, result.passed ? "PASS" : "FAIL"))
    return result.passed
  }

  /// States a number without checking it: true by construction or by arithmetic, so no
  /// planted error could flip it. Printed as "fact:" and reported apart from the checks.
  public func fact(_ name: String, slide: String, value: Double) {
    facts.append(StatedFact(name: name, slide: slide, value: value))
    write("   fact: \(name): \(formatNumber(value))")
  }

  /// Whether the mistake called `name` is planted in this run.
  public func planted(_ name: String) -> Bool { mistake?.name == name }

  /// Renders a figure (unless --no-figures) and records where it went.
  public func figure(_ figure: Figure) throws {
    guard let plotter else { return }
    if let url = try plotter.render(figure) {
      let path = relativePath(url)
      figures.append(path)
      write("   figure: \(path)")
    } else {
      figures.append("terminal:\(figure.name)")
    }
  }

  /// Prints the closing line and writes the JSON report if asked.
  @discardableResult
  public func finish() throws -> ChapterReport {
    let report = ChapterReport(
      chapter: chapter, seed: options.seed, quick: options.quick, dataset: options.dataset.rawValue,
      checks: checks, facts: facts, figures: figures, mistake: mistake?.name)
    write("")
    if report.failed > 0 {
      write("Failed: " + checks.filter { !$0.passed }.map(\.name).joined(separator: "; "))
    }
    if let mistake {
      let outcome = MistakeOutcome(mistake: mistake, failed: checks.filter { !$0.passed }.map(\.name), checksRun: checks.map(\.name))
      write(outcome.caught ? "planted mistake '\(mistake.name)' caught by \(outcome.failed.count) check(s)"
                           : "planted mistake '\(mistake.name)' NOT caught: every check passed")
      if !outcome.missed.isEmpty { write("  expected to fail but passed: " + outcome.missed.joined(separator: "; ")) }
    }
    if !facts.isEmpty { write("\(facts.count) stated facts (not checks)") }
    write("\(report.passed) passed, \(report.failed) failed")
    if let path = options.report {
      try report.write(to: URL(fileURLWithPath: path))
    }
    return report
  }

  static func row(_ name: String, _ slide: String, _ expected: String, _ observed: String, _ tolerance: String, _ verdict: String) -> String {
    "   " + pad(name, widths.name) + pad(slide, widths.slide) + pad(expected, widths.number, right: true) + " "
      + pad(observed, widths.number, right: true) + "  " + pad(tolerance, widths.tolerance) + verdict
  }

  static func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
    let n = s.count
    if n >= width { return right ? s : s + " " }
    let fill = String(repeating: " ", count: width - n)
    return right ? fill + s : s + fill
  }

  private func relativePath(_ url: URL) -> String {
    let cwd = FileManager.default.currentDirectoryPath + "/"
    let p = url.standardizedFileURL.path
    return p.hasPrefix(cwd) ? String(p.dropFirst(cwd.count)) : p
  }
}
