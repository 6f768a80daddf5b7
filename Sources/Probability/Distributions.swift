// One-dimensional distributions with everything inverse-CDF sampling needs: the density p(x),
// the distribution function P(x) = Prob(X < x), and its inverse P^-1(u). Sampling is then the
// slide's recipe x = P^-1(u), u ~ uni[0, 1], written once in the protocol extension.
//
// The normal quantile is Wichura's AS241 (PPND16), accurate to about 1e-16 relative; the normal
// distribution function uses erfc, so P(P^-1(u)) = u is a round trip through two independent
// approximations (which the tests and the chapter check).

import Foundation
import Stochastic

/// A continuous distribution on the real line, sampled by the inverse CDF.
public protocol ContinuousDistribution: Sendable {
  /// The density p(x).
  func pdf(_ x: Double) -> Double
  /// log p(x), computed directly (not as log(pdf)) so that tails do not underflow.
  func logPdf(_ x: Double) -> Double
  /// P(x) = Prob(X <= x).
  func cdf(_ x: Double) -> Double
  /// P^-1(u) for u in (0, 1).
  func quantile(_ u: Double) -> Double
  /// A short name for tables and legends, e.g. "Exponential(1.5)".
  var name: String { get }
}

extension ContinuousDistribution {
  public func pdf(_ x: Double) -> Double { Foundation.exp(logPdf(x)) }

  /// x = P^-1(u) with u uniform on (0, 1): the endpoints are excluded so that unbounded
  /// quantiles stay finite.
  public func sample(using rng: inout SeededRandom) -> Double {
    var u = rng.uniform()
    while u == 0 { u = rng.uniform() }
    return quantile(u)
  }

  /// `count` draws by the inverse CDF.
  public func samples(_ count: Int, using rng: inout SeededRandom) -> [Double] {
    (0..<count).map { _ in sample(using: &rng) }
  }
}

/// log(sqrt(2 pi)).
let logSquareRootTwoPi = 0.5 * Foundation.log(2 * Double.pi)

/// N(mean, sd^2).
public struct Normal: ContinuousDistribution, Equatable {
  public let mean: Double
  public let standardDeviation: Double

  public init(mean: Double = 0, standardDeviation: Double = 1) {
    precondition(standardDeviation > 0, "a normal needs a positive standard deviation")
    self.mean = mean
    self.standardDeviation = standardDeviation
  }

  public static let standard = Normal()

  public var variance: Double { standardDeviation * standardDeviation }
  public var name: String { "N(\(formatShort(mean)), \(formatShort(standardDeviation))^2)" }

  public func logPdf(_ x: Double) -> Double {
    let z = (x - mean) / standardDeviation
    return -0.5 * z * z - Foundation.log(standardDeviation) - logSquareRootTwoPi
  }

  /// Phi((x - mean) / sd) = erfc(-z / sqrt 2) / 2: accurate in the lower tail, where 1 + erf loses digits.
  public func cdf(_ x: Double) -> Double {
    0.5 * Foundation.erfc(-(x - mean) / (standardDeviation * 2.0.squareRoot()))
  }

  public func quantile(_ u: Double) -> Double { mean + standardDeviation * normalQuantile(u) }
}

/// Phi^-1(p), the standard normal quantile, by Wichura's algorithm AS241 (PPND16, Applied
/// Statistics 37, 1988): rational approximations on three ranges of p, about 1e-16 relative
/// accuracy. Returns -inf at 0, +inf at 1, NaN outside [0, 1].
public func normalQuantile(_ p: Double) -> Double {
  guard p >= 0, p <= 1 else { return .nan }
  if p == 0 { return -.infinity }
  if p == 1 { return .infinity }
  func poly(_ c: [Double], _ x: Double) -> Double { c.reversed().reduce(0) { $0 * x + $1 } }
  let q = p - 0.5
  if Swift.abs(q) <= 0.425 {
    let r = 0.180625 - q * q
    return q * poly(AS241.a, r) / poly(AS241.b, r)
  }
  var r = (-Foundation.log(q < 0 ? p : 1 - p)).squareRoot()
  let value: Double
  if r <= 5 {
    r -= 1.6
    value = poly(AS241.c, r) / poly(AS241.d, r)
  } else {
    r -= 5
    value = poly(AS241.e, r) / poly(AS241.f, r)
  }
  return q < 0 ? -value : value
}

