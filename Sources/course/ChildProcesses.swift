// Child processes of this executable, started in a given order and at most `jobs` at a time,
// whose output the caller takes in that order: `course --jobs` runs chapters this way, and
// `course --mistakes --jobs` the matrix's runs. The threads that read a child's pipes and wait
// for it keep what it prints until the caller asks for it, so a child never blocks on a full pipe.

import Foundation
import Lecture

/// A child's output in the pieces it arrived in, each for stdout or stderr.
struct ChildChunk {
  let toError: Bool
  let data: Data
}

/// How a child ended, and how long it ran.
struct ChildEnding {
  let status: Int32
  let signalled: Bool
  let seconds: Double
}

final class ChildProcesses: @unchecked Sendable {
  private let executable: URL
  private let arguments: [[String]]
  private let jobs: Int
  private let condition = NSCondition()
  private var chunks: [[ChildChunk]]
  private var endings: [ChildEnding?]
  private var ended = 0
  private var started = 0

  /// One child per element of `arguments` (its command line after the executable).
  init(arguments: [[String]], jobs: Int) {
    executable = URL(
      fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        ?? CommandLine.arguments[0])
    self.arguments = arguments
    self.jobs = jobs
    chunks = Array(repeating: [], count: arguments.count)
    endings = Array(repeating: nil, count: arguments.count)
  }

  /// Waits for child `i` to end, handing each piece of its output to `output` as it arrives,
  /// and starts later children as earlier ones end. The caller takes the children in order.
  func wait(_ i: Int, output: (ChildChunk) -> Void) -> ChildEnding {
    condition.lock()
    while true {
      if started < arguments.count && started - ended < jobs {
        condition.unlock()  // start takes the lock itself if the child cannot start
        start(started)
        started += 1
        condition.lock()
      } else if !chunks[i].isEmpty || endings[i] != nil {
        let arrived = chunks[i]
        chunks[i] = []
        let ending = endings[i]
        condition.unlock()
        arrived.forEach(output)
        if let ending { return ending }
        condition.lock()
      } else {
        condition.wait()
      }
    }
  }

  private func append(_ data: Data, toError: Bool, child: Int) {
    condition.lock()
    chunks[child].append(ChildChunk(toError: toError, data: data))
    condition.broadcast()
    condition.unlock()
  }

  private func end(_ child: Int, _ ending: ChildEnding) {
    condition.lock()
    endings[child] = ending
    ended += 1
    condition.broadcast()
    condition.unlock()
  }

  /// Copies `handle` into the child's output until end of file.
  private func drain(_ handle: FileHandle, toError: Bool, child: Int) {
    while true {
      let data = handle.availableData
      if data.isEmpty { return }
      append(data, toError: toError, child: child)
    }
  }

  private func start(_ i: Int) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments[i]
    process.standardInput = FileHandle.nullDevice
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let startedAt = Date()
    do {
      try process.run()
    } catch {
      append(Data("course: error: cannot start \(executable.path): \(oneLine(error))\n".utf8), toError: true, child: i)
      end(i, ChildEnding(status: 2, signalled: false, seconds: 0))
      return
    }
    let reader = out.fileHandleForReading
    let errorReader = err.fileHandleForReading
    Thread.detachNewThread {
      let errorsDone = DispatchSemaphore(value: 0)
      Thread.detachNewThread {
        self.drain(errorReader, toError: true, child: i)
        errorsDone.signal()
      }
      self.drain(reader, toError: false, child: i)
      errorsDone.wait()
      process.waitUntilExit()
      self.end(
        i,
        ChildEnding(
          status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
          seconds: Date().timeIntervalSince(startedAt)))
    }
  }
}

/// A chapter process's command line: the course's own `arguments`, then its chapter, the file
/// for its report and its cores. Options given twice take the last value, so these override the
/// course's own, and `--jobs 1` keeps the child from starting children of its own.
func chapterProcessArguments(_ arguments: [String], chapter: String, report: URL, cores: Int) -> [String] {
  arguments + ["--chapter-process", chapter, "--report", report.path, "--cores", String(cores), "--jobs", "1"]
}

extension ChildEnding {
  /// The ChapterReport a chapter-process child wrote to `url`, or why there is none.
  func report(at url: URL) throws(MissingReport) -> ChapterReport {
    if signalled { throw .signalled(status) }
    if status != 0 { throw .exitStatus(status) }
    do {
      return try JSONDecoder().decode(ChapterReport.self, from: Data(contentsOf: url))
    } catch {
      throw .unreadable(path: url.path, reason: oneLine(error))
    }
  }
}

/// Why a child left no report: a signal stopped it, it failed (and printed why on stderr), or
/// what it wrote cannot be read.
enum MissingReport: Error, CustomStringConvertible {
  case signalled(Int32)
  case exitStatus(Int32)
  case unreadable(path: String, reason: String)

  var description: String {
    switch self {
    case .signalled(let signal): "stopped by signal \(signal)"
    case .exitStatus(let status): "exit status \(status)"
    case .unreadable(let path, let reason): "its report \(path) is unreadable: \(reason)"
    }
  }
}

/// A child that stopped without its result: it printed why on stderr (relayed), or was killed.
struct ChildFailed: LocalizedError {
  let command: String
  let reason: String
  var errorDescription: String? { "\(command) stopped: \(reason)" }
}

/// A fresh directory for the children's reports, removed when the course is done with them.
struct ScratchDirectory {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("course-\(UUID())")

  init() {
    do {
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    } catch {
      ChapterMain.fail("course", LectureError.cannotWrite(path: url.path, reason: error.localizedDescription))
    }
  }

  func remove() { try? FileManager.default.removeItem(at: url) }
}
