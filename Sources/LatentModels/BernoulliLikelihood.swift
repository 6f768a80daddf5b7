// The decoder's likelihood p(x | z) = prod_i Bernoulli(x_i; sigmoid(logit_i)), for pixel
// intensities in [0, 1] (the "continuous Bernoulli-free" convention of the Keras VAE example:
// the loss is the binary cross-entropy summed over pixels, in nats).
//
//   -log p(x | z) = sum_i [ max(l_i, 0) - l_i x_i + log(1 + e^-|l_i|) ]

import Autodiff
import CKernels
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
/// the rows are split over the cores. The held-out estimates call this K times per test image;
/// the softplus terms are fdlibm's exp and log1p in vectors (`ck_bernoulli_log_likelihood_rows`),
/// as libm's scalar calls were most of the estimates' time. `referenceBernoulliLogLikelihoodPerRow`
/// (Reference/) is the same sum with libm, one pixel at a time, and the tests hold the two to
/// two units in the last place of each term.
public func bernoulliLogLikelihoodPerRow(logits: Tensor, targets: Tensor) -> [Double] {
  precondition(logits.shape == targets.shape, "logits \(logits.shape) vs targets \(targets.shape)")
  let (b, d) = (logits.rows, logits.columns)
  var totals = [Double](repeating: 0, count: b)
  logits.storage.withUnsafeBufferPointer { l in
    targets.storage.withUnsafeBufferPointer { t in
      totals.withUnsafeMutableBufferPointer { out in
        guard let l = l.baseAddress, let t = t.baseAddress, let out = out.baseAddress else { return }
        Parallel.forEachRange(b, cost: d * 4) { rows in
          var scratch = [Double](repeating: 0, count: d)
          scratch.withUnsafeMutableBufferPointer { scratch in
            ck_bernoulli_log_likelihood_rows(
              out, scratch.baseAddress, l, t, rows.lowerBound, rows.upperBound, d)
          }
        }
      }
    }
  }
  return totals
}
