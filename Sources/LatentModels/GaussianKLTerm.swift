// The KL term of the VAE loss as one autodiff op (slide "VAE Mathematics", log-variance form):
//
//   KL(N(mu, diag(e^v)) || N(0, I)) = 1/2 sum_k (e^v_k + mu_k^2 - 1 - v_k)
//   d/dmu_k = mu_k,   d/dv_k = (e^v_k - 1) / 2
//
// Fused rather than composed from exp/square/sum: one pass, no intermediate tensors. The same
// formula composed from Variable ops, as the slide writes it, is `referenceKLToStandardNormal`
// (Reference/ReferenceVAELoss.swift); the vae chapter holds this op's value against
// Probability's `klDiagonalToStandard` in Double, so the op keeps its own arithmetic here.

import Autodiff
import Foundation
import Probability
import TensorCore

/// The KL term of a VAE's loss: q(z|x) of a batch -> the sum of its KLs to the prior, a scalar.
/// A chapter passes its own to show what a wrong one does to training.
public typealias KLTerm = (Encoded) -> Variable

/// Sum over the batch and the latent coordinates of KL(q(z|x_b) || N(0, I)) -> scalar.
/// Divide by B for the per-image mean.
public func klToStandardNormal(_ q: Encoded) -> Variable {
  let mu = q.mean.value
  let v = q.logVariance.value
  var total = 0.0
  for i in 0..<mu.count {
    let m = Double(mu.storage[i])
    let lv = Double(v.storage[i])
    total += Foundation.exp(lv) + m * m - 1 - lv
  }
  return Variable(op: "klToStandardNormal", value: Tensor(scalar: Float(0.5 * total)), inputs: [q.mean, q.logVariance])
  { g in
    let s = g.scalar
    return [mu * s, v.map { (Foundation.exp($0) - 1) * 0.5 * s }]
  }
}

/// Per-row KL(q(z|x_b) || N(0, I)) in Double, [B] (for evaluation and reports): Probability's
/// closed form, the one formula of the course for it, applied row by row.
public func klToStandardNormalPerRow(mean: Tensor, logVariance: Tensor) -> [Double] {
  let (b, z) = (mean.rows, mean.columns)
  return (0..<b).map { i in
    klDiagonalToStandard(
      mean: (0..<z).map { Double(mean[i, $0]) }, logVariance: (0..<z).map { Double(logVariance[i, $0]) })
  }
}
