// course --jobs N: the chapters run as child processes of this executable, N at a time, each on
// its share of the cores. A chapter's numbers and figures do not depend on how many cores it
// trains on (BLASSplit, blasthreads.c), so the transcript is the one-at-a-time run's; what
// changes is that the second core, which one chapter's training keeps only partly busy (two
// cores run `course --quick` 1.3 times as fast as one), trains another chapter meanwhile.
// The output stays in lecture order: the first unfinished chapter's is printed as it comes, a
// later chapter's once the chapters before it are done.

import Foundation
import Lecture

/// Runs `chapters` as `jobs` child processes at a time, each with `arguments` (the course's own
/// command line) plus its chapter, its cores and a private report and timings file; prints their
/// output in lecture order and returns one row and report per chapter, as the in-process loop does.
func runChapterProcesses(
  _ chapters: [any Chapter.Type], arguments: [String], jobs: Int, coresEach: Int, timings: String?
) -> [(row: Row, report: ChapterReport?)] {
  let scratch = ScratchDirectory()
  defer { scratch.remove() }
  func reportURL(_ i: Int) -> URL { scratch.url.appendingPathComponent("\(chapters[i].name).json") }
  func timingsURL(_ i: Int) -> URL { scratch.url.appendingPathComponent("\(chapters[i].name).tsv") }
  let children = ChildProcesses(
    arguments: chapters.indices.map { i in
      // Options given twice take the last value, so these override the course's own.
      arguments + [
        "--chapter-process", chapters[i].name, "--report", reportURL(i).path, "--cores", String(coresEach),
        "--jobs", "1",
      ] + (timings == nil ? [] : ["--timings", timingsURL(i).path])
    }, jobs: jobs)

  var results: [(row: Row, report: ChapterReport?)] = []
  for i in chapters.indices {
    var lastError = ""
    let ending = children.wait(i) { chunk in
      (chunk.toError ? FileHandle.standardError : FileHandle.standardOutput).write(chunk.data)
      if chunk.toError, let text = String(data: chunk.data, encoding: .utf8) {
        lastError = text.split(whereSeparator: \.isNewline).last.map(String.init) ?? lastError
      }
    }
    results.append(outcome(of: chapters[i].name, ending, report: reportURL(i), lastError: lastError))
    print("")
  }
  if let timings { appendTimings(chapters.indices.map(timingsURL), to: timings) }
  return results
}

/// The row and report of a chapter whose child process ended as `ending`.
private func outcome(of name: String, _ ending: ChildEnding, report url: URL, lastError: String) -> (
  row: Row, report: ChapterReport?
) {
  var error: String?
  var report: ChapterReport?
  if ending.signalled {
    error = "stopped by signal \(ending.status)"
    printError("course (\(name)): error: \(error!)")
  } else if ending.status != 0 {
    error = lastError.isEmpty ? "exit status \(ending.status)" : lastError
  } else {
    do {
      report = try JSONDecoder().decode(ChapterReport.self, from: Data(contentsOf: url))
    } catch {
      let reason = "its report \(url.path) is unreadable: \(oneLine(error))"
      printError("course (\(name)): error: \(reason)")
      return (Row(name: name, seconds: ending.seconds, error: reason), nil)
    }
  }
  guard let report else { return (Row(name: name, seconds: ending.seconds, error: error), nil) }
  return (Row(name: name, report: report, seconds: ending.seconds), report)
}

/// Appends the chapters' timings files, in lecture order, to the one `--timings` named.
private func appendTimings(_ files: [URL], to path: String) {
  let text = files.compactMap { try? Data(contentsOf: $0) }.reduce(Data(), +)
  do {
    if !FileManager.default.fileExists(atPath: path) { try Data().write(to: URL(fileURLWithPath: path)) }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: text)
  } catch {
    ChapterMain.fail("course", LectureError.cannotWrite(path: path, reason: error.localizedDescription))
  }
}
