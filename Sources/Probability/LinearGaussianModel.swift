// Probabilistic PCA, the latent-variable model where every term of the ELBO has a closed form
// (Tipping & Bishop 1999):
//
//   p(z) = N(0, I_K),  p(x | z) = N(W z + mu, s^2 I_D)
//   p(x) = N(mu, W W^T + s^2 I)
//   p(z | x) = N(M^-1 W^T (x - mu), s^2 M^-1),  M = W^T W + s^2 I
//   E_{q = N(m, S)} log p(x | z) = -D/2 log(2 pi s^2) - ( |x - mu - W m|^2 + tr(W^T W S) ) / (2 s^2)
//
// So the slide identity log p(x) - KL(q || p(z|x)) = E_q log p(x|z) - KL(q || p(z)) can be
// checked to rounding error for any Gaussian q: the left side goes through the D x D marginal
// covariance and the posterior, the right side through the likelihood and the prior.

import Foundation
import LinearAlgebra
import Stochastic

/// x = W z + mu + noise, z ~ N(0, I), noise ~ N(0, s^2 I).
public struct LinearGaussianModel: Sendable {
  /// W [D, K].
  public let loading: Matrix
  /// mu [D].
  public let offset: [Double]
  /// s^2.
  public let noiseVariance: Double

  public init(loading: Matrix, offset: [Double], noiseVariance: Double) {
    precondition(
      loading.rows == offset.count && noiseVariance > 0,
      "W \(loading.shape), mu of \(offset.count), s^2 \(noiseVariance)")
    self.loading = loading
    self.offset = offset
    self.noiseVariance = noiseVariance
  }

  public var dataDimension: Int { loading.rows }
  public var latentDimension: Int { loading.columns }

  /// p(z) = N(0, I).
  public var prior: Gaussian { .standard(latentDimension) }

  /// p(x) = N(mu, W W^T + s^2 I).
  public func marginal() throws -> Gaussian {
    let c = matmul(loading, loading, transposeB: true) + noiseVariance * Matrix.identity(dataDimension)
    return try Gaussian(mean: offset, covariance: c)
  }

  /// log p(x), through the D x D marginal covariance.
  public func logMarginal(_ x: [Double]) throws -> Double {
    try marginal().logDensity(x)
  }

  /// p(x | z) = N(W z + mu, s^2 I).
  public func likelihood(given z: [Double]) throws -> Gaussian {
    let m = zip(matvec(loading, z), offset).map { $0 + $1 }
    return try Gaussian(mean: m, variance: [Double](repeating: noiseVariance, count: dataDimension))
  }

  /// The exact posterior p(z | x) = N(M^-1 W^T (x - mu), s^2 M^-1).
  public func posterior(_ x: [Double]) throws -> Gaussian {
    let m = matmul(loading, loading, transposeA: true) + noiseVariance * Matrix.identity(latentDimension)
    let mInverse = try m.inverseSPD()
    let centred = zip(x, offset).map { $0 - $1 }
    let mean = matvec(mInverse, matvec(loading, centred, transpose: true))
    var covariance = noiseVariance * mInverse
    // Exactly symmetric for the Cholesky test.
    for i in 0..<latentDimension { for j in 0..<i { covariance[j, i] = covariance[i, j] } }
    return try Gaussian(mean: mean, covariance: covariance)
  }

  /// E_{z ~ q} log p(x | z) in closed form for a Gaussian q = N(m, S).
  public func expectedLogLikelihood(_ x: [Double], under q: Gaussian) -> Double {
    let d = Double(dataDimension)
    let fitted = matvec(loading, q.mean)
    var residual = 0.0
    for i in 0..<dataDimension {
      let r = x[i] - offset[i] - fitted[i]
      residual += r * r
    }
    let wtw = matmul(loading, loading, transposeA: true)
    let trace = matmul(wtw, q.covariance).trace
    return -0.5 * d * Foundation.log(2 * Double.pi * noiseVariance) - (residual + trace) / (2 * noiseVariance)
  }

  /// log p(x | z) + log p(z): the joint, the numerator of Bayes' rule.
  public func logJoint(_ x: [Double], _ z: [Double]) throws -> Double {
    try likelihood(given: z).logDensity(x) + prior.logDensity(z)
  }

  /// A draw (z, x) from the model.
  public func sample(using rng: inout SeededRandom) throws -> (z: [Double], x: [Double]) {
    let z = prior.sample(using: &rng)
    let x = try likelihood(given: z).sample(using: &rng)
    return (z, x)
  }
}
