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
        + [
          "100 labels, fine-tuned: SAE - random accuracy >= 4 SE of 5 paired draws",
          "100 labels, 1-NN on the features: SAE - random accuracy >= 4 SE of 20 paired draws",
        ]),
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
      // Without the normaliser the logits only grow: more labels stop helping, and so does
      // pretraining (seen in the quick run).
      catches: [fineTuningLossCheckName, "100 labels, fine-tuned: SAE - random accuracy >= 4 SE of 5 paired draws"]
        + ["random", "SAE", "SDA"].map(learnsFromLabelsName)),
  ]

  /// The steps one run uses.
  package struct Formulas {
    /// What stage k + 1 is trained on, from stage k's encoder layer and stage k's inputs.
    package var nextInputs: (Dense, Tensor) -> Tensor = { layer, x in inChunks(x) { layer(Variable($0)).value } }
    /// Whether fine-tuning trains the pretrained (hidden) layers as well as the softmax layer.
    package var fineTunesHidden = true
    /// The fine-tuning loss of logits z [B, C] against one-hot targets, mean over the batch.
    package var fineTuningLoss: (Variable, Tensor) -> Variable = { softmaxCrossEntropy(logits: $0, targets: $1) }

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
      default: break
      }
      return f
    }
  }
}
