// The models of the benchmark are the library's own: `DenseAutoencoder` (AutoencoderKit) for the
// Keras blog's shallow and deep autoencoders, `GaussianVAE` (LatentModels) for the slides' MLP
// VAE, `ConvolutionalVAE` (LatentModels) for keras.io's convolutional VAE, and chapters 2 and 9's
// convolutional autoencoder and VQ-VAE, with the losses the chapters train (binary cross-entropy
// from logits; the negative ELBO; the VQ-VAE's loss). The timings are what a class waits for, not
// those of a private fast path.

import Autodiff
import AutoencoderChapter
import AutoencoderKit
import LatentModels
import NeuralNet
import Stochastic
import TensorCore
import VQVAEChapter

/// The models bench can time, by the key `--models` takes.
enum BenchModelKind: String, CaseIterable {
  case shallowAE = "shallow_ae"
  case deepAE = "deep_ae"
  case mlpVAE = "mlp_vae"
  case convVAE = "conv_vae"
  case convAE = "conv_ae"
  case vqVAE = "vq_vae"

  /// The keys as `--models` lists them.
  static var keys: String { allCases.map(\.rawValue).joined(separator: ", ") }

  /// The model built with the library's types, initialised from `rng`.
  func build(using rng: inout SeededRandom) -> BenchModel {
    switch self {
    case .shallowAE: return autoencoder(self, sizes: [784, 32], using: &rng)
    case .deepAE: return autoencoder(self, sizes: [784, 128, 64, 32], using: &rng)
    case .mlpVAE: return variationalAutoencoder(using: &rng)
    case .convVAE: return convolutionalVariationalAutoencoder(using: &rng)
    case .convAE: return convolutionalAutoencoder(using: &rng)
    case .vqVAE: return vectorQuantizedAutoencoder(using: &rng)
    }
  }
}

/// One matrix product of a training step, per sample: [rows, inner] x [inner, outer]; a product
/// that reads the data needs no input gradient.
struct MatrixProduct {
  let rowsPerSample: Int
  let inner: Int
  let outer: Int
  let readsData: Bool

  /// The products of dense layers in order: one row per sample, the first reads the data.
  static func dense(_ layers: [Dense]) -> [MatrixProduct] {
    layers.enumerated().map { i, layer in
      MatrixProduct(rowsPerSample: 1, inner: layer.inputSize, outer: layer.outputSize, readsData: i == 0)
    }
  }

  /// The im2col products of convolutions in order: a row per output position, a patch by the
  /// output channels; the first reads the data.
  static func convolutions(_ layers: [Conv2D]) -> [MatrixProduct] {
    layers.enumerated().map { i, layer in
      MatrixProduct(
        rowsPerSample: layer.geometry.positions, inner: layer.geometry.patchSize, outer: layer.outputChannels,
        readsData: i == 0)
    }
  }
}

/// A model of the benchmark: its parameters, its minibatch loss and its FLOP count.
struct BenchModel {
  let kind: BenchModelKind
  let title: String
  let batchSize: Int
  /// Every forward matrix product, in order, for counting FLOPs.
  let products: [MatrixProduct]
  let parameters: [Variable]
  /// The training loss of a minibatch x [B, 784] (mean over the batch).
  let loss: (_ x: Tensor, _ rng: inout SeededRandom) -> Variable
  /// What `loss` measures, for the table.
  let lossName: String
  /// Adam's learning rate (Keras' default, or the chapter's where it trains with another).
  var learningRate: Float = 1e-3
  /// Decimals of the test loss in the table: 4 for a loss per pixel (about 0.3), 2 for one
  /// summed over an image's pixels (hundreds of nats).
  var lossDecimals = 4

  /// Test images per evaluation batch: 1,000, or the training batch for a model with im2col
  /// products (several rows per sample), whose patch matrices grow with the batch (288 x 784
  /// floats per image in the conv VAE's last layer).
  var evaluationBatch: Int { products.contains { $0.rowsPerSample > 1 } ? batchSize : 1_000 }

  /// The loss the VAEs train on, per image.
  static let negativeELBOName = "BCE sum + KL per image"

  /// Matrix-product FLOPs of training on `rows` samples: per product the forward x W, the weight
  /// gradient x^T dZ and, except where it reads the data (whose gradient nobody needs), the input
  /// gradient dZ W^T; each 2 * rows * rowsPerSample * inner * outer.
  func gemmFLOPs(rows: Int) -> Double {
    products.reduce(0.0) { total, p in
      let one = 2.0 * Double(rows * p.rowsPerSample) * Double(p.inner) * Double(p.outer)
      return total + (p.readsData ? 2 : 3) * one
    }
  }
}

