// course: runs every chapter that exists, in lecture order, and prints a summary table
// (chapter, checks passed/failed, stated facts, figures written, seconds). Takes the chapters'
// flags; `--only pca` runs a subset. `--mistakes` plants every mistake of every chapter's
// catalogue in turn (quick runs, no figures) and writes the matrix of mistakes against the
// checks they failed. Exit status 1 if any check failed (or, with --mistakes, if a mistake went
// uncaught or a check was failed by no mistake), 2 on an error.

import ArgumentParser
import AutoencoderChapter
import CVAEChapter
import DenoisingChapter
import Foundation
import Lecture
import PCAChapter
import PrelimsChapter
import SparseChapter
import StackedChapter
import VAEChapter
import VQVAEChapter

/// The chapters in lecture order. A new chapter is added here and in Package.swift.
func allChapters() -> [any Chapter.Type] {
  [
    PCAChapter.self, AutoencoderChapter.self, SparseChapter.self, DenoisingChapter.self, StackedChapter.self,
    PrelimsChapter.self, VAEChapter.self, CVAEChapter.self, VQVAEChapter.self,
  ]
}

struct CourseOptions: ParsableArguments {
  @OptionGroup var chapter: ChapterOptions

  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp("Run only these chapters (names as the executables: pca, ...).", valueName: "chapter"))
  var only: [String] = []

  @Option(help: ArgumentHelp("With --mistakes: where the matrix of mistakes and checks goes.", valueName: "file"))
  var matrix = "Chapters/mistakes.md"

  @Option(
    help: ArgumentHelp(
      "Chapters (or --mistakes runs) at once, each in its own process on an equal share of the cores (default: with "
        + "--quick or --mistakes one per core, at most 4; else 1). The numbers and figures come out the same with any "
        + "count.",
      valueName: "n"))
  var jobs: Int?

  @Option(help: ArgumentHelp(visibility: .private))
  var chapterProcess: String?

  /// With --chapter-process and --mistakes: the matrix run's planted mistake.
  @Option(help: ArgumentHelp(visibility: .private))
  var plant: String?

  /// The cores the whole course may use: --cores, or every online core.
  var coreBudget: Int { chapter.cores ?? ProcessInfo.processInfo.activeProcessorCount }

  /// Each child process's equal share of the cores when `jobCount` run at once.
  var coresPerJob: Int { max(1, coreBudget / jobCount) }

  /// How many chapters run at once. A quick chapter keeps two cores only partly busy (setup,
  /// data, figures, small products: two cores ran `course --quick` 1.3 times as fast as one), so
  /// side by side the quick course took 65-69 s where one at a time took 79-81. A full chapter's
  /// training keeps them busy: side by side the full course took 783 s, one at a time 739, so
  /// full runs default to one at a time. The matrix's runs are quick runs, so they go side by
  /// side too. A lecturer stepping through sections or watching figures sees one chapter at a time.
  var jobCount: Int {
    if let jobs { return jobs }
    if chapter.step || chapter.show != nil || !(chapter.quick || chapter.mistakes) { return 1 }
    return max(1, min(coreBudget, 4))
  }

  func validate() throws {
    let chapters = allChapters()
    let known = Set(chapters.map { $0.name })
    if let bad = only.first(where: { !known.contains($0) }) {
      throw ValidationError("unknown chapter '\(bad)'; chapters: \(chapters.map { $0.name }.joined(separator: ", "))")
    }
    if chapter.mistake != nil {
      throw ValidationError("--mistake plants one chapter's mistake: run that chapter (e.g. vae --mistake NAME)")
    }
    if chapter.list || !chapter.sections.isEmpty {
      throw ValidationError("--list and --section choose one chapter's sections: run that chapter (e.g. vae --list)")
    }
    if let jobs, !(1...64).contains(jobs) {
      throw ValidationError("--jobs needs 1 to 64 chapters at once, got \(jobs)")
    }
    if let jobs, jobs > 1, chapter.step || chapter.show != nil {
      throw ValidationError("--step and --show need the chapters one at a time: leave out --jobs")
    }
    if let name = chapterProcess, !known.contains(name) || chapter.report == nil {
      throw ValidationError("--chapter-process needs a known chapter and --report")
    }
  }
}

