// How long each section of a chapter takes: `--list` shows it next to the section's slides, so
// a lecturer can plan a class, and the README's time table says where the course spends its
// minutes. Measured by the run itself (`--timings FILE`), gathered by `scripts/time-sections`.

import Foundation

/// Wall time per section, measured between the moments the chapter enters its sections.
struct SectionClock {
  private var order: [String] = []
  private var seconds: [String: Double] = [:]
  private var current: (name: String, since: Date)?
  /// Work before the first section (the chapter's set-up) is counted in the first section.
  private let started = Date()

  /// Makes `name` the running section; time since the last change goes to the one before.
  mutating func enter(_ name: String) {
    guard current?.name != name else { return }
    let now = Date()
    let since = current == nil ? started : now
    stop(at: now)
    if seconds[name] == nil { order.append(name) }
    current = (name, since)
  }

  /// Ends the running section.
  mutating func stop(at now: Date = Date()) {
    guard let (name, since) = current else { return }
    seconds[name, default: 0] += now.timeIntervalSince(since)
    current = nil
  }

  /// The sections in the order they first ran, with their total time.
  func totals() -> [(section: String, seconds: Double)] { order.map { ($0, seconds[$0] ?? 0) } }

  /// Appends one tab-separated line per section (chapter, section, quick|full, seconds) to
  /// `url`, creating it if needed, so a whole course's times gather in one file.
  static func append(_ times: [(section: String, seconds: Double)], chapter: String, quick: Bool, to url: URL) throws {
    let mode = quick ? "quick" : "full"
    let text = times.map { "\(chapter)\t\($0.section)\t\(mode)\t" + String(format: "%.2f", $0.seconds) + "\n" }.joined()
    try appendToTimingsFile(Data(text.utf8), url: url)
  }
}

/// Appends `data` to the timings file `url`, creating it if needed: a chapter's own lines, or
/// the lines of `course --jobs`' children, merged in lecture order.
public func appendToTimingsFile(_ data: Data, url: URL) throws {
  do {
    if !FileManager.default.fileExists(atPath: url.path) {
      try Data().write(to: url)
    }
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: data)
  } catch {
    throw LectureError.cannotWrite(path: url.path, reason: error.localizedDescription)
  }
}
