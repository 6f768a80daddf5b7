// Slide "CVAE loss function": the conditional ELBO identity
//
//   log p(x|c) - KL(q(z|x,c) || p(z|x,c)) = E_q log p(x|z,c) - KL(q(z|x,c) || p(z|c))
//
// checked line by line on a conditional linear-Gaussian model, where every term is a closed
// form: one prior mean m_c and one offset b_c per class,
//
//   p(z|c) = N(m_c, I),  p(x|z,c) = N(W z + b_c, s^2 I),
//   so p(x|c) = N(W m_c + b_c, W W^T + s^2 I) and p(z|x,c) = m_c + (the PPCA posterior of u = z - m_c).
//
// The left side goes through the D x D marginal covariance and the posterior; the right side
// through the class's likelihood and the class's prior. The prior must be p(z|c): with the
// unconditional N(0, I) in the last KL the two sides differ (the tests plant exactly that).

import Foundation
import Lecture
import LinearAlgebra
import Probability
import Stochastic

extension CVAEChapter {
  /// The conditional linear-Gaussian model of one class c.
  package struct ConditionalLinearGaussian {
    package let loading: Matrix  // W [D, K]
    package let priorMean: [Double]  // m_c [K]
    package let offset: [Double]  // b_c [D]
    package let noiseVariance: Double  // s^2

    package init(loading: Matrix, priorMean: [Double], offset: [Double], noiseVariance: Double) {
      (self.loading, self.priorMean, self.offset, self.noiseVariance) = (loading, priorMean, offset, noiseVariance)
    }

    /// p(z|c) = N(m_c, I).
    package var prior: Gaussian { get throws { try Gaussian(mean: priorMean, variance: priorMean.map { _ in 1 }) } }
    /// The model of u = z - m_c, x = W u + (W m_c + b_c) + noise: PPCA, for p(x|c) and the posterior.
    var shifted: LinearGaussianModel {
      LinearGaussianModel(
        loading: loading, offset: zip(matvec(loading, priorMean), offset).map { $0 + $1 }, noiseVariance: noiseVariance)
    }
    /// p(x|z,c) as a function of z: PPCA's likelihood with offset b_c (its prior unused).
    var likelihoodModel: LinearGaussianModel {
      LinearGaussianModel(loading: loading, offset: offset, noiseVariance: noiseVariance)
    }

    /// p(z|x,c): the posterior of u, shifted back by m_c.
    package func posterior(_ x: [Double]) throws -> Gaussian {
      let u = try shifted.posterior(x)
      return try Gaussian(mean: zip(u.mean, priorMean).map { $0 + $1 }, covariance: u.covariance)
    }
  }

  /// The four terms of the identity for one x, c and q.
  package struct ConditionalELBOSides {
    package let logEvidence: Double  // log p(x|c)
    package let klToPosterior: Double  // KL(q || p(z|x,c))
    package let expectedLogLikelihood: Double  // E_q log p(x|z,c)
    package let klToPrior: Double  // KL(q || p(z|c))
    package var left: Double { logEvidence - klToPosterior }
    package var right: Double { expectedLogLikelihood - klToPrior }
  }

  /// The formulas of the identity, honest or with one planted mistake of the catalogue.
  struct IdentityFormulas {
    /// The prior of the last KL: p(z|c).
    var prior: (ConditionalLinearGaussian) throws -> Gaussian = { try $0.prior }
    /// What the left side starts from, given log p(x|c): log p(x|c) itself.
    var evidence: (Double) -> Double = { $0 }
    /// KL(q || p) in closed form.
    var kl: (Gaussian, Gaussian) throws -> Double = gaussianKL
    /// p(z|x,c): the posterior of u = z - m_c shifted back by m_c.
    var posterior: (ConditionalLinearGaussian, [Double]) throws -> Gaussian = { try $0.posterior($1) }
    /// E_q log p(x|z,c) in closed form: the log-likelihood at q's mean less its spread's share,
    /// tr(W^T W Sigma_q) / (2 s).
    var expectedLogLikelihood: (LinearGaussianModel, [Double], Gaussian) throws -> Double = { model, x, q in
      model.expectedLogLikelihood(x, under: q)
    }
  }

  package static func conditionalELBOSides(_ model: ConditionalLinearGaussian, x: [Double], q: Gaussian) throws
    -> ConditionalELBOSides
  {
    try conditionalELBOSides(model, x: x, q: q, formulas: IdentityFormulas())
  }

