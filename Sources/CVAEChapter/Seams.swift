// The values the chapter hands to its sections, honest or with one planted mistake of the
// catalogue (`CVAEChapter.mistakes`): the mapping from a mistake's name to the wrong formula
// lives here and nowhere else; the libraries (LatentModels, Probability) stay honest.

import Autodiff
import Foundation
import LatentModels
import Lecture
import NeuralNet
import Probability
import Stochastic
import TensorCore

extension CVAEChapter {
  package struct Seams {
    /// The formulas of the conditional ELBO identity (Double, closed forms).
    var identity = IdentityFormulas()
    /// A test image's ELBO from its two terms: E_q log p(x|z,c) - KL(q || p(z|c)).
    var elbo: (_ expectedLogLikelihood: Double, _ kl: Double) -> Double = { $0 - $1 }
    /// z from q(z|x,c) and eps, in training and in the gradient row of the training loss.
    var sampler: Sampler = reparameterize
    /// The condition the decoder reads when a sample of label c is drawn from the prior.
    var sampleCondition: (_ labels: [Int], _ classes: Int) -> Tensor = { oneHot($0, classes: $1) }
    /// The code decoded with every label in the style transfer: the means of q(z|x,c) [m, Z].
    var styleCode: (_ means: Tensor, _ rng: inout SeededRandom) -> Tensor = { means, _ in means }

    /// The code whose label content the chapter measures: the mean of q(z|x,c) [n, Z].
    var latentCode: (_ encoded: Tensor, _ condition: Tensor?) -> Tensor = { means, _ in means }

    package static var honest: Seams { Seams() }

    /// The seams with `mistake` planted (the honest ones for nil).
    package static func planted(_ mistake: Mistake?) -> Seams {
      var s = Seams()
      switch mistake?.name {
      case "unconditional-prior": s.identity.prior = { .standard($0.priorMean.count) }
      case "evidence-without-log": s.identity.evidence = { Foundation.exp($0) }
      case "kl-wrong-direction": s.identity.kl = { q, p in try gaussianKL(p, q) }
      case "posterior-not-shifted-back": s.identity.posterior = { model, x in try model.shifted.posterior(x) }
      case "expected-likelihood-at-q-mean":
        // The lost share tr(W^T W Sigma_q) / (2 s) is more than a nat for this model's q (W W^T has
        // eigenvalues of several units, Sigma_q 1.5 times the posterior's), while the bound's
        // true gap KL(q || p(z|x,c)) is a fraction of a nat: the "ELBO" exceeds log p(x|c).
        s.identity.expectedLogLikelihood = { model, x, q in try model.likelihood(given: q.mean).logDensity(x) }
      case "test-elbo-kl-added":
        // The KL added: each model's test ELBO rises by twice its KL, 10 nats or so an image,
        // far above the importance-sampled bound (standard errors near 0.1 nats).
        s.elbo = { $0 + $1 }
      case "sampler-gradient-without-sigma":
        s.sampler = samplerGradientWithoutSigma
      case "label-withheld-when-sampling":
        // A zero vector for c: the samples of every label come from the same decoder input, so
        // naming them as their label and as the next label is equally likely (the lead is 0).
        s.sampleCondition = { labels, classes in Tensor.zeros([labels.count, classes]) }
      case "code-with-label-appended":
        // [z, c] is the decoder's input, not the code: its one-hot part alone names the label, and
        // a k-NN on it is right almost always, far above the plain VAE's code at any seed.
        s.latentCode = { means, condition in condition.map { Tensor.concatenateColumns([means, $0]) } ?? means }
      case "style-code-from-prior":
        // A fresh z ~ N(0, I) per image: the transfers' ink is independent of the source's, and
        // the correlation is 0 up to its standard error 1 / sqrt(m - 3).
        s.styleCode = { means, rng in Tensor.normal(like: means, using: &rng) }
      default: break
      }
      return s
    }

    /// z = mu + e^{v/2} eps with the right value and a backward without e^{v/2}: dz/dv = eps / 2
    /// where eps e^{v/2} / 2 belongs (the chain rule through sigma = e^{v/2} stopped at eps).
    static func samplerGradientWithoutSigma(_ q: Encoded, _ eps: Tensor) -> Variable {
      let z = reparameterize(q, noise: eps).value
      return Variable(op: "reparameterize", value: z, inputs: [q.mean, q.logVariance]) { g in [g, g * eps * 0.5] }
    }
  }
}
