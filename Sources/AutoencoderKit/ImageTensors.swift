// Small conversions between image tensors and what figures and error tables need.

import Autodiff
import TensorCore

/// Rows of a [N, D] tensor as arrays of grey levels clipped to [0, 1] (image-grid tiles).
public func tiles(_ x: Tensor) -> [[Float]] {
  (0..<x.shape[0]).map { i in x.row(i).map { min(max($0, 0), 1) } }
}

/// Per-pixel mean squared error between two [N, D] tensors, in Double.
public func meanSquaredError(_ a: Tensor, _ b: Tensor) -> Double {
  precondition(a.shape == b.shape, "\(a.shape) vs \(b.shape)")
  var total = 0.0
  for i in 0..<a.count {
    let d = Double(a.storage[i]) - Double(b.storage[i])
    total += d * d
  }
  return total / Double(a.count)
}

/// A sigmoid applied to every element (reconstructions from logits).
public func sigmoid(_ x: Tensor) -> Tensor { x.map(stableSigmoid) }
