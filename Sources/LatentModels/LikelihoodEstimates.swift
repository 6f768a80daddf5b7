// Held-out quality of a trained VAE, per image, in nats:
//
//   ELBO(x)   = E_q log p(x | z) - KL(q(z|x) || p(z))    (K-sample reconstruction, exact KL)
//   log p(x) ~= log (1/K) sum_k p(x | z_k) p(z_k) / q(z_k | x),  z_k ~ q(z | x)
//
// The second is the importance-sampled likelihood of Burda et al. (2016): its expectation is a
// lower bound on log p(x) that rises with K towards log p(x), and already at K = 1 it equals
// the ELBO in expectation; so it should lie above the ELBO.

import Autodiff
import Foundation
import Stochastic
import TensorCore

/// Per-image ELBO, importance-sampled log p(x) and their terms.
public struct LikelihoodEstimates: Sendable {
  public var elbo: [Double] = []
  public var importanceSampled: [Double] = []
  /// E_q log p(x | z) (K-sample mean) and KL(q || p(z)) per image.
  public var reconstruction: [Double] = []
  public var kl: [Double] = []
  public let samples: Int
}

extension VariationalAutoencoder {
  /// Estimates for every row of `images` [N, D] with K samples of q per image; with
  /// `conditions` [N, C] (a CVAE), of the conditional log p(x | c) and its ELBO. The three
  /// formulas (the sampler, log p(x|z) per image, the log-mean-exp of the weights) are
  /// parameters so that a chapter can pass a deliberately wrong one and see which checks fail.
  public func likelihoodEstimates(
    _ images: Tensor, conditions: Tensor? = nil, samples k: Int, batchSize: Int = 500, using rng: inout SeededRandom,
    sampler: Sampler = reparameterize,
    logLikelihood: (_ logits: Tensor, _ targets: Tensor) -> [Double] = bernoulliLogLikelihoodPerRow,
    combine: ([Double]) -> Double = logMeanExp
  ) -> LikelihoodEstimates {
    var out = LikelihoodEstimates(samples: k)
    let halfLog2Pi = 0.5 * Foundation.log(2 * Double.pi)
    var start = 0
    while start < images.rows {
      let x = images.rows(start..<min(start + batchSize, images.rows))  // [B, D]
      let c = conditions?.rows(start..<min(start + batchSize, images.rows))  // [B, C]
      let b = x.rows
      let zSize = latentSize
      let q = encode(Variable(x), condition: c)
      let kls = klToStandardNormalPerRow(mean: q.mean.value, logVariance: q.logVariance.value)
      var logWeights = [[Double]](repeating: [], count: b)
      var reconstruction = [Double](repeating: 0, count: b)
      for _ in 0..<k {
        let eps = Tensor.normal(like: q.mean.value, using: &rng)  // [B, Z]
        let z = sampler(q, eps).value  // [B, Z]
        let logLikelihoodOfZ = logLikelihood(decodeLogits(Variable(z), condition: c).value, x)
        for i in 0..<b {
          // log p(z) - log q(z | x): the Gaussian normalisers and the e^{-1/2 |.|^2} terms,
          // with (z - mu) / sigma = eps and log sigma = v / 2.
          var logRatio = 0.0
          for j in 0..<zSize {
            let zj = Double(z[i, j])
            let e = Double(eps[i, j])
            let v = Double(q.logVariance.value[i, j])
            logRatio += (-0.5 * zj * zj - halfLog2Pi) - (-0.5 * e * e - 0.5 * v - halfLog2Pi)
          }
          logWeights[i].append(logLikelihoodOfZ[i] + logRatio)
          reconstruction[i] += logLikelihoodOfZ[i] / Double(k)
        }
      }
      for i in 0..<b {
        out.importanceSampled.append(combine(logWeights[i]))
        out.reconstruction.append(reconstruction[i])
        out.kl.append(kls[i])
        out.elbo.append(reconstruction[i] - kls[i])
      }
      start += b
    }
    return out
  }
}
