// The one training loop the autoencoder-family chapters share: Adam on binary cross-entropy
// from logits (Keras' `loss='binary_crossentropy'` after a sigmoid output), with the held-out
// loss after every epoch for the loss curves; and chunked evaluation, so a test set never
// becomes one huge graph.

import Autodiff
import NeuralNet
import Stochastic
import TensorCore

/// One epoch of a training run.
public struct EpochLoss: Sendable {
  public let epoch: Int
  public let train: Double
  public let test: Double

  public init(epoch: Int, train: Double, test: Double) {
    self.epoch = epoch
    self.train = train
    self.test = test
  }
}

/// `f` applied to `x` in chunks of rows (evaluation without one huge graph).
public func inChunks(_ x: Tensor, rows chunk: Int = 2_000, _ f: (Tensor) -> Tensor) -> Tensor {
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
public func meanBinaryCrossEntropy(logits: (Variable) -> Variable, inputs: Tensor, targets: Tensor, chunk: Int = 2_000)
  -> Double
{
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
/// With a `corruption`, each batch's inputs are corrupted afresh (a denoising autoencoder:
/// corrupted input, clean target); the test inputs are used as given. `trainingTarget`, when
/// given, makes each batch's target from its (corrupted) input and its clean target (a chapter
/// passes one to plant a mistake); the test loss stays against `testTargets`.
public func trainBinaryCrossEntropy(
  name: String, parameters: [Variable], logits: @escaping (Variable) -> Variable,
  inputs: Tensor, targets: Tensor? = nil, corruption: Corruption? = nil,
  trainingTarget: ((_ input: Tensor, _ clean: Tensor) -> Tensor)? = nil, testInputs: Tensor, testTargets: Tensor? = nil,
  epochs: Int, batchSize: Int, learningRate: Float = 1e-3, evaluationChunk: Int = 2_000, using rng: inout SeededRandom
) throws -> [EpochLoss] {
  let targets = targets ?? inputs
  let testTargets = testTargets ?? testInputs
  var adam = Adam(learningRate: learningRate)
  var curve: [EpochLoss] = []
  var noise = rng.derived("corruption")
  let trainer = Trainer(name: name, epochs: epochs, batchSize: batchSize)
  try trainer.fit(sampleCount: inputs.shape[0], parameters: parameters, optimizer: &adam, using: &rng) { batch in
    var x = inputs.rows(batch)
    if let corruption { x = corruption.apply(to: x, using: &noise) }
    let clean = targets.rows(batch)
    let target = trainingTarget?(x, clean) ?? clean
    return binaryCrossEntropy(logits: logits(Variable(x)), targets: target)  // mean over [B, D]
  } afterEpoch: { summary in
    let testLoss = meanBinaryCrossEntropy(
      logits: logits, inputs: testInputs, targets: testTargets, chunk: evaluationChunk)
    curve.append(EpochLoss(epoch: summary.epoch, train: summary.meanLoss, test: testLoss))
  }
  return curve
}
