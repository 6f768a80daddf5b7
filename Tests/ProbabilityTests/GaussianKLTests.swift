// The Gaussian closed forms of the VAE chapter against hand values and against each other.

import Foundation
import LinearAlgebra
import Probability
import Stochastic
import Testing

@Suite("Gaussian densities and KL closed forms")
struct GaussianKLTests {
  @Test func standardNormalDensityAtZero() {
    let g = Gaussian.standard(3)
    #expect(abs(g.logDensity([0, 0, 0]) + 1.5 * log(2 * Double.pi)) < 1e-14)
  }

  @Test func densityMatchesTheDiagonalFormula() throws {
    let g = try Gaussian(mean: [1, -2], variance: [4, 0.25])
    let x = [2.0, -1.0]
    let expected = -log(2 * Double.pi) - 0.5 * log(4 * 0.25) - 0.5 * (1.0 / 4 + 1.0 / 0.25)
    #expect(abs(g.logDensity(x) - expected) < 1e-13)
  }

  @Test func oneDimensionalKLByHand() throws {
    // KL(N(1, 4) || N(0, 1)) = 1/2 (4 + 1 - 1 - log 4).
    let expected = 0.5 * (4 + 1 - 1 - log(4.0))
    #expect(abs(klDiagonalToStandard(mean: [1], variance: [4]) - expected) < 1e-14)
    #expect(abs(klDiagonalToStandard(mean: [1], logVariance: [log(4.0)]) - expected) < 1e-14)
    #expect(abs(try gaussianKL(Gaussian(mean: [1], variance: [4]), .standard(1)) - expected) < 1e-14)
  }

  @Test func klOfTwoUnivariateGaussians() throws {
    // KL(N(m1, s1^2) || N(m2, s2^2)) = log(s2/s1) + (s1^2 + (m1-m2)^2) / (2 s2^2) - 1/2.
    let (m1, s1, m2, s2) = (0.3, 0.7, -1.1, 1.9)
    let expected = log(s2 / s1) + (s1 * s1 + (m1 - m2) * (m1 - m2)) / (2 * s2 * s2) - 0.5
    let kl = try gaussianKL(Gaussian(mean: [m1], variance: [s1 * s1]), Gaussian(mean: [m2], variance: [s2 * s2]))
    #expect(abs(kl - expected) < 1e-14)
  }

  @Test func klIsZeroOnlyForEqualGaussiansAndNotSymmetric() throws {
    let c = Matrix([[2, 0.5], [0.5, 1]])
    let q = try Gaussian(mean: [0.2, -0.4], covariance: c)
    let p = try Gaussian(mean: [1, 0], covariance: .identity(2))
    #expect(abs(try gaussianKL(q, q)) < 1e-14)
    #expect(try gaussianKL(q, p) > 0)
    #expect(abs(try gaussianKL(q, p) - gaussianKL(p, q)) > 1e-3)
  }

  @Test func fullCovarianceKLAgreesWithMonteCarlo() throws {
    var rng = SeededRandom(seed: 3)
    let q = try Gaussian(
      mean: [0.5, -0.2, 1], covariance: Matrix([[1.5, 0.3, 0.1], [0.3, 0.8, -0.2], [0.1, -0.2, 0.6]]))
    let p = try Gaussian(mean: [0, 0.4, 0.2], covariance: Matrix([[1, 0.2, 0], [0.2, 2, 0.3], [0, 0.3, 1.2]]))
    let e = monteCarlo(count: 40_000, using: &rng) { r in
      let z = q.sample(using: &r)
      return q.logDensity(z) - p.logDensity(z)
    }
    #expect(abs(e.mean - (try gaussianKL(q, p))) < 4 * e.standardError)
  }

  @Test func samplesHaveTheCovariance() throws {
    var rng = SeededRandom(seed: 5)
    let c = Matrix([[1.5, 0.6], [0.6, 0.9]])
    let g = try Gaussian(mean: [1, -1], covariance: c)
    let cross = monteCarlo(count: 40_000, using: &rng) { r in
      let z = g.sample(using: &r)
      return (z[0] - 1) * (z[1] + 1)
    }
    #expect(abs(cross.mean - 0.6) < 4 * cross.standardError)
  }

  @Test func nonPositiveDefiniteCovarianceThrows() {
    #expect(throws: (any Error).self) { try Gaussian(mean: [0, 0], covariance: Matrix([[1, 2], [2, 1]])) }
  }
}

@Suite("Probabilistic PCA closed forms")
struct LinearGaussianModelTests {
  func model() -> LinearGaussianModel {
    var rng = SeededRandom(seed: 11)
    return LinearGaussianModel(
      loading: Matrix(rows: 4, columns: 2, storage: rng.normals(8)), offset: rng.normals(4), noiseVariance: 0.4)
  }

  @Test func posteriorIsBayesRule() throws {
    // log p(z|x) = log p(x|z) + log p(z) - log p(x), at any z.
    let m = model()
    let x = [0.3, -1.2, 0.8, 2.0]
    let posterior = try m.posterior(x)
    for z in [[0.0, 0.0], [1.0, -0.5], [-2.0, 0.7]] {
      let bayes = try m.logJoint(x, z) - m.logMarginal(x)
      #expect(abs(posterior.logDensity(z) - bayes) < 1e-10)
    }
  }

  @Test func expectedLogLikelihoodAgreesWithMonteCarlo() throws {
    let m = model()
    let x = [0.3, -1.2, 0.8, 2.0]
    let q = try Gaussian(mean: [0.4, -0.1], variance: [0.5, 0.2])
    var rng = SeededRandom(seed: 2)
    let e = monteCarlo(count: 40_000, using: &rng) { r in
      (try? m.likelihood(given: q.sample(using: &r)).logDensity(x)) ?? .nan
    }
    #expect(abs(e.mean - m.expectedLogLikelihood(x, under: q)) < 4 * e.standardError)
  }

  @Test func elboIdentityAndBound() throws {
    let m = model()
    let x = [0.3, -1.2, 0.8, 2.0]
    let q = try Gaussian(mean: [0.4, -0.1], variance: [0.5, 0.2])
    let logEvidence = try m.logMarginal(x)
    let elbo = m.expectedLogLikelihood(x, under: q) - (try gaussianKL(q, m.prior))
    let left = logEvidence - (try gaussianKL(q, m.posterior(x)))
    #expect(abs(left - elbo) < 1e-10 * abs(elbo))
    #expect(elbo < logEvidence)
    let atPosterior = try m.posterior(x)
    let tight = m.expectedLogLikelihood(x, under: atPosterior) - (try gaussianKL(atPosterior, m.prior))
    #expect(abs(tight - logEvidence) < 1e-10 * abs(logEvidence))
  }
}
