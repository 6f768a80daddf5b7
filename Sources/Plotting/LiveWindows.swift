// The gnuplot processes behind windows whose figure is still being drawn: a training curve
// redrawn after every epoch keeps one gnuplot (and so one window) until it is finished.

import Foundation

/// Open gnuplot sessions by figure name, safe to use from any thread.
final class LiveWindows: @unchecked Sendable {
  private let lock = NSLock()
  private var sessions: [String: GnuplotSession] = [:]

  /// The session of `name`, started by `start` on first use.
  func session(for name: String, start: () throws -> GnuplotSession) throws -> GnuplotSession {
    lock.lock()
    defer { lock.unlock() }
    if let session = sessions[name] { return session }
    let session = try start()
    sessions[name] = session
    return session
  }

  /// Takes the session of `name` out (the caller finishes it); nil when none is open.
  func remove(_ name: String) -> GnuplotSession? {
    lock.lock()
    defer { lock.unlock() }
    return sessions.removeValue(forKey: name)
  }

  deinit {
    // A run that stops early (an error mid-training) still lets each gnuplot exit; its
    // window stays, as with -persist.
    for session in sessions.values { _ = session.finish() }
  }
}
