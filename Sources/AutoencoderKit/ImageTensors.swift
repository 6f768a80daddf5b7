// Small conversions between image tensors and what figures and error tables need.

import Autodiff
import TensorCore

/// Rows of a [N, D] tensor as arrays of grey levels clipped to [0, 1] (image-grid tiles).
public func tiles(_ x: Tensor) -> [[Float]] {
  (0..<x.shape[0]).map { i in x.row(i).map { min(max($0, 0), 1) } }
}

/// The columns of W [D, n] as image tiles, each scaled to [0, 1] by its own range (filters).
public func filterTiles(_ w: Tensor, units: some Sequence<Int>) -> [[Float]] {
  let (d, n) = (w.shape[0], w.shape[1])
  return units.filter { $0 < n }.map { j in
    let column = (0..<d).map { w[$0, j] }
    let (lo, hi) = (column.min() ?? 0, column.max() ?? 1)
    return column.map { hi > lo ? ($0 - lo) / (hi - lo) : 0.5 }
  }
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
