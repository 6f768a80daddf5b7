// The three models of the benchmark are the library's own: `DenseAutoencoder` (AutoencoderKit)
// for the Keras blog's shallow and deep autoencoders, `GaussianVAE` (LatentModels) for the
// slides' MLP VAE, with the losses the chapters train (binary cross-entropy from logits; the
// negative ELBO). The timings are what a class waits for, not those of a private fast path.

import Autodiff
import AutoencoderKit
import LatentModels
import NeuralNet
import Stochastic
import TensorCore

/// The models bench can time, by the key `--models` takes.
enum BenchModelKind: String, CaseIterable {
  case shallowAE = "shallow_ae"
  case deepAE = "deep_ae"
  case mlpVAE = "mlp_vae"

  /// The keys as `--models` lists them.
  static var keys: String { allCases.map(\.rawValue).joined(separator: ", ") }

  /// The model built with the library's types, initialised from `rng`.
  func build(using rng: inout SeededRandom) -> BenchModel {
    switch self {
    case .shallowAE: return autoencoder(self, sizes: [784, 32], using: &rng)
    case .deepAE: return autoencoder(self, sizes: [784, 128, 64, 32], using: &rng)
    case .mlpVAE: return variationalAutoencoder(using: &rng)
    }
  }
}

/// A model of the benchmark: its parameters, its minibatch loss and its FLOP count.
struct BenchModel {
  let kind: BenchModelKind
  let title: String
  let batchSize: Int
  /// Every dense layer, in order, for counting FLOPs.
  let layers: [Dense]
  let parameters: [Variable]
  /// The training loss of a minibatch x [B, 784] (mean over the batch).
  let loss: (_ x: Tensor, _ rng: inout SeededRandom) -> Variable
  /// What `loss` measures, for the table.
  let lossName: String

  /// Matrix-product FLOPs of one training step on `rows` samples: per layer the forward
  /// x W, the weight gradient x^T dZ and, except for the first layer (it reads the data, whose
  /// gradient nobody needs), the input gradient dZ W^T; each 2 * rows * in * out.
  func gemmFLOPs(rows: Int) -> Double {
    var total = 0.0
    for (i, layer) in layers.enumerated() {
      let one = 2.0 * Double(rows) * Double(layer.inputSize) * Double(layer.outputSize)
      total += i == 0 ? 2 * one : 3 * one
    }
    return total
  }
}

/// The Keras blog's autoencoder `sizes` + mirror (ReLU code, sigmoid output), batch 256, trained
/// on the mean binary cross-entropy per pixel.
private func autoencoder(_ kind: BenchModelKind, sizes: [Int], using rng: inout SeededRandom) -> BenchModel {
  let model = DenseAutoencoder(name: kind.rawValue, sizes: sizes, codeActivation: .relu, using: &rng)
  let depth = sizes.count > 2 ? "deep" : "shallow"
  return BenchModel(
    kind: kind, title: "\(depth) AE \(model.architecture)", batchSize: 256,
    layers: model.encoder.layers + model.decoder.layers, parameters: model.parameters,
    loss: { x, _ in binaryCrossEntropy(logits: model.logits(Variable(x)), targets: x) },  // [B, 784] -> scalar
    lossName: "BCE per pixel")
}

/// The slides' MLP VAE 784-500-500-2-500-500-784, batch 128, trained on the negative ELBO per
/// image (Bernoulli log-likelihood summed over pixels + the closed-form KL), one draw of eps.
private func variationalAutoencoder(using rng: inout SeededRandom) -> BenchModel {
  let vae = GaussianVAE(inputSize: 784, hidden: [500, 500], latentSize: 2, using: &rng)
  return BenchModel(
    kind: .mlpVAE, title: "MLP VAE 784-500-500-2-500-500-784", batchSize: 128,
    layers: vae.encoder.layers + [vae.meanHead, vae.logVarianceHead] + vae.decoder.layers,
    parameters: vae.parameters,
    loss: { x, rng in
      let eps = Tensor.normal([x.rows, vae.latentSize], using: &rng)  // [B, 2]
      return vae.negativeELBO(x, noise: eps).loss
    },
    lossName: "BCE sum + KL per image")
}
