// The measured times `--list` prints beside each section: read from Chapters/timings.md, which
// `scripts/time-sections` writes from `course --timings` runs of the code at that commit (a
// number a lecturer reads must come from a run, not from memory).

import Foundation

/// Seconds per section in quick and full runs, as last measured.
public struct SectionTimes: Sendable, Equatable {
  public struct Entry: Sendable, Equatable {
    public var quick: Double?
    public var full: Double?

    public init(quick: Double?, full: Double?) {
      self.quick = quick
      self.full = full
    }
  }

  /// Per chapter, per section.
  public var entries: [String: [String: Entry]] = [:]

  public init() {}

  /// The table in the checkout this program was built from (empty when it is missing).
  public static func measured() -> SectionTimes {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let url = root.appendingPathComponent("Chapters/timings.md")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return SectionTimes() }
    return parse(text)
  }

  /// Reads the rows `| chapter | section | quick | full |` of the timings table; any other
  /// line (headings, totals, prose) is skipped, and "-" is a time not measured.
  public static func parse(_ markdown: String) -> SectionTimes {
    var times = SectionTimes()
    for line in markdown.split(separator: "\n") where line.hasPrefix("|") {
      let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
        .map { $0.trimmingCharacters(in: .whitespaces) }
      guard cells.count == 4, !cells[0].isEmpty, !cells[1].isEmpty else { continue }
      let quick = Double(cells[2])
      let full = Double(cells[3])
      guard quick != nil || full != nil else { continue }
      times.entries[cells[0], default: [:]][cells[1]] = Entry(quick: quick, full: full)
    }
    return times
  }

  /// "quick 1.2 s, full 31 s", or nil when neither was measured.
  public func note(chapter: String, section: String) -> String? {
    guard let entry = entries[chapter]?[section] else { return nil }
    let parts = [("quick", entry.quick), ("full", entry.full)].compactMap { label, seconds in
      seconds.map { "\(label) " + Self.format($0) }
    }
    return parts.isEmpty ? nil : parts.joined(separator: ", ")
  }

  static func format(_ seconds: Double) -> String {
    seconds < 10 ? String(format: "%.1f s", seconds) : String(format: "%.0f s", seconds)
  }
}
