// Slides "VAE Mathematics" (the derivation of the ELBO), line by line, on probabilistic PCA:
// p(z) = N(0, I), p(x|z) = N(W z + mu, s^2 I). There log p(x), the posterior p(z|x) and
// E_q log p(x|z) are closed forms, so each line of the slides is a number, and the identity
//
//   log p(x) - KL(q(z|x) || p(z|x)) = E_q[log p(x|z)] - KL(q(z|x) || p(z))
//
// holds to rounding error for every Gaussian q; the two sides share no intermediate value.

import Foundation
import Lecture
import LinearAlgebra
import Plotting
import Probability
import Stochastic

extension VAEChapter {
  /// The left and right sides of the ELBO identity for one q.
  struct ELBOSides {
    let logEvidence: Double
    let klToPosterior: Double
    let expectedLogLikelihood: Double
    let klToPrior: Double
    /// The ELBO from its two terms (the chapter's formula, E_q log p(x|z) - KL(q || p(z))).
    let right: Double
    var left: Double { logEvidence - klToPosterior }
  }

  static func elboSides(_ model: LinearGaussianModel, _ x: [Double], _ q: Gaussian, formulas f: Formulas) throws
    -> ELBOSides
  {
    let expected = f.expectedLogLikelihood(model, x, q)
    let klToPrior = try f.kl.between(q, model.prior)
    return ELBOSides(
      logEvidence: try model.logMarginal(x), klToPosterior: try f.kl.between(q, try model.posterior(x)),
      expectedLogLikelihood: expected, klToPrior: klToPrior, right: f.elbo(expected, klToPrior))
  }

  package static func elboIdentity(_ run: ChapterRun, kl: GaussianKL, count: Int) throws {
    var f = Formulas.honest
    f.kl = kl
    try elboIdentity(run, formulas: f, count: count)
  }

