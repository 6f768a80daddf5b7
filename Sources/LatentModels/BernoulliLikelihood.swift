// The decoder's likelihood p(x | z) = prod_i Bernoulli(x_i; sigmoid(logit_i)), for pixel
// intensities in [0, 1] (the "continuous Bernoulli-free" convention of the Keras VAE example:
// the loss is the binary cross-entropy summed over pixels, in nats).
//
//   -log p(x | z) = sum_i [ max(l_i, 0) - l_i x_i + log(1 + e^-|l_i|) ]

import Autodiff
import Foundation
import NeuralNet
import TensorCore

/// -log p(x | z) from logits [B, D] -> scalar, reduced as `reduction` says: `.perImageSum`
/// (the sum over an image's pixels, averaged over the B images: the ELBO's reconstruction
/// term in nats per image) or `.perPixelMean`.
public func bernoulliNegativeLogLikelihood(logits: Variable, targets: Tensor, reduction: LossReduction) -> Variable {
  binaryCrossEntropy(logits: logits, targets: targets, reduction: reduction)
}

/// log p(x_b | z_b) per row, in Double, [B]. Each row is summed in pixel order on one core;
/// the rows are split over the cores (the held-out estimates call this K times per test image,
/// and log1p and exp in Double are most of its cost).
public func bernoulliLogLikelihoodPerRow(logits: Tensor, targets: Tensor) -> [Double] {
  precondition(logits.shape == targets.shape, "logits \(logits.shape) vs targets \(targets.shape)")
  let (b, d) = (logits.rows, logits.columns)
  var totals = [Double](repeating: 0, count: b)
  logits.storage.withUnsafeBufferPointer { l in
    targets.storage.withUnsafeBufferPointer { t in
      totals.withUnsafeMutableBufferPointer { out in
        Parallel.forEachRange(b, cost: d * 16) { rows in
          for i in rows {
            var total = 0.0
            for j in (i * d)..<((i + 1) * d) {
              let x = Double(l[j])
              total -= Swift.max(x, 0) - x * Double(t[j]) + Foundation.log1p(Foundation.exp(-Swift.abs(x)))
            }
            out[i] = total
          }
        }
      }
    }
  }
  return totals
}
