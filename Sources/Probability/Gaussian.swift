// A multivariate Gaussian N(mean, covariance) in Double, held through its Cholesky factor:
// log-densities and samples for the derivation checks of the VAE chapter (the Monte Carlo side
// of "closed form vs sampled"). Not a training-time type: networks use Float32 tensors.

import Foundation
import LinearAlgebra
import Stochastic

/// N(mean, covariance) with covariance = L L^T (L lower triangular, positive diagonal).
public struct Gaussian: Sendable {
  public let mean: [Double]
  public let covariance: Matrix
  /// The Cholesky factor L; z = mean + L eps with eps ~ N(0, I) is a draw.
  public let choleskyFactor: Matrix
  /// log |covariance| = 2 sum log L_ii.
  public let logDeterminant: Double

  /// Throws `LinearAlgebraError.notPositiveDefinite` for a covariance that is not SPD.
  public init(mean: [Double], covariance: Matrix) throws {
    precondition(
      covariance.isSquare && covariance.rows == mean.count, "covariance \(covariance.shape) vs mean of \(mean.count)")
    self.mean = mean
    self.covariance = covariance
    choleskyFactor = try covariance.choleskyLower()
    logDeterminant = 2 * choleskyFactor.diagonalEntries.reduce(0) { $0 + Foundation.log($1) }
  }

  /// N(mean, diag(variance)).
  public init(mean: [Double], variance: [Double]) throws {
    try self.init(mean: mean, covariance: .diagonal(variance))
  }

  /// N(0, I_d), the VAE prior p(z).
  public static func standard(_ d: Int) -> Gaussian {
    // The identity is SPD: the throwing path cannot be taken.
    Gaussian(
      uncheckedMean: [Double](repeating: 0, count: d), covariance: .identity(d), factor: .identity(d), logDeterminant: 0
    )
  }

  private init(uncheckedMean: [Double], covariance: Matrix, factor: Matrix, logDeterminant: Double) {
    mean = uncheckedMean
    self.covariance = covariance
    choleskyFactor = factor
    self.logDeterminant = logDeterminant
  }

  public var dimension: Int { mean.count }

  /// L^{-1} v by forward substitution.
  func whiten(_ v: [Double]) -> [Double] {
    let l = choleskyFactor
    let n = dimension
    var y = [Double](repeating: 0, count: n)
    for i in 0..<n {
      var s = v[i]
      for j in 0..<i { s -= l[i, j] * y[j] }
      y[i] = s / l[i, i]
    }
    return y
  }

  /// log N(x; mean, covariance) = -1/2 (d log 2 pi + log |Sigma| + |L^{-1}(x - mean)|^2).
  public func logDensity(_ x: [Double]) -> Double {
    precondition(x.count == dimension, "point of \(x.count) values in a \(dimension)-D Gaussian")
    let y = whiten(zip(x, mean).map { $0 - $1 })
    let quadratic = y.reduce(0) { $0 + $1 * $1 }
    return -0.5 * (Double(dimension) * Foundation.log(2 * Double.pi) + logDeterminant + quadratic)
  }

  /// mean + L eps, eps ~ N(0, I): the reparameterised draw.
  public func sample(using rng: inout SeededRandom) -> [Double] {
    let eps = rng.normals(dimension)
    return transform(eps)
  }

  /// mean + L eps for a given eps.
  public func transform(_ eps: [Double]) -> [Double] {
    var z = mean
    for i in 0..<dimension {
      for j in 0...i { z[i] += choleskyFactor[i, j] * eps[j] }
    }
    return z
  }
}
