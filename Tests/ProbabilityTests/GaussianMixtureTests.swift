import Foundation
import Probability
import Stochastic
import Testing

@Suite("Gaussian mixture and EM")
struct GaussianMixtureTests {
  let mixture = GaussianMixture(
    weights: [0.6, 0.4],
    components: [
      BivariateNormal(mean: Point2(-1, 0), covariance: Covariance2(xx: 1, xy: 0.3, yy: 0.5)),
      BivariateNormal(mean: Point2(2, 1), covariance: Covariance2(xx: 0.4, xy: 0, yy: 0.8)),
    ])

  func data(_ n: Int, seed: UInt64 = 1) -> [Point2] {
    var rng = SeededRandom(seed: seed)
    return (0..<n).map { _ in mixture.sample(using: &rng).point }
  }

  @Test func diagonalBivariateNormalIsAProductOfNormals() {
    let b = BivariateNormal(mean: Point2(1, -2), covariance: Covariance2(xx: 4, xy: 0, yy: 0.25))
    let x = Point2(0.3, -1.1)
    let product =
      Normal(mean: 1, standardDeviation: 2).logPdf(0.3) + Normal(mean: -2, standardDeviation: 0.5).logPdf(-1.1)
    #expect(abs(b.logPdf(x) - product) < 1e-14)
  }

  @Test func bivariateSamplesHaveTheCovariance() {
    var rng = SeededRandom(seed: 4)
    let b = mixture.components[0]
    let xs = (0..<40_000).map { _ in b.sample(using: &rng) - b.mean }
    let cross = MeanEstimate(xs.map { $0.x * $0.y })
    #expect(abs(cross.mean - 0.3) < 4 * cross.standardError)
  }

  @Test func logSumExpIsStable() {
    #expect(abs(logSumExp([1000, 1000]) - (1000 + log(2))) < 1e-12)
    #expect(abs(logSumExp([-1000, -1000 + log(3)]) - (-1000 + log(4))) < 1e-12)
    #expect(logSumExp([-.infinity, -.infinity]) == -.infinity)
  }

  @Test func responsibilitiesAreBayesRule() {
    let x = Point2(0.5, 0.2)
    let g = mixture.responsibilities([x])[0]
    let joint = zip(mixture.weights, mixture.components).map { $0 * exp($1.logPdf(x)) }
    #expect(abs(g[0] - joint[0] / (joint[0] + joint[1])) < 1e-14)
    #expect(abs(g.reduce(0, +) - 1) < 1e-15)
  }

  @Test func mStepWithHardLabelsIsThePerClassFit() {
    // Class 0 is (0, 0), (2, 0), (0, 3): mean (2/3, 1), deviations x (-2/3, 4/3, -2/3) and
    // y (-1, -1, 2), so xx = 8/9, yy = 2, xy = -2/3 with 1/N (xx != yy: no entry stands in
    // for another).
    let x = [Point2(0, 0), Point2(2, 0), Point2(0, 3), Point2(10, 10), Point2(12, 10)]
    let gamma: [[Double]] = [[1, 0], [1, 0], [1, 0], [0, 1], [0, 1]]
    let fit = GaussianMixture.maximisation(x, responsibilities: gamma)
    #expect(fit.weights == [0.6, 0.4])
    let mean = fit.components[0].mean
    #expect(abs(mean.x - 2.0 / 3) < 1e-15 && abs(mean.y - 1) < 1e-15)
    let c = fit.components[0].covariance
    #expect(abs(c.xx - 8.0 / 9) < 1e-15)  // 1/N, not 1/(N-1)
    #expect(abs(c.yy - 2) < 1e-15)
    #expect(abs(c.xy + 2.0 / 3) < 1e-15)
    #expect(fit.components[1].mean == Point2(11, 10))
    #expect(fit.components[1].covariance == Covariance2(xx: 1, xy: 0, yy: 0))
  }

  @Test func emNeverDecreasesTheLikelihoodAndRecoversTheMeans() {
    let x = data(2_000)
    var rng = SeededRandom(seed: 7)
    let em = ExpectationMaximisation(x, from: .initial(x, components: 2, using: &rng), maxIterations: 300)
    let steps = zip(em.logLikelihoods.dropFirst(), em.logLikelihoods).map { $0 - $1 }
    #expect(steps.allSatisfy { $0 >= -1e-9 }, "\(steps.min() ?? 0)")
    #expect(em.largestResponsibilityDefect < 1e-12)
    #expect(em.model.logLikelihood(x) >= mixture.logLikelihood(x))
    let means = em.model.components.map(\.mean).sorted { $0.x < $1.x }
    #expect(((means[0] - Point2(-1, 0)) * (means[0] - Point2(-1, 0))).sum() < 0.01)
    #expect(((means[1] - Point2(2, 1)) * (means[1] - Point2(2, 1))).sum() < 0.01)
  }
}
