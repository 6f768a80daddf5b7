// The two ways the lecture turns the per-pixel terms of a loss over a batch x [B, D] into one
// number. The slides write a reconstruction loss L(x, x') as a SUM over the D pixels of one
// image (and the ELBO's -log p(x | z) is that sum, in nats); Keras' losses, and so the numbers
// on the Keras slides, are the MEAN over the pixels instead. Both are averaged over the B
// images of the batch; they differ by the factor D and have the same minimiser. A loss takes
// its reduction by name, so a value is never computed in one convention and rescaled into
// the other.
//
//   perPixelMean   (1 / (B D)) sum_b sum_i l_bi     Keras' binary cross-entropy, MSE
//   perImageSum    (1 / B)     sum_b sum_i l_bi     the slides' L(x, x'), -log p(x | z)

import Autodiff
import TensorCore

/// How the per-element terms l_bi of a loss over a batch [B, ...] are reduced to one number.
public enum LossReduction: Sendable, Equatable {
  /// (1 / (B D)) sum over every element: the mean per pixel (Keras' convention).
  case perPixelMean
  /// (1 / B) sum over every element: each image's sum over its pixels, averaged over the
  /// images (the slides' convention).
  case perImageSum

  /// What the total over all elements of `shape` = [B, ...] is divided by: B D or B.
  public func divisor(_ shape: [Int]) -> Int {
    switch self {
    case .perPixelMean: return Swift.max(shape.reduce(1, *), 1)
    case .perImageSum:
      precondition(shape.count >= 2, "a per-image sum needs a batch of images [B, ...], shape is \(shape)")
      return Swift.max(shape[0], 1)
    }
  }

  /// The loss from its per-element terms [B, ...]: their total divided by `divisor`.
  public func callAsFunction(_ terms: Variable) -> Variable {
    switch self {
    case .perPixelMean: return terms.mean()
    case .perImageSum: return terms.sum() * (1 / Float(divisor(terms.value.shape)))
    }
  }
}