/// The Keras blog's autoencoder `sizes` + mirror (ReLU code, sigmoid output), batch 256, trained
/// on the mean binary cross-entropy per pixel.
private func autoencoder(_ kind: BenchModelKind, sizes: [Int], using rng: inout SeededRandom) -> BenchModel {
  let model = DenseAutoencoder(name: kind.rawValue, sizes: sizes, codeActivation: .relu, using: &rng)
  let depth = sizes.count > 2 ? "deep" : "shallow"
  return BenchModel(
    kind: kind, title: "\(depth) AE \(model.architecture)", batchSize: 256,
    products: MatrixProduct.dense(model.encoder.layers + model.decoder.layers), parameters: model.parameters,
    loss: { x, _ in binaryCrossEntropy(logits: model.logits(Variable(x)), targets: x) },  // [B, 784] -> scalar
    lossName: "BCE per pixel")
}

/// The slides' MLP VAE 784-500-500-2-500-500-784, batch 128, trained on the negative ELBO per
/// image (Bernoulli log-likelihood summed over pixels + the closed-form KL), one draw of eps.
private func variationalAutoencoder(using rng: inout SeededRandom) -> BenchModel {
  let vae = GaussianVAE(inputSize: 784, hidden: [500, 500], latentSize: 2, using: &rng)
  return BenchModel(
    kind: .mlpVAE, title: "MLP VAE 784-500-500-2-500-500-784", batchSize: 128,
    products: MatrixProduct.dense(vae.encoder.layers + [vae.meanHead, vae.logVarianceHead] + vae.decoder.layers),
    parameters: vae.parameters, loss: negativeELBOLoss(vae), lossName: BenchModel.negativeELBOName,
    lossDecimals: 2)
}

/// A VAE's training loss on a minibatch x [B, 784]: the negative ELBO per image, one eps per image.
private func negativeELBOLoss(_ vae: some VariationalAutoencoder) -> (Tensor, inout SeededRandom) -> Variable {
  { x, rng in
    let eps = Tensor.normal([x.rows, vae.latentSize], using: &rng)  // [B, Z]
    return vae.negativeELBO(x, noise: eps).loss
  }
}

/// keras.io's convolutional VAE (conv 3x3/2 32 and 64, dense 16, Z = 2, two transposed
/// convolutions back), batch 128 as in the example, trained on the negative ELBO per image.
private func convolutionalVariationalAutoencoder(using rng: inout SeededRandom) -> BenchModel {
  let vae = ConvolutionalVAE(.init(), using: &rng)
  return BenchModel(
    kind: .convVAE, title: "conv VAE (keras.io) 28x28x1-32-64-16-2", batchSize: 128,
    products: vae.architecture.matrixProducts.map {
      MatrixProduct(rowsPerSample: $0.rowsPerImage, inner: $0.inner, outer: $0.outer, readsData: $0.readsImages)
    },
    parameters: vae.parameters, loss: negativeELBOLoss(vae), lossName: BenchModel.negativeELBOName,
    lossDecimals: 2)
}

/// Chapter 2's convolutional autoencoder (the Keras blog's: conv 3x3 16, pool, conv 8, pool,
/// conv 2 to a 7x7x2 code; conv 8, upsample, conv 8, upsample, conv 1), batch 32 as the chapter
/// trains it, on the mean binary cross-entropy per pixel.
private func convolutionalAutoencoder(using rng: inout SeededRandom) -> BenchModel {
  let model = AutoencoderChapter.ConvolutionalAutoencoder(using: &rng)
  return BenchModel(
    kind: .convAE, title: "conv AE (Keras blog) 16-8-2-8-8-1", batchSize: 32,
    products: MatrixProduct.convolutions(model.layers), parameters: model.parameters,
    loss: { x, _ in binaryCrossEntropy(logits: model.logits(Variable(x)), targets: x) },
    lossName: "BCE per pixel")
}

/// Chapter 9's convolutional VQ-VAE (conv 3x3 16, pool, conv 32, pool, conv D to a 7x7 map of
/// K codes; the mirror with upsampling), with the chapter's K, D, beta, batch and learning rate,
/// the codebook learnt by the slides' loss (the chapter's first run).
private func vectorQuantizedAutoencoder(using rng: inout SeededRandom) -> BenchModel {
  let config = VQVAEChapter.Config(quick: false)
  let model = VQVAEChapter.ConvolutionalVQVAE(codes: config.codes, codeSize: config.codeSize, using: &rng)
  return BenchModel(
    kind: .vqVAE, title: "conv VQ-VAE 16-32-\(config.codeSize), K = \(config.codes)", batchSize: config.batch,
    products: MatrixProduct.convolutions(model.layers),
    parameters: model.networkParameters + [model.codebook],
    loss: { x, _ in model.loss(x, seams: .honest, beta: config.beta) },
    lossName: "squared error sum + VQ terms per image", learningRate: config.learningRate, lossDecimals: 2)
}
