// A mixture of K bivariate normals, p(x) = sum_k pi_k N(x | mu_k, Sigma_k), fitted by
// expectation-maximisation (slide "What is Mixture Model").
//
// E-step: the responsibilities gamma(z_nk) = pi_k N(x_n | mu_k, Sigma_k) / sum_j pi_j N(x_n | mu_j, Sigma_j),
//         the posterior of the latent class index k given x_n (computed with log-sum-exp).
// M-step: N_k = sum_n gamma_nk, pi_k = N_k / N, mu_k = sum_n gamma_nk x_n / N_k,
//         Sigma_k = sum_n gamma_nk (x_n - mu_k)(x_n - mu_k)^T / N_k.
// Each step maximises a lower bound that touches log p(X) at the current parameters, so the
// log-likelihood never decreases (Dempster, Laird & Rubin 1977); the chapter checks exactly this.
// Two dimensions keep the 2x2 algebra explicit and the contours drawable.

import Foundation
import Stochastic

/// A point of the plane.
public typealias Point2 = SIMD2<Double>

/// A symmetric 2x2 covariance [[xx, xy], [xy, yy]].
public struct Covariance2: Sendable, Equatable {
  public var xx: Double, xy: Double, yy: Double
  public init(xx: Double, xy: Double, yy: Double) {
    self.xx = xx
    self.xy = xy
    self.yy = yy
  }
  public var determinant: Double { xx * yy - xy * xy }
  /// (v^T Sigma^-1 v) for the 2x2 inverse [[yy, -xy], [-xy, xx]] / det.
  public func mahalanobisSquared(_ v: Point2) -> Double {
    (yy * v.x * v.x - 2 * xy * v.x * v.y + xx * v.y * v.y) / determinant
  }
}

/// N(mean, covariance) in the plane.
public struct BivariateNormal: Sendable, Equatable {
  public var mean: Point2
  public var covariance: Covariance2
  public init(mean: Point2, covariance: Covariance2) {
    self.mean = mean
    self.covariance = covariance
  }

  /// log N(x | mu, Sigma) = -log(2 pi) - log(det Sigma) / 2 - (x - mu)^T Sigma^-1 (x - mu) / 2.
  public func logPdf(_ x: Point2) -> Double {
    -Foundation.log(2 * Double.pi) - 0.5 * Foundation.log(covariance.determinant)
      - 0.5 * covariance.mahalanobisSquared(x - mean)
  }

  /// mu + L z with L the Cholesky factor of Sigma and z ~ N(0, I).
  public func sample(using rng: inout SeededRandom) -> Point2 {
    let l11 = covariance.xx.squareRoot()
    let l21 = covariance.xy / l11
    let l22 = (covariance.yy - l21 * l21).squareRoot()
    let z1 = rng.normal()
    let z2 = rng.normal()
    return mean + Point2(l11 * z1, l21 * z1 + l22 * z2)
  }
}

/// sum_k pi_k N(x | mu_k, Sigma_k).
public struct GaussianMixture: Sendable, Equatable {
  public var weights: [Double]
  public var components: [BivariateNormal]

  public init(weights: [Double], components: [BivariateNormal]) {
    precondition(weights.count == components.count && !weights.isEmpty, "one weight per component")
    self.weights = weights
    self.components = components
  }

  /// log pi_k + log N(x | mu_k, Sigma_k) for every k: the joint log p(x, z = k).
  public func jointLogDensities(_ x: Point2) -> [Double] {
    zip(weights, components).map { Foundation.log($0) + $1.logPdf(x) }
  }

  /// log p(x) = log sum_k exp(joint_k), shifted by the maximum so nothing underflows.
  public func logDensity(_ x: Point2) -> Double { logSumExp(jointLogDensities(x)) }

  /// The log-likelihood sum_n log p(x_n).
  public func logLikelihood(_ data: [Point2]) -> Double {
    data.reduce(0) { $0 + logDensity($1) }
  }

  /// The E-step: gamma[n][k] = p(z = k | x_n), each row a probability vector.
  public func responsibilities(_ data: [Point2]) -> [[Double]] {
    data.map { x in
      let joint = jointLogDensities(x)
      let total = logSumExp(joint)
      return joint.map { Foundation.exp($0 - total) }
    }
  }

  /// A sample: k ~ Categorical(pi), then x ~ N(mu_k, Sigma_k). Returns x and k.
  public func sample(using rng: inout SeededRandom) -> (point: Point2, component: Int) {
    var u = rng.uniform()
    var k = 0
    while k < weights.count - 1 && u >= weights[k] {
      u -= weights[k]
      k += 1
    }
    return (components[k].sample(using: &rng), k)
  }

