// Reconstruction losses. By default each returns the mean over all elements (Keras'
// convention), so the numbers printed by the chapters compare directly with the Keras
// references on the slides; binary cross-entropy also takes the slides' per-image sum by name
// (see LossReduction).

import Autodiff
import CKernels
import Foundation
import TensorCore

/// Mean squared error: mean((prediction - target)^2). The L2 loss of the slides, up to the
/// 1/d normalisation.
public func meanSquaredError(_ prediction: Variable, _ target: Variable) -> Variable {
  (prediction - target).squared().mean()
}

/// Binary cross-entropy from logits, the terms
///   -[t log sigmoid(x) + (1 - t) log(1 - sigmoid(x))] = max(x, 0) - x t + log(1 + e^-|x|)
/// reduced by `reduction`: their mean per pixel (Keras', the default) or per image summed
/// over the pixels (the slides' CE, and -log p(x | z) of a Bernoulli decoder).
/// The right-hand form never evaluates log(0) or exp of a large number, so a saturated
/// decoder gives a large finite loss rather than NaN. d/dx = sigmoid(x) - t.
///
/// Fused: one pass computes e^-|x| once per element and from it both the loss term and the
/// gradient (sigmoid(x) - t) / n, n the reduction's divisor (B D or B), which the backward
/// then only scales by the upstream
/// gradient (1 for a loss used as is). The pass is vectorised (FastMath instead of libm's
/// scalar exp/log1p) and split over the cores by rows; each row is summed in Float and the
/// row sums are added in Double, in row order, so the value does not depend on the split.
public func binaryCrossEntropy(
  logits: Variable, targets: Tensor, reduction: LossReduction = .perPixelMean
) -> Variable {
  let x = logits.value
  precondition(x.shape == targets.shape, "logits \(x.shape) vs targets \(targets.shape)")
  let n = Float(reduction.divisor(x.shape))
  let columns = x.rank >= 1 ? Swift.max(x.shape[x.rank - 1], 1) : 1
  let rows = (x.count + columns - 1) / columns
  let inverseN = 1 / n
  var rowSums = [Double](repeating: 0, count: rows)
  var gradient = Tensor(shape: x.shape) { _ in }  // [.., columns], every element written below
  x.storage.withUnsafeBufferPointer { xs in
    targets.storage.withUnsafeBufferPointer { ts in
      gradient.storage.withUnsafeMutableBufferPointer { gs in
        rowSums.withUnsafeMutableBufferPointer { sums in
          guard let xp = xs.baseAddress, let tp = ts.baseAddress, let gp = gs.baseAddress, let sp = sums.baseAddress
          else { return }
          let count = xs.count
          Parallel.forEachRange(rows, cost: columns * 8) { range in
            // The C kernel (AVX-512/AVX2 when available; same operations as FastMath's).
            var scratch = [Float](repeating: 0, count: columns)
            scratch.withUnsafeMutableBufferPointer { sb in
              guard let term = sb.baseAddress else { return }
              ck_bce_logits(xp, tp, gp, sp, term, range.lowerBound, range.upperBound, columns, count, inverseN)
            }
          }
        }
      }
    }
  }
  let total = rowSums.reduce(0, +)
  let loss = Tensor(scalar: Float(total / Double(n)))
  let dx = gradient
  return Variable(op: "binaryCrossEntropy", value: loss, inputs: [logits]) { g in
    let scale = g.scalar
    return [scale == 1 ? dx : dx * scale]
  }
}

/// Binary cross-entropy of probabilities p in (0, 1), clamped to [eps, 1 - eps] as Keras does;
/// for reporting losses of models whose output is already a sigmoid (and for PCA, whose
/// reconstructions are clipped to [0, 1]).
public func binaryCrossEntropy(probabilities p: Tensor, targets t: Tensor, epsilon: Float = 1e-7) -> Double {
  precondition(p.shape == t.shape, "probabilities \(p.shape) vs targets \(t.shape)")
  var total = 0.0
  for i in 0..<p.count {
    let pi = Double(Swift.min(Swift.max(p.storage[i], epsilon), 1 - epsilon))
    let ti = Double(t.storage[i])
    total -= ti * Foundation.log(pi) + (1 - ti) * Foundation.log(1 - pi)
  }
  return total / Double(p.count)
}
