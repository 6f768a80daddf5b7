// Reconstruction losses. Each returns the mean over all elements (Keras' convention), so the
// numbers printed by the chapters compare directly with the Keras references on the slides.

import Foundation
import Autodiff
import TensorCore

/// Mean squared error: mean((prediction - target)^2). The L2 loss of the slides, up to the
/// 1/d normalisation.
public func meanSquaredError(_ prediction: Variable, _ target: Variable) -> Variable {
  (prediction - target).squared().mean()
}

/// Binary cross-entropy from logits, mean over elements:
///   -[t log sigmoid(x) + (1 - t) log(1 - sigmoid(x))] = max(x, 0) - x t + log(1 + e^-|x|).
/// The right-hand form never evaluates log(0) or exp of a large number, so a saturated
/// decoder gives a large finite loss rather than NaN. d/dx = sigmoid(x) - t.
public func binaryCrossEntropy(logits: Variable, targets: Tensor) -> Variable {
  let x = logits.value
  precondition(x.shape == targets.shape, "logits \(x.shape) vs targets \(targets.shape)")
  let n = Float(x.count)
  var total = 0.0
  x.storage.withUnsafeBufferPointer { xs in
    targets.storage.withUnsafeBufferPointer { ts in
      for i in xs.indices {
        let xi = xs[i]
        total += Double(Swift.max(xi, 0) - xi * ts[i] + Foundation.log1p(Foundation.exp(-Swift.abs(xi))))
      }
    }
  }
  let loss = Tensor(scalar: Float(total / Double(n)))
  return Variable(op: "binaryCrossEntropy", value: loss, inputs: [logits]) { g in
    let scale = g.scalar / n
    return [x.zip(targets) { xi, ti in (stableSigmoid(xi) - ti) * scale }]
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
