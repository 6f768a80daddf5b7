// A logarithmic axis, as a Swift value instead of `set logscale` strings, with the two ways the
// course labels one: plain numbers with ticks at 1, 2 and 5 of each decade (a curve inside one or
// two decades stays readable; gnuplot alone labels only the powers of ten), or powers of ten for
// an axis that spans many decades.

/// A log-scaled axis of a figure; each property is one gnuplot line, in the order a figure lists them.
public struct LogAxis: Sendable, Equatable {
  /// The axis by gnuplot's name.
  public enum Name: String, Sendable { case x, y, y2 }

  public var axis: Name
  /// nil: base 10.
  public var base: Int?

  public init(_ axis: Name, base: Int? = nil) {
    self.axis = axis
    self.base = base
  }

  public static let x = LogAxis(.x)
  public static let y = LogAxis(.y)
  public static let y2 = LogAxis(.y2)

  /// `set logscale y` (or `set logscale x 2` for base 2).
  public var command: String { "set logscale \(axis.rawValue)" + (base.map { " \($0)" } ?? "") }

  /// Tick labels as plain numbers, 0.001 rather than 1e-3.
  public var plainLabels: String { "set format \(axis.rawValue) '%g'" }

  /// Tick labels as powers of ten, 10^{-3}.
  public var powerLabels: String { "set format \(axis.rawValue) '10^{%L}'" }

  /// Ticks at 1, 2 and 5 times each power of ten that `values` span; nil without a positive value.
  public func ticks(spanning values: [Double]) -> String? {
    Figure.logTicks(values).map { "set \(axis.rawValue)tics (\($0))" }
  }
}
