// The slides' MLP VAE, x -> 500 -> 500 -> (mu, log sigma^2) -> z -> 500 -> 500 -> logits:
// a diagonal-Gaussian encoder that outputs the log-variance, a Bernoulli decoder from logits,
// and the prior p(z) = N(0, I). Built from the public NeuralNet layers so it trains with the
// shared Adam / Trainer and benefits from any speed-up of the core.
//
// With a condition c (slides "Conditional Variational Autoencoder (CVAE)"), the same model
// is conditioned the slides' way, by concatenation: the encoder reads [x, c] for q(z | x, c),
// the decoder reads [z, c] for p(x | z, c), and the prior stays p(z | c) = N(0, I).

import Autodiff
import Foundation
import NeuralNet
import Stochastic
import TensorCore

/// A VAE with MLP encoder and decoder.
public struct GaussianVAE: VariationalAutoencoder {
  public let encoder: Sequential  // [B, D] -> [B, H]
  public let meanHead: Dense  // [B, H] -> [B, Z]
  public let logVarianceHead: Dense  // [B, H] -> [B, Z]
  public let decoder: Sequential  // [B, Z] -> [B, D] logits

  /// The width of the condition c (a one-hot label: the number of classes); 0 for a VAE.
  public let conditionSize: Int

  /// `hidden` = [500, 500] gives the slides' 784-500-500-Z-500-500-784; `conditionSize` > 0
  /// makes it a CVAE (784+C-500-500-Z, Z+C-500-500-784).
  public init(inputSize: Int, hidden: [Int], latentSize: Int, conditionSize: Int = 0, using rng: inout SeededRandom) {
    self.conditionSize = conditionSize
    var layers: [Dense] = []
    var width = inputSize + conditionSize
    for h in hidden {
      layers.append(Dense(width, h, activation: .relu, initializer: .heNormal, using: &rng))
      width = h
    }
    encoder = Sequential(layers)
    meanHead = Dense(width, latentSize, using: &rng)
    logVarianceHead = Dense(width, latentSize, using: &rng)
    var decoderLayers: [Dense] = []
    width = latentSize + conditionSize
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

  /// `v` with the condition's columns appended, [B, n] -> [B, n + C]; `v` itself for a VAE.
  func conditioned(_ v: Variable, on c: Tensor?) -> Variable {
    precondition((c != nil) == (conditionSize > 0), "a condition is needed exactly when conditionSize > 0")
    guard let c else { return v }
    precondition(
      c.shape == [v.shape[0], conditionSize], "condition \(c.shape), expected [\(v.shape[0]), \(conditionSize)]")
    return Variable.concatenateColumns([v, Variable(c)])
  }

  /// q(z | x) (or q(z | x, c)) for a batch of images [B, D] (and conditions [B, C]).
  public func encode(_ x: Variable, condition c: Tensor? = nil) -> Encoded {
    let h = encoder(conditioned(x, on: c))  // [B, H]
    return Encoded(mean: meanHead(h), logVariance: logVarianceHead(h))  // [B, Z] each
  }

  /// Decoder logits [B, D] for codes z [B, Z] (and conditions [B, C]); sigmoid gives the
  /// Bernoulli means.
  public func decodeLogits(_ z: Variable, condition c: Tensor? = nil) -> Variable {
    decoder.logits(conditioned(z, on: c))
  }
}
