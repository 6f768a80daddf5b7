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
  /// The knobs set off their defaults (`--beta 4`), by name.
  public let settings: [String: String]
  /// The mistake planted with `--mistake`, nil for an honest run. A chapter reads it once, in
  /// `run`, and passes the planted value or function to the section it breaks.
  public let mistake: Mistake?
  private(set) public var figures: [String] = []
  /// The sections `--section` chose, with what they need; nil when the whole chapter runs.
  public let selectedSections: Set<String>?
  private let sectionNames: [String]

  /// The checks table's width: a transcript prints on A4 and a projected terminal need not be
  /// wider. A row is the verdict, the check's name, then its claim; a long name puts the claim
  /// on the next line.
  package static let width = 100
  /// Where the claim starts when it shares the name's line.
  package static let claimColumn = 58
  private var currentSlide: String?
  private var sectionsStarted = 0
  /// Wall time per section, kept by `wants` (see `SectionClock`).
  private var clock = SectionClock()

  /// Sets up a run; fails early (before any training) if figures are wanted and gnuplot is
  /// missing, or if the figure directory cannot be created.
  /// `settings`: the chapter's knobs given on the command line (validated by `Knob.extract`).
  public init(
    chapter: any Chapter.Type, options: ChapterOptions, settings: [String: String] = [:],
    output: @escaping (String) -> Void = { print($0) }
  ) throws {
    self.chapter = chapter.name
    self.settings = settings
    self.options = options
    self.seedRandom = SeededRandom(seed: options.seed)
    self.write = output
    sectionNames = chapter.sections.map(\.name)
    selectedSections = try ChapterSection.select(options.sections, in: chapter.sections, chapter: chapter.name)
    if let name = options.mistake {
      guard let planted = chapter.mistakes.first(where: { $0.name == name }) else {
        throw LectureError.unknownMistake(name: name, chapter: chapter.name, known: chapter.mistakes.map(\.name))
      }
      mistake = planted
    } else {
      mistake = nil
    }
    if options.noFigures && options.show == nil {
      plotter = nil
    } else {
      let directory = URL(fileURLWithPath: options.figures, isDirectory: true)
      var settings = PlotSettings(directory: directory, format: options.format, terminal: options.terminal)
      settings.writeFiles = !options.noFigures
      plotter = try Plotter(settings: settings, show: options.show)
    }
    let mode = options.quick ? "quick" : "full"
    // The data set is named by the chapters that load images (see `images(_:)`), not here:
    // some chapters use none.
    let header =
      "\(chapter.name): \(chapter.title)  [seed \(options.seed), \(mode)\(Self.describe(settings, separator: ", "))]"
    for (i, line) in Self.wrap(header, width: Self.width).enumerated() { output(i == 0 ? line : "  " + line) }
    if let selectedSections {
      let names = chapter.sections.map(\.name).filter(selectedSections.contains)
      output("sections: " + names.joined(separator: ", ") + " (of \(chapter.sections.count); --list names them all)")
    }
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
    say(
      "\(options.dataset.displayName): \(train.count) training and \(held.count) test images of "
        + "\(train.height)x\(train.width) pixels"
    )
    return (train, held)
  }

  /// Whether the section `name` (one of the chapter's `sections`) runs: always, unless
  /// `--section` chose others.
  /// A `true` answer also starts the section's clock: the time until the next section is asked
  /// for and runs is its time (data loading and training it needs included).
  public func wants(_ name: String) -> Bool {
    precondition(sectionNames.contains(name), "\(chapter) declares no section '\(name)'")
    let wanted = selectedSections?.contains(name) ?? true
    if wanted { clock.enter(name) }
    return wanted
  }

  /// Seconds of wall time per section so far, in the order the sections first ran.
  public var sectionSeconds: [(section: String, seconds: Double)] { clock.totals() }

  /// Starts a section named after its slide.
  public func section(_ title: String) {
    if options.step && sectionsStarted > 0 {
      write("")
      write("   [Enter: next section]")
      _ = readLine()  // at the end of a piped input, runs on without waiting
    }
    sectionsStarted += 1
    write("")
    write("== \(title)")
    currentSlide = nil
  }

  /// A narrative line (what was trained, on how many images...).
  /// Lines longer than the table's width wrap at spaces, continued two columns further in.
  public func say(_ text: String) {
    let lines = Self.wrap(text, width: Self.width - 3)
    write("   " + lines[0])
    for line in Self.wrap(lines.dropFirst().joined(separator: " "), width: Self.width - 5) where !line.isEmpty {
      write("     " + line)
    }
  }

  /// A measurement of speed (seconds per epoch, images per second). It goes to stderr: the
  /// same seed must print the same stdout, and wall-clock time never repeats exactly.
  public func timing(_ text: String) { printError("   \(chapter): " + text) }

  /// Compares `observed` with `expected`, prints the row, records it; returns the verdict.
  @discardableResult
  public func check(_ name: String, slide: String, expected: Double, observed: Double, tolerance: Tolerance) -> Bool {
    let result = CheckResult(name: name, slide: slide, expected: expected, observed: observed, tolerance: tolerance)
    checks.append(result)
    if slide != currentSlide {
      write("   slide: \(slide)")
      currentSlide = slide
    }
    for line in Self.rowLines(result) { write(line) }
    return result.passed
  }

  /// States a number without checking it: true by construction or by arithmetic, so no
  /// planted error could flip it. Printed as "fact:" and reported apart from the checks.
  public func fact(_ name: String, slide: String, value: Double) {
    facts.append(StatedFact(name: name, slide: slide, value: value))
    write("   fact: \(name): \(formatNumber(value))")
  }

  /// The knob `name` as a whole number, or `fallback` when it was not given.
  public func integer(_ name: String, default fallback: Int) -> Int { settings[name].flatMap { Int($0) } ?? fallback }
  /// The knob `name` as a real number, or `fallback`.
  public func real(_ name: String, default fallback: Double) -> Double {
    settings[name].flatMap { Double($0) } ?? fallback
  }
  /// The knob `name` as a comma-separated list of whole numbers, or `fallback`.
  public func integers(_ name: String, default fallback: [Int]) -> [Int] {
    settings[name].map { $0.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
      ?? fallback
  }

  /// The knob `name` as a comma-separated list of real numbers, or `fallback`.
  public func reals(_ name: String, default fallback: [Double]) -> [Double] {
    settings[name].map { $0.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) } }
      ?? fallback
  }

  /// The knob `name` as a choice and its parameter (`--loss exp:100` -> ("exp", 100)), or
  /// `fallback` when it was not given.
  public func choice(_ name: String, default fallback: Knob.Choice) -> Knob.Choice {
    settings[name].map(Knob.splitChoice) ?? fallback
  }

  /// The knobs given and --quick, for figure titles: "" for a full run at the slides' settings,
  /// else " [--quick, --beta 4, --latent 5]": a figure from fewer images and epochs says so.
  public var settingsNote: String {
    let given = (options.quick ? ", --quick" : "") + Self.describe(settings, separator: ", ")
    return given.isEmpty ? "" : " [" + given.dropFirst(2) + "]"
  }

  static func describe(_ settings: [String: String], separator: String) -> String {
    settings.keys.sorted().map { "\(separator)--\($0) \(settings[$0]!)" }.joined()
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

  /// Shows a figure that is still changing, e.g. a training curve after each epoch, on the
  /// display `--show` chose (a window redraws it in place); without `--show` it does nothing,
  /// so the transcript and the files are the same with or without it. The chapter then draws
  /// the finished figure with `figure(_:)`.
  public func showProgress(_ figure: @autoclosure () -> Figure) throws {
    guard options.show != nil, let plotter else { return }
    try plotter.showProgress(figure())
  }

  /// Prints the closing line and writes the JSON report if asked.
  @discardableResult
  public func finish() throws -> ChapterReport {
    clock.stop()
    let times = clock.totals()
    if !times.isEmpty {
      timing(
        "sections: " + times.map { "\($0.section) " + String(format: "%.1f s", $0.seconds) }.joined(separator: ", "))
    }
    if let path = options.timings {
      try SectionClock.append(times, chapter: chapter, quick: options.quick, to: URL(fileURLWithPath: path))
    }
    let report = ChapterReport(
      chapter: chapter, seed: options.seed, quick: options.quick, dataset: options.dataset.rawValue,
      checks: checks, facts: facts, figures: figures, mistake: mistake?.name, settings: settings,
      sections: selectedSections.map { chosen in sectionNames.filter(chosen.contains) })
    write("")
    if report.failed > 0 {
      write("Failed: " + checks.filter { !$0.passed }.map(\.name).joined(separator: "; "))
    }
    if let mistake {
      let outcome = MistakeOutcome(
        mistake: mistake, failed: checks.filter { !$0.passed }.map(\.name), checksRun: checks.map(\.name))
      write(
        outcome.caught
          ? "planted mistake '\(mistake.name)' caught by \(outcome.failed.count) check(s)"
          : "planted mistake '\(mistake.name)' NOT caught: every check passed")
      if !outcome.missed.isEmpty { write("  expected to fail but passed: " + outcome.missed.joined(separator: "; ")) }
      if !outcome.notRun.isEmpty {
        write("  catalogued but not run here (another section, or a knob off its default): "
          + outcome.notRun.joined(separator: "; "))
      }
    }
    if !facts.isEmpty { write("\(facts.count) stated facts (not checks)") }
    write("\(report.passed) passed, \(report.failed) failed")
    if let path = options.report {
      try report.write(to: URL(fileURLWithPath: path))
    }
    return report
  }

  /// The claim in reading order, true as written when the check passes: "4.86 <= 11.1" for
  /// "observed at most expected", "0.462 == 0.5 within 4 SE = 0.0816" for closeness.
  package static func claim(_ r: CheckResult) -> String {
    let observed = formatNumber(r.observed)
    let expected = formatNumber(r.expected)
    switch r.relation {
    case "<=": return "\(observed) <= \(expected)" + (r.tolerance > 0 ? " + \(formatNumber(r.tolerance))" : "")
    case ">=": return "\(observed) >= \(expected)" + (r.tolerance > 0 ? " - \(formatNumber(r.tolerance))" : "")
    default: return "\(observed) == \(expected) within \(r.toleranceLabel)"
    }
  }

  /// One row, or two when the name and the claim do not fit in `width` columns together; a
  /// name longer than a line is wrapped at spaces.
  package static func rowLines(_ r: CheckResult) -> [String] {
    let verdict = r.passed ? "PASS" : "FAIL"
    let claim = claim(r)
    let lead = "   \(verdict)  "
    let indent = String(repeating: " ", count: lead.count)
    let nameLines = wrap(r.name, width: width - lead.count)
    var lines = nameLines.enumerated().map { ($0 == 0 ? lead : indent) + $1 }
    let last = lines[lines.count - 1]
    if last.count + 2 <= claimColumn && claimColumn + claim.count <= width {
      lines[lines.count - 1] = pad(last, claimColumn) + claim
    } else {
      lines.append(indent + "  " + claim)
    }
    return lines
  }

  /// Splits `text` at spaces into lines of at most `width` characters (a longer word stays whole).
  static func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
      if current.isEmpty {
        current = String(word)
      } else if current.count + 1 + word.count <= width {
        current += " " + word
      } else {
        lines.append(current)
        current = String(word)
      }
    }
    lines.append(current)
    return lines
  }

  static func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
  }

  private func relativePath(_ url: URL) -> String {
    let cwd = FileManager.default.currentDirectoryPath + "/"
    let p = url.standardizedFileURL.path
    return p.hasPrefix(cwd) ? String(p.dropFirst(cwd.count)) : p
  }
}
