// The Kolmogorov-Smirnov statistic: how far the empirical distribution function of a sample
// is from a claimed P(x). Under the claim, sqrt(n) D_n tends to the Kolmogorov distribution,
// so D_n <= c(alpha) / sqrt(n) with probability about 1 - alpha; c(0.01) = 1.628.

import Foundation

/// D_n = sup_x |F_n(x) - P(x)| for the sample `values` against the distribution function `cdf`.
/// The supremum is attained at a sample point, just before or at its jump.
public func kolmogorovSmirnovStatistic(_ values: [Double], cdf: (Double) -> Double) -> Double {
  let sorted = values.sorted()
  let n = Double(sorted.count)
  var d = 0.0
  for (i, x) in sorted.enumerated() {
    let p = cdf(x)
    d = Swift.max(d, Double(i + 1) / n - p, p - Double(i) / n)
  }
  return d
}

/// The asymptotic critical value of D_n at level alpha: sqrt(-log(alpha / 2) / 2) / sqrt(n),
/// from the Kolmogorov limit law P(sqrt(n) D_n > c) ~ 2 exp(-2 c^2) (the first term of its series;
/// exact to 4 digits for alpha <= 0.05). alpha = 0.01 gives 1.628 / sqrt(n).
public func kolmogorovSmirnovCriticalValue(sampleCount n: Int, alpha: Double = 0.01) -> Double {
  precondition(n > 0 && alpha > 0 && alpha < 1, "need n > 0 and 0 < alpha < 1")
  return (-Foundation.log(alpha / 2) / 2).squareRoot() / Double(n).squareRoot()
}