  static func elboIdentity(_ run: ChapterRun, formulas f: Formulas, count: Int) throws {
    run.section("The ELBO, line by line, on probabilistic PCA (D = 6, K = 2)")
    let slide = "VAE Mathematics (ELBO)"
    var rng = run.random("elbo")
    let (dData, k) = (6, 2)
    let model = LinearGaussianModel(
      loading: Matrix(rows: dData, columns: k, storage: rng.normals(dData * k)),
      offset: rng.normals(dData), noiseVariance: 0.5)
    let x = try model.sample(using: &rng).x
    run.say("x = W z + mu + noise, z ~ N(0, I_2), noise ~ N(0, 0.5 I_6); one x drawn from the model")

    // A deliberately imperfect q: the posterior shifted and widened.
    let posterior = try model.posterior(x)
    let q = try Gaussian(mean: zip(posterior.mean, rng.normals(k)).map { $0 + 0.5 * $1 }, variance: [0.3, 0.8])
    let sides = try elboSides(model, x, q, formulas: f)
    run.say(
      String(
        format: "log p(x) = %.6f, KL(q || p(z|x)) = %.6f, E_q log p(x|z) = %.6f, KL(q || p(z)) = %.6f",
        sides.logEvidence, sides.klToPosterior, sides.expectedLogLikelihood, sides.klToPrior))
    run.check(
      "log p(x) - KL(q||p(z|x)) = E_q log p(x|z) - KL(q||p(z))", slide: slide,
      expected: sides.left, observed: sides.right, tolerance: .relative(1e-9))

    // Each expectation of the derivation, estimated by sampling z ~ q through q's symmetric
    // square root and evaluating log q through its eigenvalues (the closed forms use Cholesky).
    let eigenQ = try EigenGaussian(q)
    let likelihoodMC = monteCarlo(count: count, using: &rng) { r in
      let z = eigenQ.sample(using: &r)
      return (try? model.likelihood(given: z).logDensity(x)) ?? .nan
    }
    run.check(
      "E_q log p(x|z): closed form vs MC", slide: slide,
      expected: sides.expectedLogLikelihood, observed: likelihoodMC.mean,
      tolerance: .standardErrors(4, standardError: likelihoodMC.standardError))
    // Bayes' rule: KL(q || p(z|x)) = E_q[log q - log p(x|z) - log p(z)] + log p(x).
    let bayesMC = monteCarlo(count: count, using: &rng) { r in
      let z = eigenQ.sample(using: &r)
      return eigenQ.logDensity(z) - ((try? model.logJoint(x, z)) ?? .nan) + sides.logEvidence
    }
    run.check(
      "KL(q||p(z|x)) = E_q[log q - log p(x|z) - log p(z)] + log p(x)", slide: slide,
      expected: sides.klToPosterior, observed: bayesMC.mean,
      tolerance: .standardErrors(4, standardError: bayesMC.standardError))
    // The last line of the ELBO slide: ELBO = E_q log [p(x, z) / q(z)].
    // The same log-weights a = log p(x,z) - log q(z): their mean is the ELBO, the log of the
    // mean of e^a is the importance-sampled log p(x) (consistent as the draws grow).
    let logWeights = (0..<count).map { _ in
      let z = eigenQ.sample(using: &rng)
      return ((try? model.logJoint(x, z)) ?? .nan) - eigenQ.logDensity(z)
    }
    let jointMC = MeanEstimate(logWeights)
    run.check(
      "ELBO = E_q log[p(x,z) / q(z|x)]: closed form vs MC", slide: slide,
      expected: sides.right, observed: jointMC.mean, tolerance: .standardErrors(4, standardError: jointMC.standardError)
    )
    try importanceSampling(run, logWeights: logWeights, logEvidence: sides.logEvidence, formulas: f)
    try quadrature(run, model: model, x: x, logEvidence: sides.logEvidence, formulas: f)

    // Many random q: the identity, the bound, and its gap KL(q || p(z|x)) >= 0.
    let trials = 500
    var worstIdentity = 0.0
    var worstGap = Double.infinity
    var largestELBO = -Double.infinity
    for _ in 0..<trials {
      let m = rng.normals(k).map { 2 * $0 }
      let c = randomCovariance(k, using: &rng)
      let random = try Gaussian(mean: m, covariance: c)
      let s = try elboSides(model, x, random, formulas: f)
      worstIdentity = max(worstIdentity, abs(s.left - s.right) / abs(s.left))
      worstGap = min(worstGap, s.logEvidence - s.right)
      largestELBO = max(largestELBO, s.right)
    }
    run.check(
      "identity over \(trials) random q: largest relative error", slide: slide,
      expected: 0, observed: worstIdentity, tolerance: .atMost(margin: 1e-9))
    run.check(
      "ELBO <= log p(x) over \(trials) random q (largest ELBO)", slide: slide,
      expected: sides.logEvidence, observed: largestELBO, tolerance: .atMost(margin: 0))
    let atPosterior = try elboSides(model, x, posterior, formulas: f)
    run.check(
      "ELBO at q = p(z|x) equals log p(x)", slide: slide,
      expected: sides.logEvidence, observed: atPosterior.right, tolerance: .relative(1e-9))
    run.say(
      String(format: "smallest gap log p(x) - ELBO over the random q: %.3g nats (= KL(q || p(z|x)) >= 0)", worstGap))

    // Figure: the bound as q's mean moves away from the posterior mean along one direction.
    let direction = [1.0, -0.5]
    var ts: [Double] = []
    var elbos: [Double] = []
    var evidence: [Double] = []
    for i in 0...80 {
      let t = -0.6 + 1.2 * Double(i) / 80
      let moved = try Gaussian(
        mean: zip(posterior.mean, direction).map { $0 + t * $1 }, covariance: posterior.covariance)
      ts.append(t)
      elbos.append(try elboSides(model, x, moved, formulas: f).right)
      evidence.append(sides.logEvidence)
    }
    var wide = [Double]()
    var wideELBO = [Double]()
    for i in 0...80 {
      let t = -0.6 + 1.2 * Double(i) / 80
      let moved = try Gaussian(
        mean: zip(posterior.mean, direction).map { $0 + t * $1 }, covariance: 2.5 * posterior.covariance)
      wide.append(t)
      wideELBO.append(try elboSides(model, x, moved, formulas: f).right)
    }
    var figure = Figure(
      name: "vae-elbo-gap", title: "ELBO <= log p(x): the gap is KL(q(z|x) || p(z|x)) (probabilistic PCA)",
      xLabel: "shift t of the mean of q from the posterior mean", yLabel: "nats",
      commands: [KeyPlacement.inside(.bottomCenter).command, "set grid"])
    figure.layers = [
      .columns([ts, evidence], style: .line(.black, dash: 2), title: "log p(x)"),
      .columns(
        [ts, elbos], style: .line(.blue),
        title: "ELBO, q = N(posterior mean + t u, posterior covariance)"),
      .columns(
        [wide, wideELBO], style: .line(.orange), title: "ELBO, q with 2.5 x the posterior covariance"),
    ]
    try run.figure(figure)
  }
}
