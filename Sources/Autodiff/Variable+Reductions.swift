// Reductions. The adjoint of a sum is a broadcast: every summed element receives dL/dsum.

import TensorCore

extension Variable {
  /// Sum of all elements -> scalar.
  public func sum() -> Variable {
    let shape = value.shape
    return Variable(op: "sum", value: Tensor(scalar: value.sum()), inputs: [self]) { g in
      [Tensor(repeating: g.scalar, shape: shape)]
    }
  }

  /// Mean of all elements -> scalar.
  public func mean() -> Variable { sum() * (1 / Float(Swift.max(value.count, 1))) }

  /// Sum along `axis` of a rank-2 value: axis 0 -> [N] column sums, axis 1 -> [B, 1] row sums
  /// (kept as a column so it broadcasts back against [B, N] only through explicit ops).
  public func sum(axis: Int) -> Variable {
    let (r, c) = (value.shape[0], value.shape[1])
    if axis == 0 {
      return Variable(op: "sum(axis: 0)", value: value.sum(axis: 0), inputs: [self]) { g in
        // Repeat the column-sum gradient for every row.
        [Tensor.zeros([r, c]) + g]
      }
    }
    precondition(axis == 1, "axis must be 0 or 1")
    return Variable(op: "sum(axis: 1)", value: value.sum(axis: 1).reshaped([r, 1]), inputs: [self]) { g in
      var out = [Float](repeating: 0, count: r * c)
      for i in 0..<r {
        let gi = g.storage[i]
        for j in 0..<c { out[i * c + j] = gi }
      }
      return [Tensor(shape: [r, c], storage: out)]
    }
  }

  /// Mean along `axis` of a rank-2 value.
  public func mean(axis: Int) -> Variable { sum(axis: axis) * (1 / Float(value.shape[axis])) }
}
