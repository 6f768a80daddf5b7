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

  @Option(parsing: .upToNextOption, help: "Run only these chapters (names as the executables: pca, ...).")
  var only: [String] = []

  @Option(help: ArgumentHelp("With --mistakes: where the matrix of mistakes and checks goes.", valueName: "file"))
  var matrix = "Chapters/mistakes.md"

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
  }
}

lineBufferStandardOutput()
reuseLargeAllocations()
pinBLASKernels()
let options: CourseOptions
do {
  options = try CourseOptions.parse(ChapterOptions.normalized(Array(CommandLine.arguments.dropFirst())))
  options.chapter.applyCores()
} catch {
  exit(ChapterMain.reportParseError(error, command: "course", abstract: "every chapter of the lecture, in order"))
}
let chapters = allChapters().filter { options.only.isEmpty || options.only.contains($0.name) }

if options.chapter.mistakes {
  exit(runMistakeMatrix(chapters, options: options))
}

struct Row {
  let name: String
  let passed: Int
  let failed: Int
  let facts: Int
  let figures: Int
  let seconds: Double
  let error: String?
}
var rows: [Row] = []
var reports: [ChapterReport] = []
var perChapter = options.chapter
perChapter.report = nil  // the course writes one combined report below

for chapter in chapters {
  let start = Date()
  do {
    let run = try ChapterRun(chapter: chapter, options: perChapter)
    try chapter.run(run)
    let report = try run.finish()
    reports.append(report)
    rows.append(
      Row(
        name: chapter.name, passed: report.passed, failed: report.failed, facts: report.facts.count,
        figures: report.figures.count, seconds: Date().timeIntervalSince(start), error: nil))
  } catch {
    // One chapter's error (a missing file, a diverged run) does not hide the others' results.
    printError("course (\(chapter.name)): error: \(oneLine(error))")
    rows.append(
      Row(
        name: chapter.name, passed: 0, failed: 0, facts: 0, figures: 0, seconds: Date().timeIntervalSince(start),
        error: oneLine(error)))
  }
  print("")
}

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
