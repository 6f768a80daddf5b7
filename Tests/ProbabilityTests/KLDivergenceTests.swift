import Foundation
import Probability
import Testing

@Suite("KL divergence")
struct KLDivergenceTests {
  @Test func discreteConventions() {
    #expect(klDivergence([0.5, 0.5], [0.5, 0.5]) == 0)
    #expect(klDivergence([1, 0], [0.5, 0.5]) == log(2))  // 0 log 0 = 0
    #expect(klDivergence([0.5, 0.5], [1, 0]) == .infinity)  // Q misses P's mass
    #expect(abs(klDivergence([0.2, 0.8], [0.6, 0.4]) - (0.2 * log(0.2 / 0.6) + 0.8 * log(0.8 / 0.4))) < 1e-15)
  }

  @Test func binomialProbabilitiesSumToOneAndMatchTheFormula() {
    let p = binomialProbabilities(trials: 10, success: 0.3)
    #expect(abs(p.reduce(0, +) - 1) < 1e-14)
    #expect(abs(p[3] - 120 * pow(0.3, 3) * pow(0.7, 7)) < 1e-15)
    let big = binomialProbabilities(trials: 2_000, success: 0.4)
    #expect(abs(big.reduce(0, +) - 1) < 1e-11)
  }

  @Test func normalClosedFormMatchesQuadrature() {
    let p = Normal(mean: 0.3, standardDeviation: 0.8)
    let q = Normal(mean: -1, standardDeviation: 1.7)
    let quadrature = midpointIntegral({ x in p.pdf(x) * (p.logPdf(x) - q.logPdf(x)) }, -12, 12)
    #expect(abs(Normal.klDivergence(p, q) - quadrature) < 1e-10)
    #expect(Normal.klDivergence(p, p) == 0)
  }

  @Test func laplaceToNormalClosedFormMatchesQuadrature() {
    let p = Laplace(location: 0.5, scale: 0.8)
    let q = Normal(mean: -0.2, standardDeviation: 1.3)
    let quadrature = midpointIntegral({ x in p.pdf(x) * (p.logPdf(x) - q.logPdf(x)) }, -40, 40, points: 400_000)
    #expect(abs(Laplace.klDivergence(p, q) - quadrature) < 1e-7)  // the kink limits the midpoint rule
  }
}
