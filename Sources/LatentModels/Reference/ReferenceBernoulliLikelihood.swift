// log p(x | z) for the Bernoulli decoder, one pixel at a time with libm's exp and log1p in
// Double: the teaching path of `bernoulliLogLikelihoodPerRow`, whose softplus terms are
// fdlibm's exp and log1p evaluated in vectors. The tests hold the two to two units in the last
// place of each term.
//
//   log p(x | z) = -sum_i [ max(l_i, 0) - l_i x_i + log(1 + e^-|l_i|) ]

import Foundation
import TensorCore

/// log p(x_b | z_b) per row of logits and targets [B, D], in Double, each row summed in pixel
/// order.
public func referenceBernoulliLogLikelihoodPerRow(logits: Tensor, targets: Tensor) -> [Double] {
  precondition(logits.shape == targets.shape, "logits \(logits.shape) vs targets \(targets.shape)")
  let (b, d) = (logits.rows, logits.columns)
  return (0..<b).map { i in
    var total = 0.0
    for j in (i * d)..<((i + 1) * d) {
      let x = Double(logits.storage[j])
      total -= Swift.max(x, 0) - x * Double(targets.storage[j]) + Foundation.log1p(Foundation.exp(-Swift.abs(x)))
    }
    return total
  }
}
