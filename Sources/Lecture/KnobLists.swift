// Knobs whose value is a list of named levels, as a lecturer says them: "Gaussian noise at
// 0.5, masking at 0.25" is `--noise gaussian:0.5,masking:0.25`. Each kind has its own
// allowed interval (a standard deviation may exceed 1, a fraction may not), so the one-line
// error names every kind with its range.

import Foundation

/// An interval of real numbers, each end open or closed, with its description in words.
public struct KnobInterval: Sendable {
  public let lower: Double
  public let upper: Double
  public let lowerOpen: Bool
  public let upperOpen: Bool

  public init(_ lower: Double, _ upper: Double, lowerOpen: Bool = false, upperOpen: Bool = false) {
    precondition(lower < upper, "an empty interval")
    (self.lower, self.upper, self.lowerOpen, self.upperOpen) = (lower, upper, lowerOpen, upperOpen)
  }

  /// (lower, upper): a fraction that must change something and not everything.
  public static func open(_ lower: Double, _ upper: Double) -> KnobInterval {
    KnobInterval(lower, upper, lowerOpen: true, upperOpen: true)
  }

  /// (lower, upper]: a scale that must be positive, up to a largest sensible value.
  public static func aboveUpTo(_ lower: Double, _ upper: Double) -> KnobInterval {
    KnobInterval(lower, upper, lowerOpen: true)
  }

  public func contains(_ x: Double) -> Bool {
    x.isFinite && (lowerOpen ? x > lower : x >= lower) && (upperOpen ? x < upper : x <= upper)
  }

  /// "> 0 and <= 2".
  public var words: String {
    "\(lowerOpen ? ">" : ">=") \(formatNumber(lower)) and \(upperOpen ? "<" : "<=") \(formatNumber(upper))"
  }
}

extension Knob {
  /// A comma-separated list of `kind:value`, each kind one of `kinds` and at most once, its
  /// value inside that kind's interval; between 1 and `kinds.count` entries.
  public static func levels(
    _ name: String, slide: String, help: String, default value: String, kinds: [(kind: String, interval: KnobInterval)]
  ) -> Knob {
    let allowed = kinds.map { "\($0.kind) (\($0.interval.words))" }.joined(separator: ", ")
    return Knob(name, slide: slide, help: help, default: value, valueName: "kind:x,...") { text in
      let words = "a comma-separated list of kind:value, each kind at most once: " + allowed
      guard let entries = parseLevels(text), !entries.isEmpty,
        Set(entries.map(\.kind)).count == entries.count,
        entries.allSatisfy({ entry in
          kinds.first { $0.kind == entry.kind }?.interval.contains(entry.value) == true
        })
      else { return words }
      return nil
    }
  }

  /// "gaussian:0.5,masking:0.25" as [("gaussian", 0.5), ("masking", 0.25)], in the order
  /// given; nil when an entry is not `kind:number`.
  public static func parseLevels(_ text: String) -> [(kind: String, value: Double)]? {
    var entries: [(kind: String, value: Double)] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
      guard pieces.count == 2, let value = Double(pieces[1].trimmingCharacters(in: .whitespaces)) else { return nil }
      let kind = pieces[0].trimmingCharacters(in: .whitespaces)
      guard !kind.isEmpty else { return nil }
      entries.append((kind, value))
    }
    return entries
  }
}

extension ChapterRun {
  /// The knob `name` as a list of `kind:value` levels (validated by `Knob.levels`), or `fallback`.
  public func levels(
    _ name: String, default fallback: [(kind: String, value: Double)]
  ) -> [(kind: String, value: Double)] {
    settings[name].flatMap(Knob.parseLevels) ?? fallback
  }
}
