// Slides "Stacked Autoencoder (SAE)": greedy layer-wise learning. Stage 1 is a one-layer
// autoencoder on the images; stage k + 1 is a one-layer autoencoder on the codes stage k
// gives the training images, and so on; the stacked encoder x -> z1 -> z2 -> z3 keeps each
// stage's encoder and drops its decoder. Codes are sigmoid units and every stage is trained
// on binary cross-entropy, so a stage's targets (the previous codes) lie in (0, 1) like the
// pixels. Each stage is checked on its own held-out inputs (the test images' codes): its
// reconstruction must beat the best input-independent guess, the training codes' mean. The
// codes the stages hand on (computed stage by stage in Float as training goes) are checked
// against the stacked encoder evaluated from the stored weights in Double.

import Autodiff
import AutoencoderKit
import Datasets
import Foundation
import Lecture
import LectureChecks
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

  /// The loss every stage trains with (mean binary cross-entropy from the logits of a
  /// one-layer AE with a sigmoid code, through the fused dense op the stages use): its
  /// backward against finite differences on a small batch.
  package static func stageLossCheck(_ run: ChapterRun, formulas: Formulas = .honest) {
    var rng = run.random("stage-loss-check")
    let x = Tensor.uniform([4, 7], using: &rng)
    let start = [
      Tensor.normal([7, 3], using: &rng), Tensor.normal([3], standardDeviation: 0.3, using: &rng),
      Tensor.normal([3, 7], using: &rng), Tensor.normal([7], standardDeviation: 0.3, using: &rng),
    ]
    run.gradientRow(
      stageLossName, slide: "Stacked Autoencoder (SAE): greedy layer-wise learning",
      checkGradients(at: start, step: finiteDifferenceStep) { p in
        let h = formulas.stageCode(Variable(x), p[0], p[1])
        return binaryCrossEntropy(
          logits: Variable.dense(h, weight: p[2], bias: p[3], activation: .identity), targets: x) * 10
      })
  }

  /// The finite-difference step of the stacked chapter's gradient rows. Their losses are sums of
  /// many Float terms, whose rounding at the default h = 1e-2 is about 1e-3 of the gradient
  /// (the rows failed at 2 seeds in 5); 4e-2 divides that rounding by 4 while the Richardson
  /// extrapolation keeps the truncation, O(h^4), far below it.
  static let finiteDifferenceStep: Float = 4e-2

  /// The stage loss's gradient row (for the catalogue).
  static let stageLossName = "stage loss: BCE of a 7-3-7 AE with a sigmoid code"

  /// The end of the composition check's name (after "SAE: " or "SDA: ").
  static let compositionCheckSuffix =
    "codes handed on stage by stage vs the stacked encoder in Double, max |difference|"
  /// Held-out rows the composition check evaluates in Double.
  static let compositionRows = 500

  /// The sigmoid layers applied to the rows of x in Double from their stored weights, and a
  /// bound on how far any Float evaluation of the same layers can lie from it: per layer,
  /// |error out| <= 1/4 (max_j sum_i |W_ij| |error in| + (n + 2) u max_j (sum_i |h_i W_ij| + |b_j|))
  /// + 8 u (the sigmoid's slope is at most 1/4; a Float dot product of n terms errs by at most
  /// (n + 2) u times the sum of the terms' magnitudes, u = 2^-24; FastMath's sigmoid within 8 ulp).
  package static func encodeInDouble(_ layers: [Dense], _ x: Tensor) -> (codes: [[Double]], bound: Double) {
    let u = 0x1p-24
    var rows = (0..<x.shape[0]).map { r in (0..<x.shape[1]).map { Double(x[r, $0]) } }
    var bound = 0.0
    for layer in layers {
      precondition(layer.activation == .sigmoid, "the stages' codes are sigmoid units")
      let (w, b) = (layer.weight.value, layer.bias.value)
      let (nIn, nOut) = (w.shape[0], w.shape[1])
      let columnAbs = (0..<nOut).map { j in (0..<nIn).reduce(0.0) { $0 + abs(Double(w[$1, j])) } }
      var largestTerms = 0.0
      rows = rows.map { h in
        (0..<nOut).map { j in
          var a = Double(b.storage[j])
          var magnitude = abs(Double(b.storage[j]))
          for i in 0..<nIn {
            let term = h[i] * Double(w[i, j])
            a += term
            magnitude += abs(term)
          }
          largestTerms = max(largestTerms, magnitude)
          return 1 / (1 + exp(-a))
        }
      }
      bound = 0.25 * ((columnAbs.max() ?? 0) * bound + Double(nIn + 2) * u * largestTerms) + 8 * u
    }
    return (rows, bound)
  }

  /// The codes handed on by the stages (`chained`, rows of the held-out images) against the
  /// stacked encoder of the same images in Double, within the Float bound above.
  package static func compositionCheck(
    _ run: ChapterRun, name: String, slide: String, stack: StackedEncoder, images: Tensor, chained: Tensor
  ) {
    let n = min(compositionRows, images.shape[0])
    let (exact, bound) = encodeInDouble(stack.layers, images.rows(0..<n))
    var worst = 0.0
    for r in 0..<n {
      for j in 0..<exact[r].count { worst = max(worst, abs(Double(chained[r, j]) - exact[r][j])) }
    }
    run.say(
      String(
        format: "%@: the stacked encoder on %d held-out images in Double; Float rounding bound %.1e", name, n, bound))
    run.check(
      "\(name): " + compositionCheckSuffix, slide: slide, expected: 0, observed: worst,
      tolerance: .atMost(margin: bound))
  }

  /// Greedy layer-wise pretraining, with a fresh `corruption` per batch at every stage (SDA)
  /// or none (SAE).
  package static func pretrain(
    _ run: ChapterRun, name: String, corruption: Corruption?, train: LabeledImages, test: LabeledImages, config: Config,
    formulas: Formulas
  ) throws -> StackedEncoder {
    let slide =
      corruption == nil
      ? "Stacked Autoencoder (SAE): greedy layer-wise learning" : "Stacked Autoencoder (SAE): variants (SDA)"
    run.say(
      "stages \(([train.images.shape[1]] + config.widths).map(String.init).joined(separator: " -> ")), each a "
        + "one-layer AE with a sigmoid code and output, binary cross-entropy, Adam lr \(config.learningRate), batch "
        + "\(config.batch), \(config.pretrainEpochs) epochs on \(train.count) unlabelled images"
        + (corruption.map { "; input corruption at every stage: \($0)" } ?? ""))
    var (inputs, testInputs) = (train.images, test.images)
    var layers: [Dense] = []
    for (k, width) in config.widths.enumerated() {
      let stageName = "\(name) stage \(k + 1) (\(inputs.shape[1])-\(width)-\(inputs.shape[1]))"
      var initial = run.random("stage-\(k + 1)-init")  // SAE and SDA stages start alike
      let stage = DenseAutoencoder(
        name: stageName, sizes: [inputs.shape[1], width], codeActivation: .sigmoid, using: &initial)
      var rng = run.random("\(name)-stage-\(k + 1)")
      _ = try trainBinaryCrossEntropy(
        name: stageName, parameters: stage.parameters, logits: { formulas.stageTrained(stage.logits($0)) },
        inputs: inputs, corruption: corruption, testInputs: testInputs, epochs: config.pretrainEpochs,
        batchSize: config.batch, learningRate: config.learningRate, using: &rng)

      let reconstruction = stage.reconstruct(testInputs)
      let error = meanSquaredError(reconstruction, testInputs)
      let guess = meanSquaredError(Tensor.zeros(testInputs.shape) + inputs.mean(axis: 0), testInputs)
      run.say(
        String(
          format: "%@: held-out reconstruction MSE %.5f, the training mean's %.5f (%.1f%% of the variance explained)",
          stageName, error, guess, 100 * (1 - error / guess)))
      run.pairedLower(
        "\(name) stage \(k + 1): held-out MSE below the training mean's", slide: slide,
        perImageMeanSquaredError(reconstruction, testInputs),
        than: perImageMeanSquaredError(Tensor.zeros(testInputs.shape) + inputs.mean(axis: 0), testInputs))
      layers.append(stage.encoder.layers[0])
      inputs = formulas.nextInputs(stage.encoder.layers[0], inputs)
      testInputs = formulas.nextInputs(stage.encoder.layers[0], testInputs)
    }
    let stack = StackedEncoder(name: name, layers: layers)
    compositionCheck(run, name: name, slide: slide, stack: stack, images: test.images, chained: testInputs)
    return stack
  }
}