  static func conditionalELBOSides(
    _ model: ConditionalLinearGaussian, x: [Double], q: Gaussian, formulas f: IdentityFormulas
  ) throws -> ConditionalELBOSides {
    ConditionalELBOSides(
      logEvidence: f.evidence(try model.shifted.logMarginal(x)), klToPosterior: try f.kl(q, try f.posterior(model, x)),
      expectedLogLikelihood: try f.expectedLogLikelihood(model.likelihoodModel, x, q),
      klToPrior: try f.kl(q, try f.prior(model)))
  }

  /// A model with three classes (D = 6, K = 2), one x drawn from each class, and a
  /// deliberately imperfect q per x: the posterior's mean moved by half a posterior standard
  /// deviation (times a normal draw), its variances widened by half and its correlation dropped.
  /// Close enough that the bound's gap KL(q || p(z|x,c)) is a fraction of a nat, so a wrong
  /// term of a nat or more on either side of the inequality shows.
  package static func conditionalExample(using rng: inout SeededRandom) throws
    -> [(model: ConditionalLinearGaussian, x: [Double], q: Gaussian)]
  {
    let (d, k) = (6, 2)
    let w = Matrix(rows: d, columns: k, storage: rng.normals(d * k))
    return try (0..<3).map { _ in
      let model = ConditionalLinearGaussian(
        loading: w, priorMean: rng.normals(k).map { 2 * $0 }, offset: rng.normals(d), noiseVariance: 0.5)
      let x = try model.shifted.sample(using: &rng).x
      let posterior = try model.posterior(x)
      let variances = (0..<k).map { posterior.covariance[$0, $0] }
      let mean = (0..<k).map { posterior.mean[$0] + 0.5 * variances[$0].squareRoot() * rng.normal() }
      let q = try Gaussian(mean: mean, variance: variances.map { 1.5 * $0 })
      return (model, x, q)
    }
  }

  /// The section, with the run's planted formulas (honest when none is planted).
  package static func conditionalELBO(_ run: ChapterRun) throws {
    try conditionalELBO(run, formulas: Seams.planted(run.mistake).identity)
  }

  static func conditionalELBO(_ run: ChapterRun, formulas f: IdentityFormulas) throws {
    run.section("CVAE loss function: the conditional ELBO, line by line, on a conditional linear-Gaussian model")
    let slide = "Conditional Variational Autoencoder (CVAE): loss function"
    run.say(
      "p(z|c) = N(m_c, I_2), p(x|z,c) = N(W z + b_c, 0.5 I_6) for 3 classes c (W shared); one x drawn from each class")
    var rng = run.random("conditional-elbo")
    // The largest of each quantity over the classes, signed where the sign is the claim.
    var worst = 0.0
    var worstGap = -Double.infinity
    var worstAtPosterior = 0.0
    for (c, example) in try conditionalExample(using: &rng).enumerated() {
      let sides = try conditionalELBOSides(example.model, x: example.x, q: example.q, formulas: f)
      let exact = try conditionalELBOSides(
        example.model, x: example.x, q: try f.posterior(example.model, example.x), formulas: f)
      run.say(
        String(
          format:
            "c = %d: log p(x|c) = %.6f, KL(q || p(z|x,c)) = %.6f, E_q log p(x|z,c) = %.6f, KL(q || p(z|c)) = %.6f",
          c, sides.logEvidence, sides.klToPosterior, sides.expectedLogLikelihood, sides.klToPrior))
      worst = max(worst, abs(sides.left - sides.right) / abs(sides.left))
      worstGap = max(worstGap, sides.right - sides.logEvidence)  // ELBO - log p(x|c) <= 0
      worstAtPosterior = max(worstAtPosterior, abs(exact.right - exact.logEvidence) / abs(exact.logEvidence))
    }
    run.check(
      "log p(x|c) - KL(q||p(z|x,c)) = E_q log p(x|z,c) - KL(q||p(z|c)), worst relative difference over 3 classes",
      slide: slide,
      expected: 0, observed: worst, tolerance: .absolute(1e-9))
    run.check(
      "conditional ELBO - log p(x|c) <= 0 for the imperfect q, largest over 3 classes", slide: slide,
      expected: 0, observed: worstGap, tolerance: .atMost(margin: 0))
    run.check(
      "conditional ELBO = log p(x|c) at q = p(z|x,c), worst relative difference", slide: slide,
      expected: 0, observed: worstAtPosterior, tolerance: .absolute(1e-9))
  }
}
