// course --mistakes: every catalogued mistake planted in a quick run without figures (see
// Lecture's plantEveryMistake), one line per mistake as it finishes, then the matrix file.

import Foundation
import Lecture

/// The options of every run of the matrix: quick, no figures, nothing written.
func matrixRunOptions(_ options: CourseOptions) -> ChapterOptions {
  var base = options.chapter
  base.quick = true
  base.noFigures = true
  base.terminal = false
  base.show = nil
  base.report = nil
  base.timings = nil
  base.mistakes = false
  return base
}

/// Plants every mistake of `chapters`, writes the matrix, and returns the exit status: 0 when
/// every mistake was caught and every check was failed by some mistake, 1 otherwise, 2 on an error.
func runMistakeMatrix(_ chapters: [any Chapter.Type], options: CourseOptions, arguments: [String]) -> Int32 {
  let base = matrixRunOptions(options)
  var results: [ChapterMistakes] = []
  let scratch = ScratchDirectory()
  defer { scratch.remove() }
  do {
    let report =
      options.jobCount > 1
      ? childProcessReports(chapters, options: options, arguments: arguments, scratch: scratch)
      : { try silentReport($0, options: $1) }
    results = try plantEveryMistake(chapters, options: base, progress: { print($0) }, report: report)
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

/// The matrix's runs as child processes of this executable (`--chapter-process` with `--plant`),
/// started in the order plantEveryMistake asks for them, `jobs` at a time; returns the function
/// that waits for a run and reads its report. The matrix is the one-at-a-time run's.
private func childProcessReports(
  _ chapters: [any Chapter.Type], options: CourseOptions, arguments: [String], scratch: ScratchDirectory
) -> (any Chapter.Type, ChapterOptions) throws -> ChapterReport {
  // Each chapter's honest run, then its mistakes.
  var runs: [(chapter: String, mistake: String?)] = []
  for chapter in chapters {
    runs.append((chapter.name, nil))
    runs += chapter.mistakes.map { (chapter.name, $0.name) }
  }
  var index: [String: Int] = [:]
  for (i, run) in runs.enumerated() { index["\(run.chapter)/\(run.mistake ?? "")"] = i }
  func reportURL(_ i: Int) -> URL { scratch.url.appendingPathComponent("\(i).json") }
  let children = ChildProcesses(
    arguments: runs.indices.map { i in
      chapterProcessArguments(arguments, chapter: runs[i].chapter, report: reportURL(i), cores: options.coresPerJob)
        + (runs[i].mistake.map { ["--plant", $0] } ?? [])
    }, jobs: options.jobCount)
  return { chapter, planted in
    let i = index["\(chapter.name)/\(planted.mistake ?? "")"]!
    var errors = Data()
    let ending = children.wait(i) { if $0.toError { errors.append($0.data) } }
    do throws(MissingReport) {
      return try ending.report(at: reportURL(i))
    } catch {
      FileHandle.standardError.write(errors)
      throw ChildFailed(
        command: "\(chapter.name)" + (planted.mistake.map { " --mistake \($0)" } ?? ""), reason: error.description)
    }
  }
}