  /// The M-step: the weighted maximum-likelihood fit given responsibilities gamma [N][K].
  public static func maximisation(_ data: [Point2], responsibilities gamma: [[Double]]) -> GaussianMixture {
    let k = gamma.first?.count ?? 0
    var weights = [Double]()
    var components = [BivariateNormal]()
    for j in 0..<k {
      var nk = 0.0
      var sum = Point2.zero
      for (x, g) in zip(data, gamma) {
        nk += g[j]
        sum += g[j] * x
      }
      let mean = sum / nk
      var c = Covariance2(xx: 0, xy: 0, yy: 0)
      for (x, g) in zip(data, gamma) {
        let d = x - mean
        c.xx += g[j] * d.x * d.x
        c.xy += g[j] * d.x * d.y
        c.yy += g[j] * d.y * d.y
      }
      c.xx /= nk
      c.xy /= nk
      c.yy /= nk
      weights.append(nk / Double(data.count))
      components.append(BivariateNormal(mean: mean, covariance: c))
    }
    return GaussianMixture(weights: weights, components: components)
  }

  /// K components at K distinct data points chosen k-means++ style (each next one with
  /// probability proportional to its squared distance from the chosen ones), equal weights and
  /// the data's overall variance on the diagonal.
  public static func initial(_ data: [Point2], components k: Int, using rng: inout SeededRandom) -> GaussianMixture {
    precondition(data.count >= k && k > 0, "need at least as many points as components")
    var centres = [data[rng.index(below: data.count)]]
    while centres.count < k {
      let d2 = data.map { x in centres.map { c in ((x - c) * (x - c)).sum() }.min() ?? 0 }
      var u = rng.uniform() * d2.reduce(0, +)
      var i = 0
      while i < data.count - 1 && u >= d2[i] {
        u -= d2[i]
        i += 1
      }
      centres.append(data[i])
    }
    let n = Double(data.count)
    let mean = data.reduce(Point2.zero, +) / n
    let spread = data.reduce(0) { $0 + (($1 - mean) * ($1 - mean)).sum() } / (2 * n)
    let covariance = Covariance2(xx: spread, xy: 0, yy: spread)
    return GaussianMixture(
      weights: [Double](repeating: 1 / Double(k), count: k),
      components: centres.map { BivariateNormal(mean: $0, covariance: covariance) })
  }
}

/// The outcome of an EM run.
public struct ExpectationMaximisation: Sendable {
  public let model: GaussianMixture
  /// log p(X | theta_t) for t = 0 (the initial model), 1, ..., iterations.
  public let logLikelihoods: [Double]
  /// The responsibilities of the final E-step, [N][K].
  public let responsibilities: [[Double]]
  /// The largest |sum_k gamma_nk - 1| over all E-steps and points.
  public let largestResponsibilityDefect: Double
  public var iterations: Int { logLikelihoods.count - 1 }

  /// Runs EM from `initial` until the log-likelihood gains less than `tolerance` (relative) or
  /// after `maxIterations` steps. `expectation` is the E-step and `maximisation` the M-step
  /// (replaceable to plant a mistake).
  public init(
    _ data: [Point2], from initial: GaussianMixture, maxIterations: Int, tolerance: Double = 1e-12,
    expectation: (GaussianMixture, [Point2]) -> [[Double]] = { $0.responsibilities($1) },
    maximisation: ([Point2], [[Double]]) -> GaussianMixture = GaussianMixture.maximisation
  ) {
    var model = initial
    var history = [model.logLikelihood(data)]
    var defect = 0.0
    var gamma = expectation(model, data)
    for _ in 0..<maxIterations {
      defect = Swift.max(defect, gamma.map { Swift.abs($0.reduce(0, +) - 1) }.max() ?? 0)
      model = maximisation(data, gamma)
      history.append(model.logLikelihood(data))
      gamma = expectation(model, data)
      let gain = history[history.count - 1] - history[history.count - 2]
      if Swift.abs(gain) <= tolerance * Swift.abs(history.last ?? 1) { break }
    }
    defect = Swift.max(defect, gamma.map { Swift.abs($0.reduce(0, +) - 1) }.max() ?? 0)
    self.model = model
    self.logLikelihoods = history
    self.responsibilities = gamma
    self.largestResponsibilityDefect = defect
  }
}

/// log sum_i exp(a_i), computed as m + log sum_i exp(a_i - m) with m = max a_i.
public func logSumExp(_ a: [Double]) -> Double {
  guard let m = a.max(), m.isFinite else { return a.max() ?? -.infinity }
  return m + Foundation.log(a.reduce(0) { $0 + Foundation.exp($1 - m) })
}
