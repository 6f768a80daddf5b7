// The steps of greedy pretraining and fine-tuning that the chapter's checks hold against
// each other, as one value passed to its sections: the honest ones, or one replaced by a
// classic mistake (`--mistake NAME`), built here and nowhere else.
//
// "A stage trained on the raw input instead of the previous code" cannot be planted as such:
// stage k + 1's input width is stage k's code width, so the raw images do not fit it (the
// program would stop on the shapes). Its runnable cousin is planted instead: a stage trained
// on the previous stage's pre-activations x W + b rather than its codes sigmoid(x W + b).

import Autodiff
import AutoencoderKit
import Foundation
import Lecture
import NeuralNet
import TensorCore

extension StackedChapter {
  /// The catalogue of plantable mistakes and the checks each must fail.
  public static let mistakes: [Mistake] = [
    Mistake(
      "stage-on-preactivations", slide: "Stacked Autoencoder (SAE): greedy layer-wise learning",
      wrong: "each stage trained on the previous stage's pre-activations x W + b, not on its codes sigmoid(x W + b)",
      // Trained on unbounded targets, stages 2 and 3 no longer beat the mean, and the broken
      // stack no longer helps fine-tuning (both seen in the quick run).
      catches: ["SAE: " + compositionCheckSuffix, "SDA: " + compositionCheckSuffix]
        + ["SAE", "SDA"].flatMap { name in
          (2...3).map { "\(name) stage \($0): held-out MSE below the training mean's (paired, by > 4 SE)" }
        }
        + [fineTunedClaimName, nearestClaimName]),
    Mistake(
      "fine-tuning-frozen", slide: "Stacked Autoencoder (SAE): fine tuning",
      wrong: "fine-tuning that freezes the pretrained layers and trains the softmax layer only",
      // Frozen random layers (the random start is frozen too) learn little more from more
      // labels (seen in the quick run).
      catches: [
        "gradient " + fineTuningGradientName + ": backprop vs finite differences", learnsFromLabelsName("random"),
      ]),
    Mistake(
      "softmax-ce-without-normaliser", slide: "Stacked Autoencoder (SAE): fine tuning",
      wrong: "the fine-tuning loss as -z_y, the labelled class's logit, without the log sum_j e^(z_j) of the softmax",
      // Without the normaliser the logits only grow: more labels stop helping (seen in the
      // quick run). Whether the pretrained start still leads by 4 SE on 20 labelled sets depends
      // on the seed (+0.115 +- 0.021 at seed 1, +0.042 +- 0.016 at seed 2).
      catches: [fineTuningLossCheckName] + ["random", "SAE", "SDA"].map(learnsFromLabelsName),
      mayAlsoFail: [fineTunedClaimName]),
    Mistake(
      "sigmoid-derivative-without-one-minus", slide: "Stacked Autoencoder (SAE): greedy layer-wise learning",
      wrong: "the sigmoid code's derivative as sigmoid(a), where it is sigmoid(a)(1 - sigmoid(a)) (the value right)",
      catches: ["gradient " + stageLossName + ": backprop vs finite differences"]),
    Mistake(
      "pretraining-ascends", slide: "Stacked Autoencoder (SAE): greedy layer-wise learning",
      wrong: "every stage's update with its sign flipped, w <- w + lr step: each stage climbs its reconstruction loss",
      // A stage that climbs its loss from the first step reconstructs its held-out inputs worse
      // than their training mean, and drives its sigmoid codes into saturation: the pretrained
      // starts then stay at chance (about 0.10) even with the most labels, so they neither learn
      // from labels nor beat random weights (seeds 1 to 3 of the quick run).
      catches: pretrainingAscendsCatches),
  ]

  /// The rows the flipped stage update fails (see `pretraining-ascends`).
  static let pretrainingAscendsCatches: [String] =
    ["SAE", "SDA"].flatMap { name in
      (1...3).map { "\(name) stage \($0): held-out MSE below the training mean's (paired, by > 4 SE)" }
    }
    + ["SAE", "SDA"].map(learnsFromLabelsName)
    + [fineTunedClaimName, nearestClaimName]

  /// The steps one run uses.
  package struct Formulas {
    /// What stage k + 1 is trained on, from stage k's encoder layer and stage k's inputs.
    package var nextInputs: (Dense, Tensor) -> Tensor = { layer, x in inChunks(x) { layer(Variable($0)).value } }
    /// Whether fine-tuning trains the pretrained (hidden) layers as well as the softmax layer.
    package var fineTunesHidden = true
    /// The fine-tuning loss of logits z [B, C] against one-hot targets, mean over the batch.
    package var fineTuningLoss: (Variable, Tensor) -> Variable = { softmaxCrossEntropy(logits: $0, targets: $1) }
    /// A stage's sigmoid code sigmoid(x W + b), in the stage loss's check.
    package var stageCode: (Variable, Variable, Variable) -> Variable = {
      Variable.dense($0, weight: $1, bias: $2, activation: .sigmoid)
    }
    /// What a stage's training passes its logits through: the identity, or a gradient
    /// reversal (every update's sign flipped).
    package var stageTrained: (Variable) -> Variable = { $0 }

    package static var honest: Formulas { Formulas() }

    /// The steps with `mistake` planted (honest for nil or a name this chapter does not know).
    package static func planted(_ mistake: Mistake?) -> Formulas {
      var f = Formulas()
      switch mistake?.name {
      case "stage-on-preactivations":
        f.nextInputs = { layer, x in inChunks(x) { layer.preactivation(Variable($0)).value } }
      case "fine-tuning-frozen": f.fineTunesHidden = false
      case "softmax-ce-without-normaliser":
        f.fineTuningLoss = { z, targets in (z * Variable(targets)).sum() * (-1 / Float(targets.shape[0])) }
      case "sigmoid-derivative-without-one-minus": f.stageCode = sigmoidCodeWithoutOneMinus
      case "pretraining-ascends": f.stageTrained = gradientReversed
      default: break
      }
      return f
    }

    /// sigmoid(x W + b) whose backward multiplies by sigmoid(a) alone, not sigmoid(a)(1 - sigmoid(a)).
    static func sigmoidCodeWithoutOneMinus(_ x: Variable, _ w: Variable, _ b: Variable) -> Variable {
      let a = Variable.matmul(x, w) + b
      let h = a.value.map { 1 / (1 + Foundation.exp(-$0)) }
      return Variable(op: "sigmoidWithoutOneMinus", value: h, inputs: [a]) { g in [g * h] }
    }
  }
}
