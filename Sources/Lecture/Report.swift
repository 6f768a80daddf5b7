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
  /// Numbers printed as stated facts: true by construction or by arithmetic, so not checks.
  public var facts: [StatedFact]
  public var figures: [String]
  /// The planted mistake's name (`--mistake`), nil for an honest run.
  public var mistake: String?
  /// The chapter's knobs given on the command line (`--beta 4` -> "beta": "4").
  public var settings: [String: String]
  /// The sections run when `--section` chose some (with what they need); nil for all.
  public var sections: [String]?

  public init(
    chapter: String, seed: UInt64, quick: Bool, dataset: String, checks: [CheckResult], facts: [StatedFact] = [],
    figures: [String], mistake: String? = nil, settings: [String: String] = [:], sections: [String]? = nil
  ) {
    self.settings = settings
    self.sections = sections
    self.chapter = chapter
    self.seed = seed
    self.quick = quick
    self.dataset = dataset
    self.checks = checks
    self.facts = facts
    self.figures = figures
    self.mistake = mistake
  }

  enum CodingKeys: String, CodingKey {
    case chapter, seed, quick, dataset, checks, facts, figures, mistake, settings, sections
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    chapter = try c.decode(String.self, forKey: .chapter)
    seed = try c.decode(UInt64.self, forKey: .seed)
    quick = try c.decode(Bool.self, forKey: .quick)
    dataset = try c.decode(String.self, forKey: .dataset)
    checks = try c.decode([CheckResult].self, forKey: .checks)
    facts = try c.decodeIfPresent([StatedFact].self, forKey: .facts) ?? []
    figures = try c.decode([String].self, forKey: .figures)
    mistake = try c.decodeIfPresent(String.self, forKey: .mistake)
    settings = try c.decodeIfPresent([String: String].self, forKey: .settings) ?? [:]
    sections = try c.decodeIfPresent([String].self, forKey: .sections)
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
