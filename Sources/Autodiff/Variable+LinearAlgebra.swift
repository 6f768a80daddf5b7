// Matrix product and transpose. For C = A B: dA = dC B^T and dB = A^T dC, computed by sgemm
// with transpose flags instead of materialising any transpose.

import TensorCore

extension Variable {
  /// op(A) op(B), op = transpose when asked. Shapes as in `Tensor.matmul`.
  public static func matmul(
    _ a: Variable, _ b: Variable, transposeA: Bool = false, transposeB: Bool = false
  ) -> Variable {
    let (av, bv) = (a.value, b.value)
    let y = Tensor.matmul(av, bv, transposeA: transposeA, transposeB: transposeB)
    return Variable(op: "matmul", value: y, inputs: [a, b]) { g in
      // C = A B       : dA = G B^T,    dB = A^T G
      // C = A^T B     : dA = B G^T,    dB = A G
      // C = A B^T     : dA = G B,      dB = G^T A
      // C = A^T B^T   : dA = B^T G^T,  dB = G^T A^T
      let da: Tensor? =
        !a.requiresGradient
        ? nil
        : transposeA
          ? Tensor.matmul(bv, g, transposeA: transposeB, transposeB: true)
          : Tensor.matmul(g, bv, transposeA: false, transposeB: !transposeB)
      let db: Tensor? =
        !b.requiresGradient
        ? nil
        : transposeB
          ? Tensor.matmul(g, av, transposeA: true, transposeB: transposeA)
          : Tensor.matmul(av, g, transposeA: !transposeA, transposeB: false)
      return [da, db]
    }
  }

  /// The transpose of a rank-2 value; its adjoint is the transpose.
  public func transposed() -> Variable {
    Variable(op: "transpose", value: value.transposed(), inputs: [self]) { g in [g.transposed()] }
  }

  /// The same elements with a new shape; the gradient is reshaped back.
  public func reshaped(_ shape: [Int]) -> Variable {
    let old = value.shape
    return Variable(op: "reshape", value: value.reshaped(shape), inputs: [self]) { g in [g.reshaped(old)] }
  }

  /// Columns `range` of a rank-2 value (e.g. splitting an encoder output into mean and
  /// log-variance); the gradient is zero outside the slice.
  public func columns(_ range: Range<Int>) -> Variable {
    let (r, c) = (value.shape[0], value.shape[1])
    return Variable(op: "columns", value: value.columns(range), inputs: [self]) { g in
      var out = Tensor.zeros([r, c])
      let w = range.count
      for i in 0..<r {
        for j in 0..<w { out.storage[i * c + range.lowerBound + j] = g.storage[i * w + j] }
      }
      return [out]
    }
  }

  /// Rows `indices` of a rank-2 value, repeats allowed (a codebook lookup: row k of the
  /// result is row indices[k]); the gradient of a row is added back to the row it came from.
  public func gatherRows(_ indices: [Int]) -> Variable {
    let (r, c) = (value.shape[0], value.shape[1])
    return Variable(op: "gatherRows", value: value.rows(indices), inputs: [self]) { g in
      var out = Tensor.zeros([r, c])
      for (k, i) in indices.enumerated() {
        for j in 0..<c { out.storage[i * c + j] += g.storage[k * c + j] }
      }
      return [out]
    }
  }

  /// Rank-2 values side by side; each part receives its own columns of the gradient.
  public static func concatenateColumns(_ parts: [Variable]) -> Variable {
    let widths = parts.map { $0.value.shape[1] }
    return Variable(op: "concat", value: Tensor.concatenateColumns(parts.map(\.value)), inputs: parts) { g in
      var offset = 0
      return widths.map { w in
        defer { offset += w }
        return g.columns(offset..<(offset + w))
      }
    }
  }
}
