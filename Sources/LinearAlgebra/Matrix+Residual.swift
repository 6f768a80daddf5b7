// The squared error of a low-rank reconstruction, ||X - (X E) D||_F^2: PCA's Eckart-Young
// error (E = W, D = W^T) and the linear network's (E = W_1, D = W_2), on 60,000 x 784 images.

import CBLAS

/// ||X - (X E) D||_F^2 for X [n, d], E [d, k], D [k, d], from the data (no eigenvalues).
///
/// Why not `(x - matmul(matmul(x, e), d)).squaredFrobeniusNorm`: on the lecture's images that
/// builds two [60000, 784] matrices (376 MB each) per call. Here the rows go through in blocks of
/// `blockRows`, so the reconstruction stays in cache-sized buffers; the products are the same
/// dgemm calls on those rows and the squares are summed in the same order, one accumulator, row
/// by row, so the result is that expression's bit for bit. (The order of the two products
/// matters: X (E D) costs n d^2 multiply-adds, against 2 n d k here.)
public func squaredResidual(_ x: Matrix, encoder e: Matrix, decoder dm: Matrix, blockRows: Int = 1024) -> Double {
  let (n, d, k) = (x.rows, x.columns, e.columns)
  precondition(
    e.rows == d && dm.rows == k && dm.columns == d,
    "squaredResidual: X is \(n)x\(d), E \(e.rows)x\(e.columns), D \(dm.rows)x\(dm.columns)")
  precondition(blockRows > 0, "squaredResidual: blockRows must be positive")
  // Without a code the reconstruction is zero (BLAS would reject the leading dimension 0).
  guard n > 0, d > 0, k > 0 else { return x.squaredFrobeniusNorm }
  let block = min(n, blockRows)
  var code = [Double](repeating: 0, count: block * k)
  var back = [Double](repeating: 0, count: block * d)
  var total = 0.0
  x.storage.withUnsafeBufferPointer { px in
    e.storage.withUnsafeBufferPointer { pe in
      dm.storage.withUnsafeBufferPointer { pd in
        code.withUnsafeMutableBufferPointer { pc in
          back.withUnsafeMutableBufferPointer { pb in
            // One Double section for all the blocks, as `sampleCovariance` takes for its dsyrk calls.
            withDoubleBLAS {
              for first in stride(from: 0, to: n, by: block) {
                let rows = min(block, n - first)
                let xs = px.baseAddress! + first * d
                cblas_dgemm(
                  CblasRowMajor, CblasNoTrans, CblasNoTrans, blasInt(rows), blasInt(k), blasInt(d),
                  1.0, xs, blasInt(d), pe.baseAddress, blasInt(k), 0.0, pc.baseAddress, blasInt(k))
                cblas_dgemm(
                  CblasRowMajor, CblasNoTrans, CblasNoTrans, blasInt(rows), blasInt(d), blasInt(k),
                  1.0, pc.baseAddress, blasInt(k), pd.baseAddress, blasInt(d), 0.0, pb.baseAddress, blasInt(d))
                for i in 0..<rows * d {
                  let r = xs[i] - pb[i]
                  total += r * r
                }
              }
            }
          }
        }
      }
    }
  }
  return total
}
