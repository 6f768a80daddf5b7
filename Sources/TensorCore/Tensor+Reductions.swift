// Reductions over all elements or along one axis of a rank-2 tensor. Sums accumulate in
// Double: a 60000 x 784 sum in Float would lose digits the derivation checks care about.

import CKernels

extension Tensor {
  /// Sum of all elements (accumulated in Double).
  public func sum() -> Float { Float(sumDouble()) }

  /// Sum of all elements as Double.
  public func sumDouble() -> Double {
    storage.withUnsafeBufferPointer { b in
      var s = 0.0
      for x in b { s += Double(x) }
      return s
    }
  }

  /// Mean of all elements.
  public func mean() -> Float { Float(sumDouble() / Double(Swift.max(count, 1))) }

  /// Sums a rank-2 tensor along `axis`: axis 0 gives the column sums [N] (the adjoint of
  /// broadcasting a row), axis 1 gives the row sums [B].
  public func sum(axis: Int) -> Tensor {
    precondition(rank == 2, "sum(axis:) needs rank 2, shape is \(shape)")
    let (r, c) = (shape[0], shape[1])
    if axis == 0 {
      // Row by row into Double accumulators, in C so the loop vectorises (the bias gradient
      // of every convolution layer).
      var acc = [Double](repeating: 0, count: c)
      storage.withUnsafeBufferPointer { b in
        acc.withUnsafeMutableBufferPointer { a in
          guard let bp = b.baseAddress, let ap = a.baseAddress else { return }
          ck_column_sums_double(ap, bp, r, c)
        }
      }
      return Tensor(shape: [c], storage: acc.map { Float($0) })
    } else {
      precondition(axis == 1, "axis must be 0 or 1")
      var out = [Float](repeating: 0, count: r)
      storage.withUnsafeBufferPointer { b in
        for i in 0..<r {
          var s = 0.0
          for j in 0..<c { s += Double(b[i * c + j]) }
          out[i] = Float(s)
        }
      }
      return Tensor(shape: [r], storage: out)
    }
  }

  /// Mean along `axis` of a rank-2 tensor.
  public func mean(axis: Int) -> Tensor {
    sum(axis: axis) / Float(shape[axis])
  }

  /// Largest element.
  public func max() -> Float { storage.max() ?? -.infinity }
  /// Smallest element.
  public func min() -> Float { storage.min() ?? .infinity }

  /// Index of the largest element in each row of a rank-2 tensor (class predictions).
  public func argmaxRows() -> [Int] {
    precondition(rank == 2, "argmaxRows needs rank 2")
    let c = shape[1]
    return (0..<shape[0]).map { i in
      var best = 0
      for j in 1..<c where storage[i * c + j] > storage[i * c + best] { best = j }
      return best
    }
  }
}
