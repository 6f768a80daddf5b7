// A check: two numbers that a derivation says are equal (or ordered), compared honestly.
//
// The expected side comes from one computation (a closed form, an eigenvalue sum, a
// reference), the observed side from an independent one (a reconstruction, a Monte Carlo
// estimate, a trained model). The tolerance is part of the claim and is printed with it.

import Foundation

/// How close `observed` must be to `expected`, and in which sense.
public enum Tolerance: Sendable, Equatable {
  /// |observed - expected| <= r * max(|expected|, tiny): identities in Double (r ~ 1e-9).
  case relative(Double)
  /// |observed - expected| <= a.
  case absolute(Double)
  /// |observed - expected| <= k * standardError: Monte Carlo estimates (k = 4 in the course).
  case standardErrors(Double, standardError: Double)
  /// observed <= expected + margin: "A is at most B" (e.g. top-k error <= random-W error).
  case atMost(margin: Double)
  /// observed >= expected - margin: "A is at least B".
  case atLeast(margin: Double)

  /// The relation printed in reports: "==" for closeness, "<=" / ">=" for orderings.
  public var relation: String {
    switch self {
    case .relative, .absolute, .standardErrors: return "=="
    case .atMost: return "<="
    case .atLeast: return ">="
    }
  }

  /// The allowed deviation in the units of the values.
  public func allowance(expected: Double) -> Double {
    switch self {
    case .relative(let r): return r * Swift.max(Swift.abs(expected), Double.leastNormalMagnitude)
    case .absolute(let a): return a
    case .standardErrors(let k, let se): return k * se
    case .atMost(let m), .atLeast(let m): return m
    }
  }

  /// Whether `observed` satisfies the claim about `expected`. NaN never passes.
  public func accepts(expected: Double, observed: Double) -> Bool {
    guard expected.isFinite || expected.isInfinite, !observed.isNaN, !expected.isNaN else { return false }
    let allowed = allowance(expected: expected)
    switch self {
    case .relative, .absolute, .standardErrors: return Swift.abs(observed - expected) <= allowed
    case .atMost: return observed <= expected + allowed
    case .atLeast: return observed >= expected - allowed
    }
  }

  /// Short text for the table: "rel 1e-09", "4 SE = 0.0021", "<= +0".
  public var label: String {
    func short(_ x: Double) -> String { String(format: "%.3g", x) }
    switch self {
    case .relative(let r): return "rel \(short(r))"
    case .absolute(let a): return "abs \(short(a))"
    case .standardErrors(let k, let se): return "\(short(k)) SE = \(short(k * se))"
    case .atMost(let m): return "<= +\(short(m))"
    case .atLeast(let m): return ">= -\(short(m))"
    }
  }
}

/// One row of a chapter's checks table and of its JSON report.
public struct CheckResult: Sendable, Codable, Equatable {
  public let name: String
  public let slide: String
  public let expected: Double
  public let observed: Double
  /// Allowed deviation in the units of the values (see `relation`).
  public let tolerance: Double
  /// "==", "<=" or ">=": how `observed` relates to `expected`.
  public let relation: String
  /// The tolerance as printed, e.g. "4 SE = 0.0021".
  public let toleranceLabel: String
  public let passed: Bool

  public init(name: String, slide: String, expected: Double, observed: Double, tolerance: Tolerance) {
    self.name = name
    self.slide = slide
    self.expected = expected
    self.observed = observed
    self.tolerance = tolerance.allowance(expected: expected)
    self.relation = tolerance.relation
    self.toleranceLabel = tolerance.label
    self.passed = tolerance.accepts(expected: expected, observed: observed)
  }

  enum CodingKeys: String, CodingKey {
    case name, slide, expected, observed, tolerance, relation
    case toleranceLabel = "tolerance_label"
    case passed
  }

  // JSON has no NaN or infinity: encode them as strings so a failing check still reports.
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(slide, forKey: .slide)
    try encodeNumber(expected, &c, .expected)
    try encodeNumber(observed, &c, .observed)
    try encodeNumber(tolerance, &c, .tolerance)
    try c.encode(relation, forKey: .relation)
    try c.encode(toleranceLabel, forKey: .toleranceLabel)
    try c.encode(passed, forKey: .passed)
  }

  private func encodeNumber(_ x: Double, _ c: inout KeyedEncodingContainer<CodingKeys>, _ key: CodingKeys) throws {
    if x.isFinite { try c.encode(x, forKey: key) } else { try c.encode(String(x), forKey: key) }
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    func number(_ key: CodingKeys) throws -> Double {
      if let x = try? c.decode(Double.self, forKey: key) { return x }
      return Double(try c.decode(String.self, forKey: key)) ?? .nan
    }
    name = try c.decode(String.self, forKey: .name)
    slide = try c.decode(String.self, forKey: .slide)
    expected = try number(.expected)
    observed = try number(.observed)
    tolerance = try number(.tolerance)
    relation = try c.decode(String.self, forKey: .relation)
    toleranceLabel = try c.decode(String.self, forKey: .toleranceLabel)
    passed = try c.decode(Bool.self, forKey: .passed)
  }
}

/// Numbers in tables: 6 significant digits, exponent form only when needed.
public func formatNumber(_ x: Double) -> String {
  if x.isNaN { return "NaN" }
  if x.isInfinite { return x > 0 ? "inf" : "-inf" }
  if x == 0 { return "0" }
  let a = Swift.abs(x)
  if a >= 1e-3 && a < 1e7 {
    var s = String(format: "%.6g", x)
    if s.contains("e") { s = String(format: "%.1f", x) }
    return s
  }
  return String(format: "%.4e", x)
}

/// A number the chapter states without checking it: an identity that holds by construction
/// (a normalised vector sums to 1) or plain arithmetic (log K for a one-hot posterior). It is
/// printed and reported, but never counted as a check, because no planted error could flip it.
public struct StatedFact: Sendable, Codable, Equatable {
  public let name: String
  public let slide: String
  public let value: Double

  public init(name: String, slide: String, value: Double) {
    self.name = name
    self.slide = slide
    self.value = value
  }

  enum CodingKeys: String, CodingKey { case name, slide, value }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(slide, forKey: .slide)
    if value.isFinite { try c.encode(value, forKey: .value) } else { try c.encode(String(value), forKey: .value) }
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decode(String.self, forKey: .name)
    slide = try c.decode(String.self, forKey: .slide)
    if let x = try? c.decode(Double.self, forKey: .value) {
      value = x
    } else {
      value = Double(try c.decode(String.self, forKey: .value)) ?? .nan
    }
  }
}
