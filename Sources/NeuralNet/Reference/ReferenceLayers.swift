// The dense layer and the binary cross-entropy as the slides write them, composed from the
// autodiff core's elementary ops, so the chain rule runs through every step a student can
// name. `Variable.dense` (one fused op with a hand-written backward) and
// `binaryCrossEntropy(logits:targets:)` (one vectorised pass) are the fast paths; the tests
// hold each to its reference, in value and in every gradient.

import Autodiff
import TensorCore

/// h = activation(x W + b): a matrix product, a bias added to every row, an activation.
/// x [B, in], W [in, out], b [out] -> [B, out].
public func referenceDense(_ x: Variable, weight: Variable, bias: Variable, activation: Activation) -> Variable {
  let preactivation = Variable.matmul(x, weight) + bias  // [B, out]
  return activation(preactivation)
}

/// Binary cross-entropy from logits l, -[t log sigmoid(l) + (1 - t) log(1 - sigmoid(l))]
/// reduced by `reduction` (the mean per pixel by default, as the fast path).
/// Written as the formula, it takes log(0) once a logit passes about 17 in Float; the fast
/// path uses the equivalent max(l, 0) - l t + log(1 + e^-|l|), which never does.
public func referenceBinaryCrossEntropy(
  logits: Variable, targets: Tensor, reduction: LossReduction = .perPixelMean
) -> Variable {
  let p = logits.sigmoid()  // [B, D], the decoder's Bernoulli means
  let t = Variable(targets)
  let perElement = t * p.log() + (1 - t) * (1 - p).log()  // log-likelihood per pixel
  return reduction(-perElement)
}
