// A two-level hierarchical VAE (slides "Hierarchical Variational Autoencoders"), bottom-up
// inference q(z1, z2 | x) = q(z1 | x) q(z2 | z1), generative model
// p(x, z1, z2) = p(x | z1) p(z1 | z2) p(z2), p(z2) = N(0, I):
//
//   -ELBO = -E log p(x | z1)                                  (reconstruction)
//           + E[log q(z1 | x) - log p(z1 | z2)]                (level 1, one sample)
//           + E_{q(z1|x)} KL(q(z2 | z1) || N(0, I))            (level 2, closed form given z1)
//
// The level-2 term is integrated over z2 analytically (lower variance); the level-1 term cannot
// be, because p(z1 | z2) depends on the sampled z2.

import Autodiff
import Foundation
import NeuralNet
import Stochastic
import TensorCore

/// The three per-image terms of a minibatch, in nats (means over the batch).
public struct TwoLevelTerms {
  public let reconstruction: Variable
  public let level1: Variable
  public let level2: Variable
  public var loss: Variable { reconstruction + level1 + level2 }
}

/// Encoder x -> z1 -> z2 and decoder z2 -> z1 -> x, each step an MLP with one hidden layer.
public struct TwoLevelVAE {
  public let encoder1: Sequential  // [B, D] -> [B, H]
  public let mean1: Dense, logVariance1: Dense  // [B, H] -> [B, Z1]
  public let encoder2: Sequential  // [B, Z1] -> [B, H2]
  public let mean2: Dense, logVariance2: Dense  // [B, H2] -> [B, Z2]
  public let prior1: Sequential  // [B, Z2] -> [B, H2]
  public let priorMean1: Dense, priorLogVariance1: Dense  // [B, H2] -> [B, Z1]
  public let decoder: Sequential  // [B, Z1] -> [B, D] logits

  public init(inputSize: Int, hidden: Int, latent1: Int, hidden2: Int, latent2: Int, using rng: inout SeededRandom) {
    encoder1 = Sequential([Dense(inputSize, hidden, activation: .relu, initializer: .heNormal, using: &rng)])
    mean1 = Dense(hidden, latent1, using: &rng)
    logVariance1 = Dense(hidden, latent1, using: &rng)
    encoder2 = Sequential([Dense(latent1, hidden2, activation: .relu, initializer: .heNormal, using: &rng)])
    mean2 = Dense(hidden2, latent2, using: &rng)
    logVariance2 = Dense(hidden2, latent2, using: &rng)
    prior1 = Sequential([Dense(latent2, hidden2, activation: .relu, initializer: .heNormal, using: &rng)])
    priorMean1 = Dense(hidden2, latent1, using: &rng)
    // Small initial weights: log-variances start near 0, so e^{-pv} cannot explode in the first steps.
    priorLogVariance1 = Dense(hidden2, latent1, initializer: .normal(standardDeviation: 1e-3), using: &rng)
    decoder = Sequential([
      Dense(latent1, hidden, activation: .relu, initializer: .heNormal, using: &rng),
      Dense(hidden, inputSize, using: &rng),
    ])
  }

  public var latent1: Int { mean1.outputSize }
  public var latent2: Int { mean2.outputSize }
  public var parameters: [Variable] {
    [
      encoder1.parameters, mean1.parameters, logVariance1.parameters, encoder2.parameters, mean2.parameters,
      logVariance2.parameters, prior1.parameters, priorMean1.parameters, priorLogVariance1.parameters,
      decoder.parameters,
    ]
    .flatMap { $0 }
  }

  /// q(z1 | x).
  public func encode1(_ x: Variable) -> Encoded {
    let h = encoder1(x)
    return Encoded(mean: mean1(h), logVariance: logVariance1(h))
  }
  /// q(z2 | z1).
  public func encode2(_ z1: Variable) -> Encoded {
    let h = encoder2(z1)
    return Encoded(mean: mean2(h), logVariance: logVariance2(h))
  }
  /// p(z1 | z2), a diagonal Gaussian (the same struct as an encoder output).
  public func conditionalPrior(_ z2: Variable) -> Encoded {
    let h = prior1(z2)
    return Encoded(mean: priorMean1(h), logVariance: priorLogVariance1(h))
  }
  public func decodeLogits(_ z1: Variable) -> Variable { decoder.logits(z1) }

  /// -ELBO per image of x [B, D] and its terms, with eps1 [B, Z1], eps2 [B, Z2] drawn outside.
  public func negativeELBO(_ x: Tensor, noise1: Tensor, noise2: Tensor) -> TwoLevelTerms {
    let b = Float(x.rows)
    let q1 = encode1(Variable(x))
    let z1 = reparameterize(q1, noise: noise1)  // [B, Z1]
    let q2 = encode2(z1)
    let z2 = reparameterize(q2, noise: noise2)  // [B, Z2]
    let p1 = conditionalPrior(z2)
    let reconstruction = bernoulliNegativeLogLikelihood(logits: decodeLogits(z1), targets: x, reduction: .perImageSum)
    // log q(z1|x) - log p(z1|z2) = 1/2 sum [pv + (z1 - pm)^2 e^{-pv} - v1 - eps1^2]; log 2 pi cancels.
    let epsSquared = Double(noise1.storage.reduce(0) { $0 + $1 * $1 })
    let level1 =
      ((p1.logVariance + (z1 - p1.mean).squared() * (-p1.logVariance).exp() - q1.logVariance).sum() - Float(epsSquared))
      * (0.5 / b)
    let level2 = klToStandardNormal(q2) * (1 / b)
    return TwoLevelTerms(reconstruction: reconstruction, level1: level1, level2: level2)
  }
}
