import Foundation
import Probability
import Stochastic
import Testing

/// int f over [a, b] by the midpoint rule (error O(h^2) for smooth f, h = (b - a) / points;
/// the tolerances below allow for it, and for the kinks of Laplace and Exponential densities).
func midpointIntegral(_ f: (Double) -> Double, _ a: Double, _ b: Double, points: Int = 200_000) -> Double {
  let h = (b - a) / Double(points)
  return (0..<points).reduce(0) { $0 + f(a + (Double($1) + 0.5) * h) } * h
}

@Suite("1-D distributions and the normal quantile")
struct DistributionsTests {
  static let all: [any ContinuousDistribution] = [
    Normal(mean: 0.5, standardDeviation: 2), Exponential(rate: 1.5), Laplace(location: -1, scale: 0.7),
    Cauchy(location: 1, scale: 0.5), ShiftedRayleigh(shift: 1, scale: 0.1),
    NormalMixture(
      weights: [0.3, 0.7],
      components: [Normal(mean: -2, standardDeviation: 0.5), Normal(mean: 1, standardDeviation: 1)]),
  ]

  @Test func normalQuantileKnownValues() {
    #expect(normalQuantile(0.5) == 0)
    #expect(abs(normalQuantile(0.975) - 1.959963984540054) < 1e-15)
    #expect(abs(normalQuantile(0.025) + 1.959963984540054) < 1e-15)
    #expect(abs(normalQuantile(0.8413447460685429) - 1) < 1e-14)  // Phi(1)
    #expect(normalQuantile(0) == -.infinity)
    #expect(normalQuantile(1) == .infinity)
    #expect(normalQuantile(1.5).isNaN)
    #expect(normalQuantile(-0.1).isNaN)
  }

  @Test func normalQuantileInvertsTheErfcCDFOnAllThreeRanges() {
    // Central (|p - 0.5| <= 0.425), intermediate (r <= 5) and far tail (p < e^-25).
    for p in [0.3, 0.6, 0.07, 0.93, 1e-5, 1e-10, 1e-20, 1e-100, 1e-300] {
      let x = normalQuantile(p)
      #expect(abs(Normal.standard.cdf(x) - p) <= 1e-12 * p, "p = \(p)")
      #expect(abs(normalQuantile(1 - p) + x) <= 1e-8 * abs(x) || p < 1e-15, "symmetry at p = \(p)")
    }
  }

  @Test func cdfOfQuantileIsTheIdentity() {
    for d in Self.all {
      for u in stride(from: 0.01, to: 1, by: 0.01) {
        #expect(abs(d.cdf(d.quantile(u)) - u) < 1e-12, "\(d.name) at u = \(u)")
      }
    }
  }

  @Test func pdfIsTheDerivativeOfTheCDF() {
    for d in Self.all {
      for u in [0.1, 0.3, 0.45, 0.7, 0.9] {  // not 0.5: the Laplace density has a kink at its median
        let x = d.quantile(u)
        let h = 1e-5
        let slope = (d.cdf(x + h) - d.cdf(x - h)) / (2 * h)
        #expect(abs(slope - d.pdf(x)) < 1e-6 * max(1, d.pdf(x)), "\(d.name) at x = \(x)")
      }
    }
  }

  @Test func densitiesIntegrateToOne() {
    // Midpoint rule with h = 2e-4 (1e-5 for the Rayleigh): errors of order 1e-8 at most.
    #expect(abs(midpointIntegral(Normal(mean: 0.5, standardDeviation: 2).pdf, -20, 21) - 1) < 1e-7)
    #expect(abs(midpointIntegral(Exponential(rate: 1.5).pdf, 0, 40) - 1) < 1e-7)
    #expect(abs(midpointIntegral(Laplace(location: -1, scale: 0.7).pdf, -40, 40) - 1) < 1e-7)
    #expect(abs(midpointIntegral(ShiftedRayleigh(shift: 1, scale: 0.1).pdf, 1, 3) - 1) < 1e-7)
  }

  @Test func rayleighMomentsMatchQuadrature() {
    let r = ShiftedRayleigh(shift: 1, scale: 0.1)
    let mean = midpointIntegral({ $0 * r.pdf($0) }, 1, 3)
    let second = midpointIntegral({ ($0 - mean) * ($0 - mean) * r.pdf($0) }, 1, 3)
    #expect(abs(mean - r.mean) < 1e-8)
    #expect(abs(second - r.variance) < 1e-8 * r.variance)
  }

  @Test func samplingIsReproducibleAndMatchesTheMean() {
    var a = SeededRandom(seed: 3)
    var b = SeededRandom(seed: 3)
    let d = Exponential(rate: 2)
    let x = d.samples(20_000, using: &a)
    #expect(x == d.samples(20_000, using: &b))
    let e = MeanEstimate(x)
    #expect(abs(e.mean - 0.5) < 4 * e.standardError)
  }

  @Test func mixtureSmoothingAddsTheBandwidthToEachVariance() {
    let m = NormalMixture(
      weights: [0.4, 0.6], components: [Normal(mean: 0, standardDeviation: 1), Normal(mean: 3, standardDeviation: 2)])
    let s = m.smoothed(bandwidth: 0.5)
    // (p * N(0, h^2))(x) by quadrature of p(t) N(x - t; 0, h^2).
    let kernel = Normal(mean: 0, standardDeviation: 0.5)
    for x in [-1.0, 1.5, 4.0] {
      let convolved = midpointIntegral({ t in m.pdf(t) * kernel.pdf(x - t) }, -15, 20, points: 100_000)
      #expect(abs(convolved - s.pdf(x)) < 1e-10, "x = \(x)")
    }
  }
}
