// Matrix products through OpenBLAS (cblas_dgemm, cblas_dgemv).
//
// Why BLAS: the lecture multiplies 60000x784 data matrices; a naive triple loop is about
// 100x slower than dgemm. Transposes are passed to BLAS as flags rather than materialised,
// so `matmul(x, x, transposeA: true)` forms X^T X without copying X.
//
// Rounding: dgemm accumulates in a blocked order, so results can differ from a naive loop
// in the last bits (about k * 1e-16 relative for inner dimension k); compare with a tolerance.

import CBLAS

/// Converts a dimension to the BLAS/LAPACK integer type; dimensions beyond Int32 are a bug here.
@inline(__always) func blasInt(_ n: Int) -> Int32 {
  guard let v = Int32(exactly: n) else { preconditionFailure("dimension \(n) exceeds the 32-bit BLAS interface") }
  return v
}

/// op(A) op(B), where op(X) is X or X^T, computed by `cblas_dgemm` (row-major).
///
/// Shapes: op(A) is [m, k], op(B) is [k, n], the result is [m, n]. For example
/// `matmul(x, x, transposeA: true)` is X^T X and `matmul(x, w)` projects the rows of X on W.
public func matmul(_ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false) -> Matrix {
  let (m, k) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
  let (kb, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
  precondition(
    k == kb,
    "matmul: inner dimensions differ: op(A) is \(m)x\(k), op(B) is \(kb)x\(n) "
      + "(transposeA: \(transposeA), transposeB: \(transposeB))")
  var c = [Double](repeating: 0, count: m * n)
  // An empty product is the zero matrix; BLAS would reject the leading dimension 0.
  guard m > 0 && n > 0 && k > 0 else { return Matrix(rows: m, columns: n, storage: c) }
  a.storage.withUnsafeBufferPointer { pa in
    b.storage.withUnsafeBufferPointer { pb in
      c.withUnsafeMutableBufferPointer { pc in
        withDoubleBLAS {
          cblas_dgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            blasInt(m), blasInt(n), blasInt(k),
            1.0, pa.baseAddress, blasInt(a.columns),  // row-major: leading dimension = stored columns
            pb.baseAddress, blasInt(b.columns),
            0.0, pc.baseAddress, blasInt(n))
        }
      }
    }
  }
  return Matrix(rows: m, columns: n, storage: c)
}

/// op(A) x, where op(A) is A or A^T, computed by `cblas_dgemv`.
public func matvec(_ a: Matrix, _ x: [Double], transpose: Bool = false) -> [Double] {
  let (outCount, inCount) = transpose ? (a.columns, a.rows) : (a.rows, a.columns)
  precondition(x.count == inCount, "matvec: op(A) is \(outCount)x\(inCount), x has \(x.count) entries")
  var y = [Double](repeating: 0, count: outCount)
  guard a.rows > 0 && a.columns > 0 else { return y }
  a.storage.withUnsafeBufferPointer { pa in
    x.withUnsafeBufferPointer { px in
      y.withUnsafeMutableBufferPointer { py in
        withDoubleBLAS {
          cblas_dgemv(
            CblasRowMajor, transpose ? CblasTrans : CblasNoTrans,
            blasInt(a.rows), blasInt(a.columns),
            1.0, pa.baseAddress, blasInt(a.columns),
            px.baseAddress, 1, 0.0, py.baseAddress, 1)
        }
      }
    }
  }
  return y
}

extension Matrix {
  /// A B, the matrix product (`matmul(a, b)`).
  public static func * (a: Matrix, b: Matrix) -> Matrix { matmul(a, b) }

  /// A x, the matrix-vector product (`matvec(a, x)`).
  public static func * (a: Matrix, x: [Double]) -> [Double] { matvec(a, x) }
}