/// The coefficients of AS241 (PPND16), lowest degree first.
enum AS241 {
  static let a = [
    3.3871328727963666080e0, 1.3314166789178437745e+2, 1.9715909503065514427e+3, 1.3731693765509461125e+4,
    4.5921953931549871457e+4, 6.7265770927008700853e+4, 3.3430575583588128105e+4, 2.5090809287301226727e+3,
  ]
  static let b = [
    1.0, 4.2313330701600911252e+1, 6.8718700749205790830e+2, 5.3941960214247511077e+3,
    2.1213794301586595867e+4, 3.9307895800092710610e+4, 2.8729085735721942674e+4, 5.2264952788528545610e+3,
  ]
  static let c = [
    1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0, 3.64784832476320460504e0,
    1.27045825245236838258e0, 2.41780725177450611770e-1, 2.27238449892691845833e-2, 7.74545014278341407640e-4,
  ]
  static let d = [
    1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1,
    1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4, 1.05075007164441684324e-9,
  ]
  static let e = [
    6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0, 2.96560571828504891230e-1,
    2.65321895265761230930e-2, 1.24266094738807843860e-3, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
  ]
  static let f = [
    1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
    7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7, 2.04426310338993978564e-15,
  ]
}

/// Exponential(rate): p(x) = rate e^(-rate x) for x >= 0; P^-1(u) = -log(1 - u) / rate.
public struct Exponential: ContinuousDistribution, Equatable {
  public let rate: Double
  public init(rate: Double) {
    precondition(rate > 0, "an exponential needs a positive rate")
    self.rate = rate
  }
  public var name: String { "Exponential(\(formatShort(rate)))" }
  public func logPdf(_ x: Double) -> Double { x < 0 ? -.infinity : Foundation.log(rate) - rate * x }
  public func cdf(_ x: Double) -> Double { x <= 0 ? 0 : -Foundation.expm1(-rate * x) }
  public func quantile(_ u: Double) -> Double { -Foundation.log1p(-u) / rate }
}

/// Laplace(location, scale): p(x) = e^(-|x - m| / b) / (2b); heavier tails than a normal.
public struct Laplace: ContinuousDistribution, Equatable {
  public let location: Double
  public let scale: Double
  public init(location: Double = 0, scale: Double = 1) {
    precondition(scale > 0, "a Laplace distribution needs a positive scale")
    self.location = location
    self.scale = scale
  }
  public var name: String { "Laplace(\(formatShort(location)), \(formatShort(scale)))" }
  public func logPdf(_ x: Double) -> Double { -Swift.abs(x - location) / scale - Foundation.log(2 * scale) }
  public func cdf(_ x: Double) -> Double {
    let z = (x - location) / scale
    return z < 0 ? 0.5 * Foundation.exp(z) : 1 - 0.5 * Foundation.exp(-z)
  }
  public func quantile(_ u: Double) -> Double {
    u < 0.5 ? location + scale * Foundation.log(2 * u) : location - scale * Foundation.log(2 * (1 - u))
  }
}

/// Cauchy(location, scale): no mean, no variance; P^-1(u) = m + s tan(pi (u - 1/2)).
public struct Cauchy: ContinuousDistribution, Equatable {
  public let location: Double
  public let scale: Double
  public init(location: Double = 0, scale: Double = 1) {
    precondition(scale > 0, "a Cauchy distribution needs a positive scale")
    self.location = location
    self.scale = scale
  }
  public var name: String { "Cauchy(\(formatShort(location)), \(formatShort(scale)))" }
  public func logPdf(_ x: Double) -> Double {
    let z = (x - location) / scale
    return -Foundation.log(Double.pi * scale * (1 + z * z))
  }
  public func cdf(_ x: Double) -> Double { 0.5 + Foundation.atan((x - location) / scale) / Double.pi }
  public func quantile(_ u: Double) -> Double { location + scale * Foundation.tan(Double.pi * (u - 0.5)) }
}

