// The formulas the chapter hands to its sections and to the libraries, honest or with one
// planted mistake of the catalogue (`VAEChapter.mistakes`). The mapping from a mistake's name
// to the wrong formula lives here and nowhere else; the libraries stay honest.

import Autodiff
import Foundation
import LatentModels
import Lecture
import Probability
import TensorCore

extension VAEChapter {
  struct Formulas {
    /// The closed-form KL divergences (diagonal, log-variance and general forms).
    var kl = GaussianKL.exact
    /// z from q(z|x) and eps: the sampler of the reparameterisation checks, of training and of
    /// the held-out estimates.
    var sampler: Sampler = reparameterize
    /// The KL term of the training loss, summed over a batch (a Float autodiff op): every
    /// training loop of the chapter (the main model and both sweeps) adds it.
    var klTerm: KLTerm = klToStandardNormal
    /// log p(x|z) per image (a sum over the pixels) from decoder logits.
    var bernoulliLogLikelihood: (_ logits: Tensor, _ targets: Tensor) -> [Double] = bernoulliLogLikelihoodPerRow
    /// log (1/K) sum_k e^{a_k} of K log-weights.
    var logMeanExp: ([Double]) -> Double = LatentModels.logMeanExp
    /// E_{z ~ q} log p(x|z) of probabilistic PCA in closed form.
    var expectedLogLikelihood: (_ model: LinearGaussianModel, _ x: [Double], _ q: Gaussian) -> Double = {
      $0.expectedLogLikelihood($1, under: $2)
    }
    /// The HVAE's level-1 term log q(z1|x) - log p(z1|z2) of one image from z1, its eps1, v1 and
    /// p(z1|z2)'s mean and log-variance: 1/2 sum [pv + (z1 - pm)^2 e^{-pv} - v1 - eps1^2].
    var levelOne: (_ z1: [Double], _ eps1: [Double], _ v1: [Double], _ pm: [Double], _ pv: [Double]) -> Double = {
      z1, e1, v1, pm, pv in
      var total = 0.0
      for k in z1.indices {
        total += 0.5 * (pv[k] + (z1[k] - pm[k]) * (z1[k] - pm[k]) * Foundation.exp(-pv[k]) - v1[k] - e1[k] * e1[k])
      }
      return total
    }
    /// The ELBO from its two terms: E_q log p(x|z) - KL(q || p(z)).
    var elbo: (_ expectedLogLikelihood: Double, _ kl: Double) -> Double = { $0 - $1 }
    /// The score-function (REINFORCE) terms of one draw z of N(mu, sigma^2) for f(z):
    /// f d log q / dmu = f (z - mu) / sigma^2 and f d log q / dsigma = f ((z - mu)^2 / sigma^3 - 1 / sigma).
    var score: (_ f: Double, _ z: Double, _ mu: Double, _ sigma: Double) -> (mu: Double, sigma: Double) = {
      f, z, mu, sigma in
      (f * (z - mu) / (sigma * sigma), f * ((z - mu) * (z - mu) / (sigma * sigma * sigma) - 1 / sigma))
    }
    /// The rate a sweep reports for a model of KL weight `beta` and latent size Z from its
    /// KL(q || p(z)) per image: the KL of the whole code.
    var rate: (_ kl: Double, _ beta: Double, _ latentSize: Int) -> Double = { kl, _, _ in kl }
    /// The weight training puts on the KL for a beta-VAE of `beta`: Loss = reconstruction + beta KL.
    var klWeight: (_ beta: Double) -> Double = { $0 }
    /// The slide's HVAE bracket from the four log-densities of one draw:
    /// log p(z1|z2) / q(z1|x) + log p(z2) / q(z2|z1).
    var bracket: (_ logP1: Double, _ logP2: Double, _ logQ1: Double, _ logQ2: Double) -> Double = {
      $0 - $2 + $1 - $3
    }

    /// The mean of the top-down factor q(z1|z2) at a draw of z2: B z2 + c.
    var topDownConditionalMean: (_ q: TopDownQ, _ z2: [Double]) -> [Double] = { $0.conditionalMean($1) }
    /// The top-down q's joint Gaussian over (z1, z2), cross-covariance B A included.
    var topDownJoint: (_ q: TopDownQ) throws -> Gaussian = { try $0.joint() }

    static var honest: Formulas { Formulas() }

    /// What the latent-size and beta sweeps train with: the honest sampler, these formulas' KL
    /// term and their weight on the KL.
    var sweepTraining: Formulas {
      var training = Formulas.honest
      training.klTerm = klTerm
      training.klWeight = klWeight
      return training
    }

