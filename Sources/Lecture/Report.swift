// The JSON report of one chapter run (--report FILE):
//   {"chapter": ..., "seed": ..., "quick": ..., "dataset": ..., "checks": [...], "figures": [paths]}

import Foundation

/// Everything a chapter run established, in machine-readable form.
public struct ChapterReport: Codable, Sendable {
  public var chapter: String
  public var seed: UInt64
  public var quick: Bool
  public var dataset: String
  public var checks: [CheckResult]
  public var figures: [String]

  public init(chapter: String, seed: UInt64, quick: Bool, dataset: String, checks: [CheckResult], figures: [String]) {
    self.chapter = chapter
    self.seed = seed
    self.quick = quick
    self.dataset = dataset
    self.checks = checks
    self.figures = figures
  }

  public var passed: Int { checks.filter(\.passed).count }
  public var failed: Int { checks.count - passed }

  /// Writes the report atomically (a reader never sees half a file).
  public func write(to url: URL) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(self)
    do {
      try data.write(to: url, options: .atomic)
    } catch {
      throw LectureError.cannotWrite(path: url.path, reason: error.localizedDescription)
    }
  }
}
