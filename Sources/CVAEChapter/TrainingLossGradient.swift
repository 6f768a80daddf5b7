// The loss the CVAE trains with, checked against finite differences: -ELBO of a minibatch
// through GaussianVAE.terms, the one-hot c concatenated to the encoder's and the decoder's
// inputs, z from the chapter's sampler. On a tiny CVAE (6 pixels, 3 labels, Z = 2) with
// linear encoder and decoder the loss is smooth (no ReLU kink for a finite step to cross), so the
// step can be 5e-2: the Float32 rounding of a loss near 5 nats, about 1e-6, then moves a
// difference quotient by some 1e-5 (the default 1e-2 left errors up to 4e-4 of the gradient's
// scale, too near the tolerance), while the extrapolated truncation, O(h^4), stays far below.

import Autodiff
import AutoencoderKit
import LatentModels
import Lecture
import LectureChecks
import NeuralNet
import Stochastic
import TensorCore

extension CVAEChapter {
  static let trainingLossGradientName =
    "training loss: -ELBO of a 6-2-6 CVAE with 3 one-hot labels (linear encoder and decoder)"

  /// The gradient row of the training loss with respect to every weight and bias of the tiny CVAE.
  static func trainingLossGradient(_ run: ChapterRun, sampler: @escaping Sampler) {
    var rng = run.random("training-loss-gradient")
    let model = GaussianVAE(inputSize: 6, hidden: [], latentSize: 2, conditionSize: 3, using: &rng)
    let x = Tensor.uniform([4, 6], using: &rng)  // [B, D]
    let c = oneHot([0, 2, 1, 2], classes: 3)  // [B, C]
    let eps = Tensor.normal([4, 2], using: &rng)  // [B, Z]
    // The leaves' values are written into the model's own parameters, and the model's backward
    // is the leaves' pullback: the forward and backward checked are the ones training runs.
    let parameters = model.parameters
    let result = checkGradients(at: parameters.map(\.value), step: 5e-2) { leaves in
      for (parameter, leaf) in zip(parameters, leaves) {
        parameter.value = leaf.value
        parameter.grad = nil
      }
      let loss = model.negativeELBO(x, condition: c, noise: eps, sampler: sampler).loss
      return Variable(op: "CVAE training loss", value: loss.value, inputs: leaves) { g in
        loss.backward(seed: g)
        return parameters.map { $0.grad ?? Tensor.zeros($0.value.shape) }
      }
    }
    run.gradientRow(trainingLossGradientName, slide: "Conditional Variational Autoencoder (CVAE): training", result)
  }
}
