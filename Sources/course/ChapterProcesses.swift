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
      chapterProcessArguments(arguments, chapter: chapters[i].name, report: reportURL(i), cores: coresEach)
        + (timings == nil ? [] : ["--timings", timingsURL(i).path])
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

/// The row and report of a chapter whose child process ended as `ending`. A child that failed
/// printed its error line on stderr, and `lastError` is it; other failures are printed here.
private func outcome(of name: String, _ ending: ChildEnding, report url: URL, lastError: String) -> (
  row: Row, report: ChapterReport?
) {
  do throws(MissingReport) {
    let report = try ending.report(at: url)
    return (Row(name: name, report: report, seconds: ending.seconds), report)
  } catch {
    var reason = error.description
    if case .exitStatus = error, !lastError.isEmpty {
      reason = lastError
    } else {
      printError("course (\(name)): error: \(reason)")
    }
    return (Row(name: name, seconds: ending.seconds, error: reason), nil)
  }
}

/// Appends the chapters' timings files, in lecture order, to the one `--timings` named.
private func appendTimings(_ files: [URL], to path: String) {
  do {
    try appendToTimingsFile(
      files.compactMap { try? Data(contentsOf: $0) }.reduce(Data(), +), url: URL(fileURLWithPath: path))
  } catch {
    ChapterMain.fail("course", error)
  }
}