/// The radius |z| of a 2-D standard normal z: Rayleigh(sigma = 1) scaled by `scale` and shifted
/// by `shift`, i.e. r = shift + scale |z|. P(r) = 1 - exp(-((r - shift) / scale)^2 / 2).
public struct ShiftedRayleigh: ContinuousDistribution, Equatable {
  public let shift: Double
  public let scale: Double
  public init(shift: Double = 0, scale: Double = 1) {
    precondition(scale > 0, "a Rayleigh distribution needs a positive scale")
    self.shift = shift
    self.scale = scale
  }
  public var name: String { "\(formatShort(shift)) + \(formatShort(scale)) Rayleigh(1)" }
  /// E r = shift + scale sqrt(pi / 2).
  public var mean: Double { shift + scale * (Double.pi / 2).squareRoot() }
  /// Var r = scale^2 (4 - pi) / 2.
  public var variance: Double { scale * scale * (4 - Double.pi) / 2 }
  public func logPdf(_ x: Double) -> Double {
    let t = (x - shift) / scale
    return t <= 0 ? -.infinity : Foundation.log(t / scale) - 0.5 * t * t
  }
  public func cdf(_ x: Double) -> Double {
    let t = (x - shift) / scale
    return t <= 0 ? 0 : -Foundation.expm1(-0.5 * t * t)
  }
  public func quantile(_ u: Double) -> Double { shift + scale * (-2 * Foundation.log1p(-u)).squareRoot() }
}

/// "1.5", "0.25", "2": short numbers for distribution names.
func formatShort(_ x: Double) -> String {
  x == x.rounded() && Swift.abs(x) < 1e6 ? String(Int(x)) : String(format: "%g", x)
}

/// A mixture of 1-D normals, sum_k w_k N(mu_k, s_k^2). Its P^-1 has no closed form: `quantile`
/// inverts P by bisection to full Double precision, which is all inverse-CDF sampling needs.
public struct NormalMixture: ContinuousDistribution, Equatable {
  public let weights: [Double]
  public let components: [Normal]

  public init(weights: [Double], components: [Normal]) {
    precondition(weights.count == components.count && !weights.isEmpty, "one weight per component")
    precondition(
      Swift.abs(weights.reduce(0, +) - 1) < 1e-12 && weights.allSatisfy { $0 > 0 },
      "weights must be positive and sum to 1")
    self.weights = weights
    self.components = components
  }

  public var name: String {
    zip(weights, components).map { "\(formatShort($0)) \($1.name)" }.joined(separator: " + ")
  }

  public func logPdf(_ x: Double) -> Double {
    let terms = zip(weights, components).map { Foundation.log($0) + $1.logPdf(x) }
    guard let m = terms.max(), m.isFinite else { return -.infinity }
    return m + Foundation.log(terms.reduce(0) { $0 + Foundation.exp($1 - m) })
  }

  public func cdf(_ x: Double) -> Double {
    zip(weights, components).reduce(0) { $0 + $1.0 * $1.1.cdf(x) }
  }

  /// Bisection on P(x) = u between brackets that hold every component's quantile of u.
  public func quantile(_ u: Double) -> Double {
    guard u > 0, u < 1 else { return u <= 0 ? -.infinity : .infinity }
    var lo = components.map { $0.quantile(u) }.min() ?? 0
    var hi = components.map { $0.quantile(u) }.max() ?? 0
    // P(lo) <= u <= P(hi): each component is below/above u there, so the mixture is too.
    for _ in 0..<200 {
      let mid = 0.5 * (lo + hi)
      if mid <= lo || mid >= hi { break }
      if cdf(mid) < u { lo = mid } else { hi = mid }
    }
    return 0.5 * (lo + hi)
  }

  /// Ancestral sampling: k ~ Categorical(w), then x ~ N(mu_k, s_k^2) (Box-Muller, not P^-1).
  public func ancestralSample(using rng: inout SeededRandom) -> Double {
    var u = rng.uniform()
    var k = 0
    while k < weights.count - 1 && u >= weights[k] {
      u -= weights[k]
      k += 1
    }
    return rng.normal(mean: components[k].mean, standardDeviation: components[k].standardDeviation)
  }

  /// The mixture convolved with N(0, h^2): each component's variance grows by h^2. This is the
  /// expected value of a Gaussian KDE with bandwidth h at every x.
  public func smoothed(bandwidth h: Double) -> NormalMixture {
    NormalMixture(
      weights: weights,
      components: components.map { Normal(mean: $0.mean, standardDeviation: ($0.variance + h * h).squareRoot()) })
  }
}
