// The autoencoders of the chapter as data (encoder and decoder stacks of dense layers), and
// the one training loop they share: Adam on binary cross-entropy from logits (Keras'
// `loss='binary_crossentropy'` after a sigmoid output), with the held-out loss after every
// epoch for the loss curves.

import Autodiff
import Datasets
import Foundation
import NeuralNet
import Stochastic
import TensorCore

/// A dense autoencoder: hidden layers ReLU, the code layer as given, a sigmoid output.
struct DenseAutoencoder {
  let name: String
  let encoder: Sequential
  let decoder: Sequential

  /// `sizes` = [D, h_1, ..., d]: encoder D -> ... -> d, decoder the mirror image d -> ... -> D.
  init(name: String, sizes: [Int], codeActivation: Activation, using rng: inout SeededRandom) {
    self.name = name
    var enc: [Dense] = []
    for i in 0..<(sizes.count - 1) {
      let last = i == sizes.count - 2
      enc.append(Dense(sizes[i], sizes[i + 1], activation: last ? codeActivation : .relu, using: &rng))
    }
    let mirrored = Array(sizes.reversed())
    var dec: [Dense] = []
    for i in 0..<(mirrored.count - 1) {
      let last = i == mirrored.count - 2
      dec.append(Dense(mirrored[i], mirrored[i + 1], activation: last ? .sigmoid : .relu, using: &rng))
    }
    encoder = Sequential(enc)
    decoder = Sequential(dec)
  }

  var parameters: [Variable] { encoder.parameters + decoder.parameters }
  var architecture: String { ([encoder.layers[0].inputSize] + encoder.layers.map(\.outputSize) + decoder.layers.map(\.outputSize)).map(String.init).joined(separator: "-") }

  func code(_ x: Variable) -> Variable { encoder(x) }  // [B, d]
  func logits(_ x: Variable) -> Variable { decoder.logits(encoder(x)) }  // [B, D]
}

/// One epoch of a training run.
struct EpochLoss {
  let epoch: Int
  let train: Double
  let test: Double
}

/// `f` applied to `x` in chunks of rows (evaluation without one huge graph).
func inChunks(_ x: Tensor, rows chunk: Int = 2_000, _ f: (Tensor) -> Tensor) -> Tensor {
  var parts: [Float] = []
  var width = 0
  var start = 0
  while start < x.shape[0] {
    let end = min(start + chunk, x.shape[0])
    let y = f(x.rows(start..<end))
    width = y.shape[1]
    parts += y.storage
    start = end
  }
  return Tensor(shape: [x.shape[0], width], storage: parts)
}

/// Mean binary cross-entropy over pixels of `logits` against `targets`, chunked.
func meanBinaryCrossEntropy(logits: (Variable) -> Variable, inputs: Tensor, targets: Tensor, chunk: Int = 2_000) -> Double {
  var total = 0.0
  var start = 0
  while start < inputs.shape[0] {
    let end = min(start + chunk, inputs.shape[0])
    let l = binaryCrossEntropy(logits: logits(Variable(inputs.rows(start..<end))), targets: targets.rows(start..<end))
    total += Double(l.value.scalar) * Double(end - start)
    start = end
  }
  return total / Double(inputs.shape[0])
}

/// Trains `parameters` by Adam on mean binary cross-entropy of `logits(x)` against `targets`
/// (defaults to the inputs: reconstruction), reporting the test loss after each epoch.
func trainBinaryCrossEntropy(
  name: String, parameters: [Variable], logits: @escaping (Variable) -> Variable,
  inputs: Tensor, targets: Tensor? = nil, testInputs: Tensor, testTargets: Tensor? = nil,
  epochs: Int, batchSize: Int, learningRate: Float = 1e-3, evaluationChunk: Int = 2_000, using rng: inout SeededRandom
) throws -> [EpochLoss] {
  let targets = targets ?? inputs
  let testTargets = testTargets ?? testInputs
  var adam = Adam(learningRate: learningRate)
  var curve: [EpochLoss] = []
  let trainer = Trainer(name: name, epochs: epochs, batchSize: batchSize)
  try trainer.fit(sampleCount: inputs.shape[0], parameters: parameters, optimizer: &adam, using: &rng) { batch in
    binaryCrossEntropy(logits: logits(Variable(inputs.rows(batch))), targets: targets.rows(batch))  // mean over [B, D]
  } afterEpoch: { summary in
    let testLoss = meanBinaryCrossEntropy(logits: logits, inputs: testInputs, targets: testTargets, chunk: evaluationChunk)
    curve.append(EpochLoss(epoch: summary.epoch, train: summary.meanLoss, test: testLoss))
  }
  return curve
}

/// Rows of a [N, D] tensor as arrays of grey levels clipped to [0, 1] (image-grid tiles).
func tiles(_ x: Tensor) -> [[Float]] {
  (0..<x.shape[0]).map { i in x.row(i).map { min(max($0, 0), 1) } }
}

/// Per-pixel mean squared error between two [N, D] tensors, in Double.
func meanSquaredError(_ a: Tensor, _ b: Tensor) -> Double {
  precondition(a.shape == b.shape, "\(a.shape) vs \(b.shape)")
  var total = 0.0
  for i in 0..<a.count {
    let d = Double(a.storage[i]) - Double(b.storage[i])
    total += d * d
  }
  return total / Double(a.count)
}

/// A sigmoid applied to every element (reconstructions from logits).
func sigmoid(_ x: Tensor) -> Tensor { x.map(stableSigmoid) }
