// GnuplotSession: one gnuplot process fed through a pipe.
//
// Measured facts this follows (see TECH-NOTES.md): SIGPIPE is ignored so a gnuplot that died
// makes our write throw "Broken pipe" instead of killing the program; stdout and stderr are
// drained on background threads so neither pipe can fill up and deadlock; the exit is awaited
// with a `terminationHandler` and a semaphore (`waitUntilExit` polls, ~50 ms on Linux).
// gnuplot keeps going after an error and exits 1 at the end, so the caller closes stdin, waits,
// and judges the exit status together with stderr.

import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Ignores SIGPIPE once for the whole program (initialised on first use, thread-safe).
private let brokenPipeIgnored: Bool = {
  signal(SIGPIPE, SIG_IGN)
  return true
}()

/// Finds the gnuplot executable: `$GNUPLOT` when set, else `gnuplot` on `$PATH`.
enum GnuplotLocator {
  static func locate(environment: [String: String] = ProcessInfo.processInfo.environment)
    throws -> String
  {
    let fm = FileManager.default
    if let override = environment["GNUPLOT"], !override.isEmpty {
      if override.contains("/") {
        guard fm.isExecutableFile(atPath: override) else {
          throw PlotError.gnuplotMissing(override: override)
        }
        return override
      }
      guard let found = search(override, environment: environment) else {
        throw PlotError.gnuplotMissing(override: override)
      }
      return found
    }
    guard let found = search("gnuplot", environment: environment) else {
      throw PlotError.gnuplotMissing(override: nil)
    }
    return found
  }

  private static func search(_ name: String, environment: [String: String]) -> String? {
    let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for directory in path.split(separator: ":") where !directory.isEmpty {
      let candidate = "\(directory)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }
}

/// A running gnuplot reading commands and data from a pipe.
final class GnuplotSession {
  /// How the process ended and what it printed.
  struct Outcome {
    var status: Int32
    /// true when gnuplot was killed by a signal (`status` is then the signal number).
    var signalled: Bool
    var stdout: Data
    var stderr: String
  }

  private let process = Process()
  private let input = Pipe()
  private let exited = DispatchSemaphore(value: 0)
  private let stdoutDrain: PipeDrain
  private let stderrDrain: PipeDrain

  /// Starts gnuplot without reading any init file (`--default-settings`), so a user's
  /// ~/.gnuplot cannot change the figures, running the pipe as a script file (`/dev/stdin`):
  /// unlike piped interactive input, a script stops at its first error, so the bytes of inline
  /// binary data that follow a failed `plot` are never read as commands.
  /// Throws `PlotError.gnuplotMissing` if it cannot start.
  init(executable: String, arguments: [String] = ["--default-settings", "/dev/stdin"]) throws {
    _ = brokenPipeIgnored
    let output = Pipe()
    let errors = Pipe()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    let exited = self.exited
    process.terminationHandler = { _ in exited.signal() }
    do {
      try process.run()
    } catch {
      let override = ProcessInfo.processInfo.environment["GNUPLOT"]
      throw PlotError.gnuplotMissing(override: override?.isEmpty == false ? override : nil)
    }
    stdoutDrain = PipeDrain(output.fileHandleForReading)
    stderrDrain = PipeDrain(errors.fileHandleForReading)
  }

  /// Writes text to gnuplot's stdin; throws (EPIPE) if gnuplot has already exited.
  func send(_ text: String) throws { try send(Data(text.utf8)) }

  /// Writes raw bytes (inline binary data) to gnuplot's stdin.
  func send(_ data: Data) throws {
    try input.fileHandleForWriting.write(contentsOf: data)
  }

  /// Closes stdin (gnuplot then finishes and exits), waits, and collects both outputs.
  func finish() -> Outcome {
    try? input.fileHandleForWriting.close()
    exited.wait()
    let out = stdoutDrain.wait()
    let err = stderrDrain.wait()
    return Outcome(
      status: process.terminationStatus,
      signalled: process.terminationReason == .uncaughtSignal,
      stdout: out, stderr: String(decoding: err, as: UTF8.self))
  }
}

/// Reads one pipe to its end on a background thread.
private final class PipeDrain: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var data = Data()  // written by the thread before `done` is signalled

  init(_ handle: FileHandle) {
    let box = HandleBox(handle)
    Thread.detachNewThread { [self] in
      data = (try? box.handle.readToEnd()) ?? Data()
      done.signal()
    }
  }

  func wait() -> Data {
    done.wait()
    return data
  }
}

/// Hands a FileHandle to the draining thread, which is its only user from then on.
private struct HandleBox: @unchecked Sendable {
  let handle: FileHandle
  init(_ handle: FileHandle) { self.handle = handle }
}
