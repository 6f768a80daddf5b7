// The three models of the benchmark, built with the public NeuralNet/Autodiff API exactly as the
// chapters build theirs (Dense, Sequential, Variable ops, binaryCrossEntropy(logits:targets:)),
// so the timings are what a class waits for, not those of a private fast path.

import Autodiff
import NeuralNet
import Stochastic
import TensorCore

/// A model of the benchmark: its parameters, its minibatch loss and its FLOP count.
struct BenchModel {
  let key: String
  let title: String
  let batchSize: Int
  /// Every dense layer, in order, for counting FLOPs.
  let layers: [Dense]
  let parameters: [Variable]
  /// The training loss of a minibatch x [B, 784] (mean over the batch).
  let loss: (_ x: Tensor, _ rng: inout SeededRandom) -> Variable

  /// Matrix-product FLOPs of one training step on `rows` samples: per layer the forward
  /// x W, the weight gradient x^T dZ and, except for the first layer (whose input is data),
  /// the input gradient dZ W^T; each 2 * rows * in * out.
  func gemmFLOPs(rows: Int, firstLayers: Set<Int> = [0]) -> Double {
    var total = 0.0
    for (i, layer) in layers.enumerated() {
      let one = 2.0 * Double(rows) * Double(layer.inputSize) * Double(layer.outputSize)
      total += firstLayers.contains(i) ? 2 * one : 3 * one
    }
    return total
  }
  /// Which layers read the data directly (no input gradient).
  var dataLayers: Set<Int> = [0]
}

/// Mean binary cross-entropy per pixel of an autoencoder on x [B, 784].
func autoencoder(key: String, title: String, widths: [Int], batchSize: Int, using rng: inout SeededRandom) -> BenchModel {
  var layers: [Dense] = []
  for i in 0..<(widths.count - 1) {
    let last = i == widths.count - 2
    layers.append(Dense(widths[i], widths[i + 1], activation: last ? .sigmoid : .relu, using: &rng))
  }
  let net = Sequential(layers)
  return BenchModel(key: key, title: title, batchSize: batchSize, layers: layers, parameters: net.parameters) { x, _ in
    binaryCrossEntropy(logits: net.logits(Variable(x)), targets: x)  // [B, 784] -> scalar
  }
}

/// The MLP VAE of the slides: encoder 784-500-500 -> (mu [2], log sigma^2 [2]),
/// z = mu + exp(logvar / 2) * eps, decoder 2-500-500-784 with Bernoulli logits;
/// loss per image = BCE summed over pixels + KL(q(z|x) || N(0, I)), averaged over the batch.
func mlpVAE(using rng: inout SeededRandom) -> BenchModel {
  let hidden = [Dense(784, 500, activation: .relu, using: &rng), Dense(500, 500, activation: .relu, using: &rng)]
  let mean = Dense(500, 2, using: &rng)
  let logVariance = Dense(500, 2, using: &rng)
  let decoder = Sequential([
    Dense(2, 500, activation: .relu, using: &rng), Dense(500, 500, activation: .relu, using: &rng),
    Dense(500, 784, using: &rng),
  ])
  let encoder = Sequential(hidden)
  let layers = hidden + [mean, logVariance] + decoder.layers
  let parameters = encoder.parameters + mean.parameters + logVariance.parameters + decoder.parameters
  var model = BenchModel(key: "mlp_vae", title: "MLP VAE 784-500-500-2-500-500-784", batchSize: 128, layers: layers, parameters: parameters) { x, rng in
    let b = Float(x.rows)
    let h = encoder(Variable(x))  // [B, 500]
    let mu = mean(h), logVar = logVariance(h)  // [B, 2] each
    let eps = Variable(Tensor.normal(like: mu.value, using: &rng))  // [B, 2]
    let z = mu + (logVar * 0.5).exp() * eps  // [B, 2]
    let reconstruction = binaryCrossEntropy(logits: decoder.logits(z), targets: x) * Float(x.columns)
    let kl = (1 + logVar - mu.squared() - logVar.exp()).sum() * (-0.5 / b)
    return reconstruction + kl
  }
  model.dataLayers = [0]
  return model
}
