// course --mistakes: each chapter's honest quick run, then one quick run per catalogued mistake,
// all silent and without figures; one line per mistake as it finishes, then the matrix file.

import Foundation
import Lecture

/// Runs `chapter` silently with `options` and returns its report.
func silentReport(_ chapter: any Chapter.Type, options: ChapterOptions) throws -> ChapterReport {
  let run = try ChapterRun(chapter: chapter, options: options) { _ in }
  try chapter.run(run)
  return try run.finish()
}

/// Plants every mistake of `chapters`, writes the matrix, and returns the exit status: 0 when
/// every mistake was caught and every check was failed by some mistake, 1 otherwise, 2 on an error.
func runMistakeMatrix(_ chapters: [any Chapter.Type], options: CourseOptions) -> Int32 {
  var base = options.chapter
  base.quick = true
  base.noFigures = true
  base.terminal = false
  base.report = nil
  base.mistakes = false
  var results: [ChapterMistakes] = []
  do {
    for chapter in chapters {
      let honest = try silentReport(chapter, options: base)
      print("\(chapter.name): honest run, \(honest.checks.count) checks, \(honest.failed) failed; "
            + "\(chapter.mistakes.count) mistakes to plant")
      var outcomes: [MistakeOutcome] = []
      for mistake in chapter.mistakes {
        var planted = base
        planted.mistake = mistake.name
        let report = try silentReport(chapter, options: planted)
        let outcome = MistakeOutcome(mistake: mistake, failed: report.checks.filter { !$0.passed }.map(\.name),
                                     checksRun: report.checks.map(\.name))
        outcomes.append(outcome)
        let verdict = outcome.caught ? "caught by \(outcome.failed.count)" : "NOT CAUGHT"
        let missed = outcome.missed.isEmpty ? "" : "; \(outcome.missed.count) catalogued check(s) passed"
        print("  \(mistake.name): \(verdict)\(missed)")
      }
      results.append(ChapterMistakes(chapter: chapter.name, checks: honest.checks.map(\.name),
                                     honestFailures: honest.checks.filter { !$0.passed }.map(\.name), outcomes: outcomes))
    }
    let command = "course --quick --mistakes" + (options.only.isEmpty ? "" : " --only " + options.only.joined(separator: " "))
    let text = mistakeMatrixMarkdown(results, seed: base.seed, command: command)
    let url = URL(fileURLWithPath: options.matrix)
    do {
      try text.data(using: .utf8)!.write(to: url, options: .atomic)
    } catch {
      throw LectureError.cannotWrite(path: url.path, reason: error.localizedDescription)
    }
    print("matrix: \(options.matrix)")
  } catch {
    ChapterMain.fail("course --mistakes", error)
  }
  let uncaught = results.flatMap { c in c.uncaught.map { "\(c.chapter) \($0.name)" } }
  let neverFailed = results.reduce(0) { $0 + $1.neverFailed.count }
  let mistakes = results.reduce(0) { $0 + $1.outcomes.count }
  let checks = results.reduce(0) { $0 + $1.checks.count }
  print("\(mistakes) mistakes planted, \(uncaught.count) not caught; \(checks - neverFailed) of \(checks) checks failed by some mistake")
  if !uncaught.isEmpty { print("not caught: " + uncaught.joined(separator: ", ")) }
  let honestFailures = results.contains { !$0.honestFailures.isEmpty }
  return uncaught.isEmpty && neverFailed == 0 && !honestFailures ? 0 : 1
}