    /// The formulas with `mistake` planted (the honest ones for nil).
    static func planted(_ mistake: Mistake?) -> Formulas {
      var f = Formulas()
      switch mistake?.name {
      case "kl-without-half":
        f.kl.diagonalToStandard = { m, s2 in 2 * klDiagonalToStandard(mean: m, variance: s2) }
      case "sigma-for-variance-in-kl":
        f.kl.logVarianceToStandard = { m, v in klDiagonalToStandard(mean: m, variance: v.map { Foundation.exp($0 / 2) })
        }
      case "kl-wrong-direction":
        f.kl.between = { q, p in try gaussianKL(p, q) }
      case "log-det-of-sigma":
        f.kl.between = { q, p in try gaussianKL(q, p) - 0.25 * (p.logDeterminant - q.logDeterminant) }
      case "exp-v-for-exp-half-v":
        f.sampler = { q, eps in
          q.mean + q.logVariance.exp() * Variable(eps)
        }
      case "reparameterize-gradient-without-half":
        f.sampler = { q, eps in
          let z = reparameterize(q, noise: eps)
          let sigma = q.logVariance.value.map { Foundation.exp($0 / 2) }
          return Variable(op: "reparameterize", value: z.value, inputs: [q.mean, q.logVariance]) { g in
            [g, g * eps * sigma]
          }
        }
      case "uniform-noise-for-normal":
        // eps ~ U(0, 1) (a rand for a randn): Phi maps the caller's normal eps to a uniform one.
        f.sampler = { q, eps in
          reparameterize(q, noise: eps.map { Float(0.5 * erfc(-Double($0) / 2.squareRoot())) })
        }
      case "expectation-at-the-mean":
        f.expectedLogLikelihood = { model, x, q in (try? model.likelihood(given: q.mean).logDensity(x)) ?? .nan }
      case "log-q-without-quadratic":
        let honest = f.levelOne
        f.levelOne = { z1, e1, v1, pm, pv in honest(z1, e1.map { _ in 0 }, v1, pm, pv) }
      case "elbo-sign-flipped":
        f.elbo = { $0 + $1 }
      case "mean-where-sum":
        f.bernoulliLogLikelihood = { logits, x in
          bernoulliLogLikelihoodPerRow(logits: logits, targets: x).map { $0 / Double(x.columns) }
        }
      case "score-mean-not-subtracted":
        // E f z / sigma^2 = the gradient + mu E f / sigma^2: with the slide's mu_k >= 0.1 and
        // sigma_k <= 0.8 the bias (>= 0.6) is over 20 of the estimator's standard errors.
        let honest = f.score
        f.score = { fz, z, mu, sigma in (fz * z / (sigma * sigma), honest(fz, z, mu, sigma).sigma) }
      case "score-without-normaliser":
        // d log q / dsigma without the -1/sigma of log q's -log sigma: a bias of E f / sigma, 2 to
        // 10 for the slide's q, against standard errors of at most 0.2 at 20000 draws.
        let honest = f.score
        f.score = { fz, z, mu, sigma in
          (honest(fz, z, mu, sigma).mu, fz * (z - mu) * (z - mu) / (sigma * sigma * sigma))
        }
      case "score-baseline-from-the-same-draw":
        // A baseline b must not depend on the draw it corrects: (f - b) d log q is unbiased only
        // because E[b d log q] = b E[d log q] = 0 for a fixed b. With b = f(z) of the same draw
        // every term is 0: an estimate of 0 with variance 0, at any seed.
        let honest = f.score
        f.score = { fz, z, mu, sigma in honest(fz - fz, z, mu, sigma) }
      case "beta-on-reconstruction":
        // beta rec + KL = beta (rec + KL / beta), and Adam's steps do not depend on the loss's
        // scale (up to its epsilon): it trains the beta-VAE of 1 / beta, the sweep reversed.
        f.klWeight = { 1 / $0 }
      case "kl-without-entropy":
        // 1/2 sum(e^v + mu^2 - 1) without -v: nothing keeps sigma from 0, so training shrinks q
        // towards a point, and the true KL's -log sigma^2 grows with every coordinate of z.
        f.klTerm = { q in 0.5 * (q.logVariance.exp() + q.mean.squared() - 1).sum() }
      case "rate-from-weighted-term":
        // beta R for R: the sweep's rates 23, 13, 6 nats at beta = 1/4, 1, 4 read as 6, 13, 24,
        // reversed by 7 nats or more, while the distortions stay in order.
        f.rate = { kl, beta, _ in beta * kl }
      case "rate-per-coordinate":
        // KL / Z: the latent sweep's rates 6, 11, 13, 13 nats at Z = 2, 5, 10, 20 read as 3.2,
        // 2.2, 1.3, 0.65, reversed; the beta sweep (Z = 10 for every beta) only rescaled.
        f.rate = { kl, _, z in kl / Double(z) }
      case "top-down-z1-without-z2":
        // z1 drawn and scored around B a + c, the mean at z2's mean, whatever z2 was drawn.
        f.topDownConditionalMean = { q, _ in q.conditionalMean(q.top.mean) }
      case "joint-without-cross-covariance":
        f.topDownJoint = { try $0.joint(crossCovariance: false) }
      case "bracket-inverted":
        // log q/p for log p/q: the bracket becomes +KL(q || p), whose mean is positive.
        f.bracket = { p1, p2, q1, q2 in q1 - p1 + q2 - p2 }
      case "log-sum-exp-for-log-mean-exp":
        f.logMeanExp = { a in LatentModels.logMeanExp(a) + Foundation.log(Double(a.count)) }
      default:
        break
      }
      return f
    }
  }

  static let klSlide = "VAE Mathematics (KL)"
  static let elboSlide = "VAE Mathematics (ELBO)"
  static let reparameterizationSlide = "VAE Mathematics (reparam.)"
}
