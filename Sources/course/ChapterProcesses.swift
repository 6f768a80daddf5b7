// course --jobs N: the chapters run as child processes of this executable, N at a time, each on
// its share of the cores. A chapter's numbers and figures do not depend on how many cores it
// trains on (BLASSplit, blasthreads.c), so the transcript is the one-at-a-time run's; what
// changes is that the second core, which one chapter's training keeps only partly busy (two
// cores run `course --quick` 1.3 times as fast as one), trains another chapter meanwhile.
// The output stays in lecture order: the first unfinished chapter's is printed as it comes, a
// later chapter's once the chapters before it are done.

import Foundation
import Glibc
import Lecture

/// What a chapter's child process printed and how it ended, filled in by the threads that read
/// its pipes and waited for it, and read by the main thread, which prints it in order.
private final class ChapterOutputs: @unchecked Sendable {
  struct Chunk {
    let toError: Bool
    let data: Data
  }
  struct Ending {
    let status: Int32
    let signalled: Bool
    let seconds: Double
  }

  private let condition = NSCondition()
  private var chunks: [[Chunk]]
  private var endings: [Ending?]
  private var ended = 0

  init(count: Int) {
    chunks = Array(repeating: [], count: count)
    endings = Array(repeating: nil, count: count)
  }

  func append(_ data: Data, toError: Bool, chapter: Int) {
    condition.lock()
    chunks[chapter].append(Chunk(toError: toError, data: data))
    condition.broadcast()
    condition.unlock()
  }

  func end(_ chapter: Int, _ ending: Ending) {
    condition.lock()
    endings[chapter] = ending
    ended += 1
    condition.broadcast()
    condition.unlock()
  }

  /// Waits until `chapter` printed something or ended, or until more chapters than `endedSeen`
  /// ended (so the caller can start the next); returns what arrived and how many have ended.
  func next(_ chapter: Int, endedSeen: Int) -> (chunks: [Chunk], ending: Ending?, ended: Int) {
    condition.lock()
    defer { condition.unlock() }
    while chunks[chapter].isEmpty && endings[chapter] == nil && ended == endedSeen { condition.wait() }
    let arrived = chunks[chapter]
    chunks[chapter] = []
    return (arrived, endings[chapter], ended)
  }
}

/// Copies `handle` into `outputs` until end of file.
private func drain(_ handle: FileHandle, into outputs: ChapterOutputs, toError: Bool, chapter: Int) {
  while true {
    let data = handle.availableData
    if data.isEmpty { return }
    outputs.append(data, toError: toError, chapter: chapter)
  }
}

/// Runs `chapters` as `jobs` child processes at a time, each with `arguments` (the course's own
/// command line) plus its chapter, its cores and a private report and timings file; prints their
/// output in lecture order and returns one row and report per chapter, as the in-process loop does.
func runChapterProcesses(
  _ chapters: [any Chapter.Type], arguments: [String], jobs: Int, coresEach: Int, timings: String?
) -> [(row: Row, report: ChapterReport?)] {
  let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("course-\(getpid())-\(UUID())")
  do {
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  } catch {
    ChapterMain.fail("course", LectureError.cannotWrite(path: scratch.path, reason: error.localizedDescription))
  }
  defer { try? FileManager.default.removeItem(at: scratch) }
  let executable = URL(
    fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0])
  let outputs = ChapterOutputs(count: chapters.count)
  func reportURL(_ i: Int) -> URL { scratch.appendingPathComponent("\(chapters[i].name).json") }
  func timingsURL(_ i: Int) -> URL { scratch.appendingPathComponent("\(chapters[i].name).tsv") }

  func start(_ i: Int) {
    let process = Process()
    process.executableURL = executable
    // Options given twice take the last value, so these override the course's own.
    process.arguments =
      arguments + [
        "--chapter-process", chapters[i].name, "--report", reportURL(i).path, "--cores", String(coresEach),
        "--jobs", "1",
      ] + (timings == nil ? [] : ["--timings", timingsURL(i).path])
    process.standardInput = FileHandle.nullDevice
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let started = Date()
    do {
      try process.run()
    } catch {
      let line = "course (\(chapters[i].name)): error: cannot start \(executable.path): \(oneLine(error))\n"
      outputs.append(Data(line.utf8), toError: true, chapter: i)
      outputs.end(i, .init(status: 2, signalled: false, seconds: 0))
      return
    }
    let reader = out.fileHandleForReading
    let errorReader = err.fileHandleForReading
    Thread.detachNewThread {
      let errorsDone = DispatchSemaphore(value: 0)
      Thread.detachNewThread {
        drain(errorReader, into: outputs, toError: true, chapter: i)
        errorsDone.signal()
      }
      drain(reader, into: outputs, toError: false, chapter: i)
      errorsDone.wait()
      process.waitUntilExit()
      outputs.end(
        i,
        .init(
          status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
          seconds: Date().timeIntervalSince(started)))
    }
  }

  var results: [(row: Row, report: ChapterReport?)] = []
  var started = 0
  var endedSeen = 0
  for i in chapters.indices {
    var ending: ChapterOutputs.Ending?
    var lastError = ""
    while ending == nil {
      while started < chapters.count && started - endedSeen < jobs {
        start(started)
        started += 1
      }
      let arrived = outputs.next(i, endedSeen: endedSeen)
      for chunk in arrived.chunks {
        (chunk.toError ? FileHandle.standardError : FileHandle.standardOutput).write(chunk.data)
        if chunk.toError, let text = String(data: chunk.data, encoding: .utf8) {
          lastError = text.split(whereSeparator: \.isNewline).last.map(String.init) ?? lastError
        }
      }
      ending = arrived.ending
      endedSeen = arrived.ended
    }
    results.append(outcome(of: chapters[i].name, ending!, report: reportURL(i), lastError: lastError))
    print("")
  }
  if let timings { appendTimings(chapters.indices.map(timingsURL), to: timings) }
  return results
}

/// The row and report of a chapter whose child process ended as `ending`.
private func outcome(of name: String, _ ending: ChapterOutputs.Ending, report url: URL, lastError: String) -> (
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