lineBufferStandardOutput()
reuseLargeAllocations()
pinBLASKernels()
let options: CourseOptions
let arguments = ChapterOptions.normalized(Array(CommandLine.arguments.dropFirst()))
do {
  options = try CourseOptions.parse(arguments)
  options.chapter.applyCores()
} catch {
  exit(
    ChapterMain.reportParseError(
      error, command: "course", abstract: "every chapter of the lecture, in order", options: CourseOptions.self,
      notes: """
        In course, --mistakes plants every mistake of every chapter in turn (quick runs, no figures) and
        writes the matrix to --matrix; --mistake, --list and --section belong to one chapter: run it.
        """))
}
let chapters = allChapters().filter { options.only.isEmpty || options.only.contains($0.name) }

/// One line of the summary table.
struct Row {
  let name: String
  var passed = 0
  var failed = 0
  var facts = 0
  var figures = 0
  let seconds: Double
  var error: String?

  init(name: String, report: ChapterReport, seconds: Double) {
    self.name = name
    passed = report.passed
    failed = report.failed
    facts = report.facts.count
    figures = report.figures.count
    self.seconds = seconds
  }

  init(name: String, seconds: Double, error: String?) {
    self.name = name
    self.seconds = seconds
    self.error = error
  }
}

/// Runs one chapter in this process; an error (a missing file, a diverged run) is printed and
/// becomes the row's, so it does not hide the other chapters' results.
func runInProcess(_ chapter: any Chapter.Type, options: ChapterOptions) -> (row: Row, report: ChapterReport?) {
  let start = Date()
  do {
    let run = try ChapterRun(chapter: chapter, options: options)
    try chapter.run(run)
    let report = try run.finish()
    return (Row(name: chapter.name, report: report, seconds: Date().timeIntervalSince(start)), report)
  } catch {
    printError("course (\(chapter.name)): error: \(oneLine(error))")
    return (Row(name: chapter.name, seconds: Date().timeIntervalSince(start), error: oneLine(error)), nil)
  }
}

var perChapter = options.chapter
perChapter.report = nil  // the course writes one combined report below

if let name = options.chapterProcess {
  // One chapter for `--jobs`, or one run of the matrix (--mistakes, with --plant): its report
  // goes to the file the parent named, which reads it. A child whose parent is gone (killed
  // without its process group) has no one to report to, so it stops within a second.
  let parent = getppid()
  Thread.detachNewThread {
    while getppid() == parent { sleep(1) }
    _exit(2)
  }
  var runOptions = perChapter
  if options.chapter.mistakes {
    runOptions = matrixRunOptions(options)
    runOptions.mistake = options.plant
  }
  let (_, report) = runInProcess(allChapters().first { $0.name == name }!, options: runOptions)
  guard let report else { exit(2) }
  do {
    try report.write(to: URL(fileURLWithPath: options.chapter.report!))
  } catch {
    ChapterMain.fail("course (\(name))", error)
  }
  exit(0)
}

if options.chapter.mistakes {
  exit(runMistakeMatrix(chapters, options: options, arguments: arguments))
}

let courseStart = Date()
let runs: [(row: Row, report: ChapterReport?)]
if options.jobCount > 1 && chapters.count > 1 {
  runs = runChapterProcesses(
    chapters, arguments: arguments, jobs: options.jobCount, coresEach: options.coresPerJob,
    timings: options.chapter.timings)
} else {
  runs = chapters.map { chapter in
    defer { print("") }
    return runInProcess(chapter, options: perChapter)
  }
}
printError(
  String(format: "course: %.1f s", Date().timeIntervalSince(courseStart))
    + (options.jobCount > 1 && chapters.count > 1 ? ", \(options.jobCount) chapters at a time" : ""))
let rows = runs.map(\.row)
let reports = runs.compactMap(\.report)

print("Course summary")
print("  chapter      passed  failed  facts  figures   seconds")
for r in rows {
  let line =
    "  " + r.name.padding(toLength: 12, withPad: " ", startingAt: 0)
    + String(format: " %6d  %6d  %5d  %7d  %8.1f", r.passed, r.failed, r.facts, r.figures, r.seconds)
  print(r.error == nil ? line : line + "  error")
}
let passed = rows.reduce(0) { $0 + $1.passed }
let failed = rows.reduce(0) { $0 + $1.failed }
print("\(passed) passed, \(failed) failed")
if let path = options.chapter.report {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
  do {
    try encoder.encode(reports).write(to: URL(fileURLWithPath: path), options: .atomic)
  } catch {
    ChapterMain.fail("course", error)
  }
}
if let error = rows.first(where: { $0.error != nil }) {
  printError("course: \(error.name) stopped with an error (above); the summary counts what ran")
  exit(2)
}
exit(failed > 0 ? 1 : 0)
