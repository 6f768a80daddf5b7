// Kullback-Leibler divergence D_KL(P||Q) = sum_i P_i log(P_i / Q_i) (discrete) or
// int p log(p / q) dx (continuous): the expected log-ratio under P. It is >= 0 (Gibbs'
// inequality), 0 only when P = Q, and not symmetric: it weighs the log-ratio by P, so Q is
// punished for missing P's mass, not for putting mass where P has none.
//
// The closed forms here are the "expected" side of the chapter's checks; the "observed" side is
// a direct sum or a Monte Carlo average, computed independently.

import Foundation

/// D_KL(P||Q) = sum_i p_i log(p_i / q_i) for probability vectors of equal length, with the
/// conventions 0 log(0 / q) = 0 and p log(p / 0) = +inf.
public func klDivergence(_ p: [Double], _ q: [Double]) -> Double {
  precondition(p.count == q.count, "KL needs two distributions over the same outcomes")
  var sum = 0.0
  for (pi, qi) in zip(p, q) where pi > 0 {
    if qi <= 0 { return .infinity }
    sum += pi * Foundation.log(pi / qi)
  }
  return sum
}

/// The Binomial(n, p) probabilities of 0...n, in log space so large n is fine; log C(n, k) by
/// the recurrence log C(n, k) = log C(n, k-1) + log((n - k + 1) / k) (no lgamma: portable).
public func binomialProbabilities(trials n: Int, success p: Double) -> [Double] {
  precondition(n >= 0 && p > 0 && p < 1, "need n >= 0 and 0 < p < 1")
  var logChoose = 0.0
  return (0...n).map { k in
    if k > 0 { logChoose += Foundation.log(Double(n - k + 1) / Double(k)) }
    return Foundation.exp(logChoose + Double(k) * Foundation.log(p) + Double(n - k) * Foundation.log1p(-p))
  }
}

/// D_KL(Binomial(n, p) || Binomial(n, q)) = n [p log(p/q) + (1-p) log((1-p)/(1-q))]:
/// n independent trials add their KLs (the binomial coefficients cancel in the ratio).
public func binomialKL(trials n: Int, _ p: Double, _ q: Double) -> Double {
  Double(n) * (p * Foundation.log(p / q) + (1 - p) * Foundation.log((1 - p) / (1 - q)))
}

extension Normal {
  /// D_KL(N(m1, s1^2) || N(m2, s2^2)) = log(s2/s1) + (s1^2 + (m1 - m2)^2) / (2 s2^2) - 1/2.
  public static func klDivergence(_ p: Normal, _ q: Normal) -> Double {
    let d = p.mean - q.mean
    return Foundation.log(q.standardDeviation / p.standardDeviation)
      + (p.variance + d * d) / (2 * q.variance) - 0.5
  }
}

extension Laplace {
  /// D_KL(Laplace(m, b) || N(mu, s^2)) = -log(2b) - 1 + log(s sqrt(2 pi)) + E[(x - mu)^2] / (2 s^2)
  /// with E[(x - mu)^2] = 2 b^2 + (m - mu)^2 (the Laplace entropy is 1 + log 2b).
  public static func klDivergence(_ p: Laplace, _ q: Normal) -> Double {
    let d = p.location - q.mean
    let secondMoment = 2 * p.scale * p.scale + d * d
    return -Foundation.log(2 * p.scale) - 1 + Foundation.log(q.standardDeviation) + logSquareRootTwoPi
      + secondMoment / (2 * q.variance)
  }
}
