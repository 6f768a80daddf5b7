// Slides "Stacked Autoencoder (SAE)": greedy layer-wise learning. Stage 1 is a one-layer
// autoencoder on the images; stage k + 1 is a one-layer autoencoder on the codes stage k
// gives the training images, and so on; the stacked encoder x -> z1 -> z2 -> z3 keeps each
// stage's encoder and drops its decoder. Codes are sigmoid units and every stage is trained
// on binary cross-entropy, so a stage's targets (the previous codes) lie in (0, 1) like the
// pixels. Each stage is checked on its own held-out inputs (the test images' codes): its
// reconstruction must beat the best input-independent guess, the training codes' mean.

import Autodiff
import AutoencoderKit
import Datasets
import Foundation
import Lecture
import NeuralNet
import TensorCore

extension StackedChapter {
  /// The encoder layers learnt stage by stage.
  package struct StackedEncoder {
    package let name: String
    package let layers: [Dense]

    package init(name: String, layers: [Dense]) {
      self.name = name
      self.layers = layers
    }

    package func encode(_ x: Variable) -> Variable { layers.reduce(x) { h, layer in layer(h) } }
  }

  /// Greedy layer-wise pretraining, with a fresh `corruption` per batch at every stage (SDA)
  /// or none (SAE).
  static func pretrain(
    _ run: ChapterRun, name: String, corruption: Corruption?, train: LabeledImages, test: LabeledImages, config: Config
  ) throws -> StackedEncoder {
    let slide = corruption == nil ? "Stacked Autoencoder (SAE): greedy layer-wise learning" : "Stacked Autoencoder (SAE): variants (SDA)"
    run.say("stages \(([train.images.shape[1]] + config.widths).map(String.init).joined(separator: " -> ")), each a one-layer AE with a sigmoid code and output, binary cross-entropy, Adam lr 1e-3, batch \(config.batch), \(config.pretrainEpochs) epochs on \(train.count) unlabelled images" + (corruption.map { "; input corruption at every stage: \($0)" } ?? ""))
    var (inputs, testInputs) = (train.images, test.images)
    var layers: [Dense] = []
    for (k, width) in config.widths.enumerated() {
      let stageName = "\(name) stage \(k + 1) (\(inputs.shape[1])-\(width)-\(inputs.shape[1]))"
      var initial = run.random("stage-\(k + 1)-init")  // SAE and SDA stages start alike
      let stage = DenseAutoencoder(name: stageName, sizes: [inputs.shape[1], width], codeActivation: .sigmoid, using: &initial)
      var rng = run.random("\(name)-stage-\(k + 1)")
      _ = try trainBinaryCrossEntropy(
        name: stageName, parameters: stage.parameters, logits: stage.logits, inputs: inputs, corruption: corruption,
        testInputs: testInputs, epochs: config.pretrainEpochs, batchSize: config.batch, using: &rng)

      let reconstruction = stage.reconstruct(testInputs)
      let error = meanSquaredError(reconstruction, testInputs)
      let guess = meanSquaredError(Tensor.zeros(testInputs.shape) + inputs.mean(axis: 0), testInputs)
      run.say(String(format: "%@: held-out reconstruction MSE %.5f, the training mean's %.5f (%.1f%% of the variance explained)",
                     stageName, error, guess, 100 * (1 - error / guess)))
      run.check("\(name) stage \(k + 1): held-out MSE <= the training mean's", slide: slide,
                expected: guess, observed: error, tolerance: .atMost(margin: 0))
      layers.append(stage.encoder.layers[0])
      inputs = inChunks(inputs) { stage.code(Variable($0)).value }
      testInputs = inChunks(testInputs) { stage.code(Variable($0)).value }
    }
    let stack = StackedEncoder(name: name, layers: layers)
    let composed = inChunks(test.images) { stack.encode(Variable($0)).value }
    run.check("\(name): the stacked encoder is the stages' encoders composed, max |difference|", slide: slide,
              expected: 0, observed: Double(zip(composed.storage, testInputs.storage).map { abs($0 - $1) }.max() ?? .nan),
              tolerance: .absolute(0))
    return stack
  }
}
