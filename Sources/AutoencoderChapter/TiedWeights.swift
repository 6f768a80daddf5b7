// Slide "Autoencoder - Loss": "some times and for simplification W_dec = W_enc^T". The one
// weight matrix is used by the encoder and (transposed) by the decoder, so its gradient is the
// sum of both uses: dL/dW = dL/dW_enc + (dL/dW_dec)^T at W_enc = W, W_dec = W^T. Checked two
// ways: against finite differences, and against an untied copy whose two gradients are added.

import Autodiff
import AutoencoderKit
import Foundation
import Lecture
import NeuralNet
import Stochastic
import TensorCore

extension AutoencoderChapter {
  /// The tied model's loss: per-pixel mean binary cross-entropy of its reconstruction.
  static func tiedLoss(_ model: TiedAutoencoder, _ x: Tensor) -> Variable {
    binaryCrossEntropy(logits: model.decoderPreactivation(model.encode(Variable(x))), targets: x)
  }

  /// max |tied gradient - (encoder gradient + decoder gradient^T)| / max |tied gradient|.
  package static func tiedGradientMismatch(weight w: Tensor, encoderBias: Tensor, decoderBias: Tensor, x: Tensor) -> Double {
    let tied = TiedAutoencoder(
      weight: Variable(w, requiresGradient: true), encoderBias: Variable(encoderBias), decoderBias: Variable(decoderBias),
      encoderActivation: .tanh, decoderActivation: .sigmoid)
    tiedLoss(tied, x).backward()
    // Untied copy: W_enc = W [D, d] and W_dec = W^T [d, D] as separate parameters.
    let wEnc = Variable(w, requiresGradient: true), wDec = Variable(w.transposed(), requiresGradient: true)
    let code = (Variable.matmul(Variable(x), wEnc) + Variable(encoderBias)).tanh()  // [B, d]
    binaryCrossEntropy(logits: Variable.matmul(code, wDec) + Variable(decoderBias), targets: x).backward()
    guard let g = tied.weight.grad, let ge = wEnc.grad, let gd = wDec.grad else { return .infinity }
    let sum = ge + gd.transposed()  // [D, d]
    var worst = 0.0, scale = 0.0
    for i in 0..<g.count {
      worst = max(worst, abs(Double(g.storage[i]) - Double(sum.storage[i])))
      scale = max(scale, abs(Double(g.storage[i])))
    }
    return worst / max(scale, 1e-30)
  }

  static func tiedWeights(_ run: ChapterRun) throws {
    run.section("Autoencoder - Loss: tied weights W_dec = W_enc^T")
    let slide = "Autoencoder - Loss"
    var rng = run.random("tied-weights")
    let (b, dIn, dCode) = (5, 10, 4)
    let x = Tensor.uniform([b, dIn], using: &rng)
    let w = Tensor.normal([dIn, dCode], standardDeviation: 0.5, using: &rng)
    let be = Tensor.normal([dCode], standardDeviation: 0.1, using: &rng)
    let bd = Tensor.normal([dIn], standardDeviation: 0.1, using: &rng)
    let result = checkGradients(at: [w, be, bd]) { p in
      let model = TiedAutoencoder(weight: p[0], encoderBias: p[1], decoderBias: p[2], encoderActivation: .tanh, decoderActivation: .sigmoid)
      return tiedLoss(model, x) * 10
    }
    run.gradientRow("tied AE (W, b_enc, b_dec)", slide: slide, result)
    run.check("tied dL/dW = dL/dW_enc + (dL/dW_dec)^T, max rel. diff", slide: slide,
              expected: 0, observed: tiedGradientMismatch(weight: w, encoderBias: be, decoderBias: bd, x: x), tolerance: .atMost(margin: 1e-5))
  }
}
