// Closed forms of the KL divergence between Gaussians (slides "VAE Mathematics"):
//
//   KL(N1 || N2) = 1/2 ( tr(S2^-1 S1) + (m2 - m1)^T S2^-1 (m2 - m1) - d + log |S2| / |S1| )
//   KL(N(m, S) || N(0, I)) = 1/2 ( tr S + m^T m - d - log |S| )
//   diagonal S = diag(s^2):  1/2 sum_k ( s_k^2 + m_k^2 - 1 - log s_k^2 )
//   log-variance v = log s^2: 1/2 sum_k ( exp(v_k) + m_k^2 - 1 - v_k )
//
// The four are computed by separate code paths (the general one through Cholesky factors, the
// others elementwise) so that checking one against another, and each against a Monte Carlo
// estimate of E_q[log q - log p], can fail.

import Foundation
import LinearAlgebra

/// The closed-form KL divergences used by the VAE chapter, as replaceable functions: a test
/// can build a `GaussianKL` with a planted error and watch the chapter's KL checks fail.
public struct GaussianKL: Sendable {
  /// KL(N(mean, diag(variance)) || N(0, I)).
  public var diagonalToStandard: @Sendable (_ mean: [Double], _ variance: [Double]) -> Double
  /// KL(N(mean, diag(exp(logVariance))) || N(0, I)), the form a VAE encoder outputs.
  public var logVarianceToStandard: @Sendable (_ mean: [Double], _ logVariance: [Double]) -> Double
  /// KL(q || p) for full covariances (p = N(0, I) is a special case).
  public var between: @Sendable (_ q: Gaussian, _ p: Gaussian) throws -> Double

  public init(
    diagonalToStandard: @escaping @Sendable ([Double], [Double]) -> Double,
    logVarianceToStandard: @escaping @Sendable ([Double], [Double]) -> Double,
    between: @escaping @Sendable (Gaussian, Gaussian) throws -> Double
  ) {
    self.diagonalToStandard = diagonalToStandard
    self.logVarianceToStandard = logVarianceToStandard
    self.between = between
  }

  /// The correct formulas.
  public static let exact = GaussianKL(
    diagonalToStandard: klDiagonalToStandard(mean:variance:),
    logVarianceToStandard: klDiagonalToStandard(mean:logVariance:),
    between: gaussianKL(_:_:))
}

/// 1/2 sum_k (s_k^2 + m_k^2 - 1 - log s_k^2).
public func klDiagonalToStandard(mean: [Double], variance: [Double]) -> Double {
  precondition(mean.count == variance.count, "mean of \(mean.count), variance of \(variance.count)")
  var total = 0.0
  for k in mean.indices {
    total += variance[k] + mean[k] * mean[k] - 1 - Foundation.log(variance[k])
  }
  return 0.5 * total
}

/// 1/2 sum_k (exp(v_k) + m_k^2 - 1 - v_k), v = log s^2: no log of a variance that may
/// underflow, which is why encoders output v (slide "log-variance trick").
public func klDiagonalToStandard(mean: [Double], logVariance: [Double]) -> Double {
  precondition(mean.count == logVariance.count, "mean of \(mean.count), log-variance of \(logVariance.count)")
  var total = 0.0
  for k in mean.indices {
    total += Foundation.exp(logVariance[k]) + mean[k] * mean[k] - 1 - logVariance[k]
  }
  return 0.5 * total
}

/// KL(q || p) = 1/2 ( tr(Sp^-1 Sq) + (mp - mq)^T Sp^-1 (mp - mq) - d + log|Sp| - log|Sq| ),
/// with the trace and the quadratic form computed through p's Cholesky factor Lp:
/// tr(Sp^-1 Sq) = |Lp^-1 Lq|_F^2 and the quadratic form = |Lp^-1 (mp - mq)|^2.
public func gaussianKL(_ q: Gaussian, _ p: Gaussian) throws -> Double {
  precondition(q.dimension == p.dimension, "KL between \(q.dimension)-D and \(p.dimension)-D Gaussians")
  let d = q.dimension
  var trace = 0.0
  for j in 0..<d {
    let column = p.whiten(q.choleskyFactor.column(j))
    trace += column.reduce(0) { $0 + $1 * $1 }
  }
  let y = p.whiten(zip(p.mean, q.mean).map { $0 - $1 })
  let quadratic = y.reduce(0) { $0 + $1 * $1 }
  return 0.5 * (trace + quadratic - Double(d) + p.logDeterminant - q.logDeterminant)
}
