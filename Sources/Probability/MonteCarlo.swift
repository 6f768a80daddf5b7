// Monte Carlo estimates with their standard errors: the "expected" side of every sampled check
// is a closed form, the "observed" side an estimate, and the tolerance is 4 standard errors of
// that estimate, computed from the same samples (not assumed).

import Stochastic

/// A sample mean and its standard error sqrt(s^2 / n).
public struct MeanEstimate: Sendable, CustomStringConvertible {
  public let mean: Double
  /// Unbiased sample variance s^2 of the terms.
  public let variance: Double
  public let count: Int
  public var standardError: Double { (variance / Double(count)).squareRoot() }

  /// The estimate from explicit terms (Welford's update: stable for large means).
  public init<S: Sequence>(_ terms: S) where S.Element == Double {
    var n = 0
    var mean = 0.0
    var m2 = 0.0
    for x in terms {
      n += 1
      let delta = x - mean
      mean += delta / Double(n)
      m2 += delta * (x - mean)
    }
    precondition(n >= 2, "a standard error needs at least two terms")
    self.mean = mean
    self.variance = m2 / Double(n - 1)
    self.count = n
  }

  public var description: String { "\(mean) ± \(standardError) (n = \(count))" }
}

/// Estimates E f by averaging `count` draws of `f`, each drawn with `rng`.
public func monteCarlo(count: Int, using rng: inout SeededRandom, _ f: (inout SeededRandom) -> Double) -> MeanEstimate {
  var terms = [Double]()
  terms.reserveCapacity(count)
  for _ in 0..<count { terms.append(f(&rng)) }
  return MeanEstimate(terms)
}
