// The flags every chapter understands. One definition, shared by all executables and by
// `course`, so `--seed 3 --quick` means the same thing everywhere.

import ArgumentParser
import CKernels
import Datasets
import Foundation
import Plotting

extension DatasetName: ExpressibleByArgument {}
extension FigureFormat: ExpressibleByArgument {}
extension ShowRequest: ExpressibleByArgument {}

/// Options shared by every chapter.
public struct ChapterOptions: ParsableArguments, Sendable {
  @Flag(help: "Small data and few epochs: seconds, for class demos and tests.")
  public var quick = false

  @Option(help: "Seed of the random generator; the same seed prints the same numbers.")
  public var seed: UInt64 = 1

  @Option(help: "Image data set: fashion (offline default, Debian's dataset-fashion-mnist) or mnist.")
  public var dataset: DatasetName = .fashion

  @Option(help: ArgumentHelp("Directory holding the IDX files (train-images-idx3-ubyte.gz ...).", valueName: "dir"))
  public var data: String?

  @Flag(help: "Never download MNIST; fail with instructions instead.")
  public var noDownload = false

  @Option(help: ArgumentHelp("Directory for figures; data and gnuplot scripts go to <dir>/src.", valueName: "dir"))
  public var figures: String = "Figures"

  @Option(help: "Figure file format: png, pdf or svg.")
  public var format: FigureFormat = .png

  @Flag(help: "Draw figures as ASCII in the terminal (gnuplot's dumb terminal) instead of files.")
  public var terminal = false

  @Flag(help: "Skip figures (checks still run; gnuplot is not needed).")
  public var noFigures = false

  @Option(
    help: ArgumentHelp(
      "Show each figure as it is drawn: in a window (with a display and gnuplot-qt/-x11), as sixel graphics inline, "
        + "or as ASCII; a bare --show picks the first that works here. Files are still written unless --no-figures.",
      valueName: "auto|window|sixel|ascii"))
  public var show: ShowRequest?

  @Option(help: ArgumentHelp("Write the checks and figures as JSON to this file.", valueName: "file"))
  public var report: String?

  @Option(
    help: ArgumentHelp(
      "Append each section's wall time to this file (tab-separated: chapter, section, quick|full, seconds).",
      valueName: "file"))
  public var timings: String?

  @Flag(help: "Wait for Enter before each section, so a lecturer can talk over each table.")
  public var step = false

  @Option(
    help: ArgumentHelp(
      "Cores to train on (default: all of them). The numbers and figures come out the same with any count.",
      valueName: "n"))
  public var cores: Int?

  @Option(
    help: ArgumentHelp("Plant a named mistake (see --mistakes) and report which checks catch it.", valueName: "name"))
  public var mistake: String?

  @Flag(
    help: "List the mistakes a lecturer can plant with --mistake: name, slide, what is wrong, the checks that catch it."
  )
  public var mistakes = false

  @Flag(help: "List the chapter's sections (the names --section takes) with their slides.")
  public var list = false

  @Option(
    name: .customLong("section"),
    help: ArgumentHelp(
      "Run only this section and what it needs (repeatable; a prefix of a name from --list).", valueName: "name"))
  public var sections: [String] = []

  public init() {}

  public func validate() throws {
    if terminal && noFigures { throw ValidationError("--terminal and --no-figures contradict each other") }
    if terminal && show != nil {
      throw ValidationError("--terminal already shows ASCII figures; use --show ascii or one of them")
    }
    if let data, data.isEmpty { throw ValidationError("--data needs a directory") }
    if mistakes && mistake != nil { throw ValidationError("--mistakes lists the catalogue; --mistake NAME plants one") }
    if list && !sections.isEmpty { throw ValidationError("--list lists the sections; --section NAME runs one") }
    if let cores, !(1...4096).contains(cores) { throw ValidationError("--cores needs 1 to 4096 cores, got \(cores)") }
  }

  /// Applies `--cores`, before any work: the workers of the parallel loops start with the first.
  public func applyCores() {
    if let cores { ck_parallel_set_cores(Int32(cores)) }
  }

  /// The command line with a bare `--show` (last, or followed by another flag) read as
  /// `--show auto`, since an option's value cannot be optional in the parser.
  public static func normalized(_ arguments: [String]) -> [String] {
    var out: [String] = []
    for (i, argument) in arguments.enumerated() {
      out.append(argument)
      if argument == "--show", i + 1 == arguments.count || arguments[i + 1].hasPrefix("-") { out.append("auto") }
    }
    return out
  }

  /// Where the images come from.
  public var dataSource: DatasetSource {
    DatasetSource(dataDirectory: data.map { URL(fileURLWithPath: $0, isDirectory: true) }, allowDownload: !noDownload)
  }
}
