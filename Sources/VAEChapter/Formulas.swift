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

    static var honest: Formulas { Formulas() }

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
