// Slide "Autoencoder - Loss": "some times and for simplification W_dec = W_enc^T". The one
// weight matrix is used by the encoder and (transposed) by the decoder, so its gradient is the
// sum of both uses: dL/dW = dL/dW_enc + (dL/dW_dec)^T at W_enc = W, W_dec = W^T. Checked two
// ways: against finite differences, and against that sum derived by hand and evaluated in
// Double (no autodiff on that side), for z = tanh(x W + b), x' = sigmoid(z W^T + b'):
//   dL/da = (x' - x) / (B D)                          a = z W^T + b', L the mean BCE
//   (dL/dW_dec)^T_ji = sum_n (dL/da)_nj z_ni          the decoder's use
//   dL/dW_enc_ji = sum_n x_nj (1 - z_ni^2) sum_j' (dL/da)_nj' W_j'i   the encoder's use

import Autodiff
import AutoencoderKit
import Foundation
import Lecture
import LectureChecks
import NeuralNet
import Stochastic
import TensorCore

extension AutoencoderChapter {
  /// The tied model's loss: per-pixel mean binary cross-entropy of its reconstruction.
  static func tiedLoss(_ model: TiedAutoencoder, _ x: Tensor, formulas: Formulas) -> Variable {
    binaryCrossEntropy(logits: formulas.tiedDecoder(model, model.encode(Variable(x))), targets: x)
  }

  /// The check that the tied gradient is both uses' sum (its name, for the catalogue).
  static let tiedCheckName = "tied dL/dW: backprop vs hand-derived dL/dW_enc + (dL/dW_dec)^T in Double, max rel. diff"

  /// dL/dW [D, d] of the tied model's mean BCE, derived by hand and evaluated in Double:
  /// the encoder's share, plus the decoder's share transposed when `decoderShare`.
  package static func tiedGradientByHand(
    weight w: Tensor, encoderBias: Tensor, decoderBias: Tensor, x: Tensor, decoderShare: Bool
  ) -> [Double] {
    let (b, dIn, dCode) = (x.shape[0], w.shape[0], w.shape[1])
    var gradient = [Double](repeating: 0, count: dIn * dCode)
    for n in 0..<b {
      let z = (0..<dCode).map { i in
        tanh((0..<dIn).reduce(Double(encoderBias.storage[i])) { $0 + Double(x[n, $1]) * Double(w[$1, i]) })
      }
      let dA = (0..<dIn).map { j -> Double in
        let a = (0..<dCode).reduce(Double(decoderBias.storage[j])) { $0 + z[$1] * Double(w[j, $1]) }
        return (1 / (1 + exp(-a)) - Double(x[n, j])) / Double(b * dIn)
      }
      let dH = (0..<dCode).map { i in (0..<dIn).reduce(0.0) { $0 + dA[$1] * Double(w[$1, i]) } * (1 - z[i] * z[i]) }
      for j in 0..<dIn {
        for i in 0..<dCode {
          gradient[j * dCode + i] += Double(x[n, j]) * dH[i] + (decoderShare ? dA[j] * z[i] : 0)
        }
      }
    }
    return gradient
  }

  /// max |backprop tied gradient - hand-derived one| / max |hand-derived one|.
  package static func tiedGradientMismatch(
    weight w: Tensor, encoderBias: Tensor, decoderBias: Tensor, x: Tensor, formulas: Formulas = .honest
  ) -> Double {
    let tied = TiedAutoencoder(
      weight: Variable(w, requiresGradient: true), encoderBias: Variable(encoderBias),
      decoderBias: Variable(decoderBias),
      encoderActivation: .tanh, decoderActivation: .sigmoid)
    tiedLoss(tied, x, formulas: formulas).backward()
    guard let g = tied.weight.grad else { return .infinity }
    let byHand = tiedGradientByHand(
      weight: w, encoderBias: encoderBias, decoderBias: decoderBias, x: x, decoderShare: formulas.tiedDecoderShare)
    let worst = zip(g.storage, byHand).map { abs(Double($0) - $1) }.max() ?? .infinity
    return worst / max(byHand.map(abs).max() ?? 0, 1e-30)
  }

  package static func tiedWeights(_ run: ChapterRun, formulas: Formulas = .honest) throws {
    run.section("Autoencoder - Loss: tied weights W_dec = W_enc^T")
    let slide = "Autoencoder - Loss"
    var rng = run.random("tied-weights")
    let (b, dIn, dCode) = (5, 10, 4)
    let x = Tensor.uniform([b, dIn], using: &rng)
    let w = Tensor.normal([dIn, dCode], standardDeviation: 0.5, using: &rng)
    let be = Tensor.normal([dCode], standardDeviation: 0.1, using: &rng)
    let bd = Tensor.normal([dIn], standardDeviation: 0.1, using: &rng)
    let result = checkGradients(at: [w, be, bd]) { p in
      let model = TiedAutoencoder(
        weight: p[0], encoderBias: p[1], decoderBias: p[2], encoderActivation: .tanh, decoderActivation: .sigmoid)
      return tiedLoss(model, x, formulas: formulas) * 10
    }
    run.gradientRow("tied AE (W, b_enc, b_dec)", slide: slide, result)
    // Float backprop against Double: rounding leaves about 1e-6 of the largest entry.
    run.check(
      tiedCheckName, slide: slide, expected: 0,
      observed: tiedGradientMismatch(weight: w, encoderBias: be, decoderBias: bd, x: x, formulas: formulas),
      tolerance: .atMost(margin: 1e-4))
  }
}
