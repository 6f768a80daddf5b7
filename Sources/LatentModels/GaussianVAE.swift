// The slides' MLP VAE, x -> 500 -> 500 -> (mu, log sigma^2) -> z -> 500 -> 500 -> logits:
// a diagonal-Gaussian encoder that outputs the log-variance, a Bernoulli decoder from logits,
// and the prior p(z) = N(0, I). Built from the public NeuralNet layers so it trains with the
// shared Adam / Trainer and benefits from any speed-up of the core.

import Autodiff
import Foundation
import NeuralNet
import Stochastic
import TensorCore

/// One minibatch's loss and its two terms, each a per-image mean in nats.
public struct ELBOTerms {
  /// -E_q log p(x | z), one-sample estimate ("distortion").
  public let reconstruction: Variable
  /// KL(q(z | x) || p(z)), closed form ("rate").
  public let kl: Variable
  /// reconstruction + beta * kl; with beta = 1 this is -ELBO.
  public let loss: Variable
}

/// A VAE with MLP encoder and decoder.
public struct GaussianVAE {
  public let encoder: Sequential  // [B, D] -> [B, H]
  public let meanHead: Dense  // [B, H] -> [B, Z]
  public let logVarianceHead: Dense  // [B, H] -> [B, Z]
  public let decoder: Sequential  // [B, Z] -> [B, D] logits

  /// `hidden` = [500, 500] gives the slides' 784-500-500-Z-500-500-784.
  public init(inputSize: Int, hidden: [Int], latentSize: Int, using rng: inout SeededRandom) {
    var layers: [Dense] = []
    var width = inputSize
    for h in hidden {
      layers.append(Dense(width, h, activation: .relu, initializer: .heNormal, using: &rng))
      width = h
    }
    encoder = Sequential(layers)
    meanHead = Dense(width, latentSize, using: &rng)
    logVarianceHead = Dense(width, latentSize, using: &rng)
    var decoderLayers: [Dense] = []
    width = latentSize
    for h in hidden.reversed() {
      decoderLayers.append(Dense(width, h, activation: .relu, initializer: .heNormal, using: &rng))
      width = h
    }
    decoderLayers.append(Dense(width, inputSize, using: &rng))
    decoder = Sequential(decoderLayers)
  }

  public var latentSize: Int { meanHead.outputSize }
  public var parameters: [Variable] {
    encoder.parameters + meanHead.parameters + logVarianceHead.parameters + decoder.parameters
  }

  /// q(z | x) for a batch of images [B, D].
  public func encode(_ x: Variable) -> Encoded {
    let h = encoder(x)  // [B, H]
    return Encoded(mean: meanHead(h), logVariance: logVarianceHead(h))  // [B, Z] each
  }

  /// Decoder logits [B, D] for codes z [B, Z]; sigmoid gives the Bernoulli means.
  public func decodeLogits(_ z: Variable) -> Variable { decoder.logits(z) }

  /// Bernoulli means (pixel intensities) for codes z [B, Z].
  public func decode(_ z: Tensor) -> Tensor {
    decodeLogits(Variable(z)).value.map { 1 / (1 + Foundation.exp(-$0)) }
  }

  /// The loss of a minibatch x [B, D] with eps [B, Z] drawn outside: reconstruction + beta * KL.
  public func terms(_ x: Tensor, noise eps: Tensor, beta: Float = 1) -> ELBOTerms {
    let b = Float(x.rows)
    let q = encode(Variable(x))
    let z = reparameterize(q, noise: eps)  // [B, Z]
    let reconstruction = bernoulliNegativeLogLikelihood(logits: decodeLogits(z), targets: x) * (1 / b)
    let kl = klToStandardNormal(q) * (1 / b)
    return ELBOTerms(reconstruction: reconstruction, kl: kl, loss: beta == 1 ? reconstruction + kl : reconstruction + kl * beta)
  }
}
