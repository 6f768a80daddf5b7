// course: runs every chapter that exists, in lecture order, and prints a summary table
// (chapter, checks passed/failed, figures written, seconds). Takes the chapters' flags;
// `--only pca` runs a subset. Exit status 1 if any check failed, 2 on an error.

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
import VQVAEChapter
import VAEChapter

/// The chapters in lecture order. A new chapter is added here and in Package.swift.
func allChapters() -> [any Chapter.Type] { [PCAChapter.self, AutoencoderChapter.self, SparseChapter.self, DenoisingChapter.self, StackedChapter.self, PrelimsChapter.self, VAEChapter.self, CVAEChapter.self, VQVAEChapter.self] }

struct CourseOptions: ParsableArguments {
  @OptionGroup var chapter: ChapterOptions

  @Option(parsing: .upToNextOption, help: "Run only these chapters (names as the executables: pca, ...).")
  var only: [String] = []

  func validate() throws {
    let chapters = allChapters()
    let known = Set(chapters.map { $0.name })
    if let bad = only.first(where: { !known.contains($0) }) {
      throw ValidationError("unknown chapter '\(bad)'; chapters: \(chapters.map { $0.name }.joined(separator: ", "))")
    }
  }
}

let options: CourseOptions
do {
  options = try CourseOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
  exit(ChapterMain.reportParseError(error, command: "course", abstract: "every chapter of the lecture, in order"))
}

struct Row { let name: String; let passed: Int; let failed: Int; let figures: Int; let seconds: Double }
var rows: [Row] = []
var reports: [ChapterReport] = []
var perChapter = options.chapter
perChapter.report = nil  // the course writes one combined report below

for chapter in allChapters() where options.only.isEmpty || options.only.contains(chapter.name) {
  let start = Date()
  do {
    let run = try ChapterRun(chapter: chapter, options: perChapter)
    try chapter.run(run)
    let report = try run.finish()
    reports.append(report)
    rows.append(Row(name: chapter.name, passed: report.passed, failed: report.failed, figures: report.figures.count, seconds: Date().timeIntervalSince(start)))
  } catch {
    ChapterMain.fail("course (\(chapter.name))", error)
  }
  print("")
}

print("Course summary")
print("  chapter      passed  failed  figures   seconds")
for r in rows {
  print("  " + r.name.padding(toLength: 12, withPad: " ", startingAt: 0)
    + String(format: " %6d  %6d  %7d  %8.1f", r.passed, r.failed, r.figures, r.seconds))
}
let passed = rows.reduce(0) { $0 + $1.passed }, failed = rows.reduce(0) { $0 + $1.failed }
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
exit(failed > 0 ? 1 : 0)
