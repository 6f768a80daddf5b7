// Slide "Autoencoder - Regularization":
//   J = L(x, x') + lambda g(W_enc, W_dec),  g = 0.5 (||W_enc||_F^2 + ||W_dec||_F^2),
// whose gradient lambda W is plain weight decay. Checked: the value against the Frobenius
// norms computed in Double, the backward against finite differences, and the whole objective
// J of a small autoencoder (loss + regulariser) end to end.

import Autodiff
import AutoencoderKit
import Foundation
import Lecture
import LectureChecks
import NeuralNet
import Stochastic
import TensorCore

extension AutoencoderChapter {
  package static func regularization(_ run: ChapterRun, formulas: Formulas = .honest) throws {
    run.section("Autoencoder - Regularization: J = L + lambda 0.5 (||W_enc||^2 + ||W_dec||^2)")
    let slide = "Autoencoder - Regularization"
    var rng = run.random("weight-decay")
    let lambda: Float = 0.3
    let wEnc = Tensor.normal([8, 3], using: &rng)
    let wDec = Tensor.normal([3, 8], using: &rng)
    let frobenius = [wEnc, wDec].map { w in w.storage.reduce(0.0) { $0 + Double($1) * Double($1) } }
    let weightDecay = formulas.weightDecay
    let value = Double(weightDecay([Variable(wEnc), Variable(wDec)], lambda).value.scalar)
    run.check(
      "lambda g(W_enc, W_dec) vs Frobenius norms in Double", slide: slide,
      expected: 0.5 * Double(lambda) * (frobenius[0] + frobenius[1]), observed: value, tolerance: .relative(1e-6))
    run.gradientRow("weight decay", slide: slide, checkGradients(at: [wEnc, wDec]) { weightDecay($0, lambda) })

    // The full objective J of an 8-3-8 autoencoder: MSE-type L2 loss plus the regulariser.
    let x = Tensor.uniform([4, 8], using: &rng)
    let be = Tensor.zeros([3])
    let bd = Tensor.zeros([8])
    let j = checkGradients(at: [wEnc * 0.5, wDec * 0.5, be + 0.1, bd + 0.1]) { p in
      let z = (Variable.matmul(Variable(x), p[0]) + p[2]).tanh()  // [B, 3]
      let back = (Variable.matmul(z, p[1]) + p[3]).sigmoid()  // [B, 8]
      return l2Loss(back, x) + weightDecay([p[0], p[1]], 0.01)
    }
    run.gradientRow("J = L2 + weight decay (8-3-8 AE)", slide: slide, j)
  }
}
