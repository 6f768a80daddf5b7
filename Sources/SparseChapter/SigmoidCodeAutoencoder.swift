// The model the sparse and contractive sections share: one sigmoid code layer h = sigmoid(x W + b)
// (so activations are in (0, 1), as the KL penalty and the CAE's closed form assume) and a
// decoder read as Bernoulli logits, trained by Adam on the per-image binary cross-entropy
// (summed over pixels) plus a penalty on the code.

import Autodiff
import AutoencoderKit
import NeuralNet
import Stochastic
import TensorCore

struct SigmoidCodeAutoencoder {
  let name: String
  let encoder: Dense  // D -> n, sigmoid
  let decoder: Dense  // n -> D, logits

  init(name: String, inputs: Int, code: Int, using rng: inout SeededRandom) {
    self.name = name
    encoder = Dense(inputs, code, activation: .sigmoid, using: &rng)
    decoder = Dense(code, inputs, using: &rng)
  }

  var parameters: [Variable] { encoder.parameters + decoder.parameters }

  /// h = sigmoid(x W + b), [B, D] -> [B, n].
  func code(_ x: Variable) -> Variable { encoder(x) }
  /// Decoder logits of a code, [B, n] -> [B, D].
  func logits(_ h: Variable) -> Variable { decoder(h) }

  /// Codes of every row of `x` [N, D], in chunks.
  func codes(_ x: Tensor) -> Tensor { inChunks(x) { code(Variable($0)).value } }

  /// Test binary cross-entropy per pixel (Keras' convention, as in the autoencoder chapter).
  func testLoss(_ x: Tensor) -> Double {
    meanBinaryCrossEntropy(logits: { logits(code($0)) }, inputs: x, targets: x)
  }

  /// Trains on the rows of `images` with loss = mean over the batch of the BCE summed over
  /// pixels, plus `penalty(h)` of the batch's codes when given (already weighted).
  func train(
    images: Tensor, epochs: Int, batchSize: Int, penalty: ((Variable) -> Variable)?, using rng: inout SeededRandom
  ) throws {
    var adam = Adam(learningRate: 1e-3)
    let trainer = Trainer(name: name, epochs: epochs, batchSize: batchSize)
    try trainer.fit(sampleCount: images.shape[0], parameters: parameters, optimizer: &adam, using: &rng) { batch in
      let x = images.rows(batch)  // [B, D]
      let h = code(Variable(x))  // [B, n]
      let reconstruction = binaryCrossEntropy(logits: logits(h), targets: x, reduction: .perImageSum)
      return penalty.map { reconstruction + $0(h) } ?? reconstruction
    }
  }
}
