// The loss the VQ-VAE trains with, ||x - Dec(z_q)||^2 + ||sg[z_e] - e||^2 + beta ||sg[e] - z_e||^2,
// against finite differences on a tiny model of the same ops (4x4 images, conv 3x3 - max pool
// encoder, K = 4 codes of D = 2, conv 3x3 - upsample - conv 3x3 decoder with a sigmoid), with
// respect to the decoder's weights and biases. Only there do backprop and finite differences
// measure the same thing: at z_e the straight-through passes a gradient the piecewise-constant
// quantiser does not have, and the stop-gradients hide from backprop what a finite step in e
// changes; those are checked by their own rows. The decoder has no ReLU: no kink to cross, so
// the step can be 5e-2, five times the default, and the Float32 rounding of the loss moves the
// difference quotients five times less (the default left errors up to 4e-4 of the gradient's
// scale, too near the tolerance 1e-3); the extrapolated truncation, O(h^4), stays far below.

import Autodiff
import AutoencoderKit
import Lecture
import LectureChecks
import NeuralNet
import Stochastic
import TensorCore

extension VQVAEChapter {
  static let trainingLossGradientRow =
    "training loss: squared error + VQ terms of a 4x4 conv VQ-VAE (K = 4, D = 2), decoder weights"
  static let trainingLossGradientName = "gradient " + trainingLossGradientRow + ": backprop vs finite differences"

  package static func trainingLossGradient(_ run: ChapterRun, seams: Seams, beta: Float) {
    var rng = run.random("training-loss-gradient")
    let x = Tensor.uniform([2, 16], using: &rng)  // two 4x4 images [B, 16]
    let encoder = ConvGeometry(height: 4, width: 4, channels: 1, kernel: 3, padding: 1)
    let encoderWeight = Variable(Tensor.normal([9, 2], standardDeviation: 0.5, using: &rng))
    let convolved = conv2d(Variable(x), weight: encoderWeight, bias: nil, geometry: encoder)  // [B, 4 * 4 * 2]
    let ze = maxPool2x2(convolved, height: 4, width: 4, channels: 2).reshaped([8, 2])  // [B * 4, D]
    let q = seams(ze, codebook: Variable(Tensor.normal([4, 2], using: &rng)))
    let first = ConvGeometry(height: 2, width: 2, channels: 2, kernel: 3, padding: 1)
    let last = ConvGeometry(height: 4, width: 4, channels: 3, kernel: 3, padding: 1)
    let start = [
      Tensor.normal([18, 3], standardDeviation: 0.5, using: &rng),
      Tensor.normal([3], standardDeviation: 0.3, using: &rng),
      Tensor.normal([27, 1], standardDeviation: 0.5, using: &rng),
      Tensor.normal([1], standardDeviation: 0.3, using: &rng),
    ]
    let result = checkGradients(at: start, step: 5e-2) { p in
      let h = conv2d(q.quantized.reshaped([2, 8]), weight: p[0], bias: p[1], geometry: first)  // [B, 2 * 2 * 3]
      let u = upsample2x(h, height: 2, width: 2, channels: 3)  // [B, 4 * 4 * 3]
      let logits = conv2d(u, weight: p[2], bias: p[3], geometry: last)  // [B, 16]
      return seams.reconstruction(logits, x) + q.codebookLoss + q.commitmentLoss * beta
    }
    run.gradientRow(trainingLossGradientRow, slide: "VQ-VAE Loss Function", result)
  }
}
