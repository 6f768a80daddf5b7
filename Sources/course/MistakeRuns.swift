// course --mistakes: every catalogued mistake planted in a quick run without figures (see
// Lecture's plantEveryMistake), one line per mistake as it finishes, then the matrix file.

import Foundation
import Lecture

/// Plants every mistake of `chapters`, writes the matrix, and returns the exit status: 0 when
/// every mistake was caught and every check was failed by some mistake, 1 otherwise, 2 on an error.
func runMistakeMatrix(_ chapters: [any Chapter.Type], options: CourseOptions) -> Int32 {
  var base = options.chapter
  base.quick = true
  base.noFigures = true
  base.terminal = false
  base.report = nil
  base.timings = nil
  base.mistakes = false
  var results: [ChapterMistakes] = []
  do {
    results = try plantEveryMistake(chapters, options: base) { print($0) }
    let command =
      "course --quick --mistakes" + (options.only.isEmpty ? "" : " --only " + options.only.joined(separator: " "))
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
  print(
    "\(mistakes) mistakes planted, \(uncaught.count) not caught; \(checks - neverFailed) of \(checks) checks failed by "
      + "some mistake"
  )
  if !uncaught.isEmpty { print("not caught: " + uncaught.joined(separator: ", ")) }
  let honestFailures = results.contains { !$0.honestFailures.isEmpty }
  return uncaught.isEmpty && neverFailed == 0 && !honestFailures ? 0 : 1
}
