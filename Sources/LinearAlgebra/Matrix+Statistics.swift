// Statistics of a data matrix X [N, d]: rows are samples, columns are features.
//
// Everything here is BLAS (dgemv, dger, dsyrk), because the PCA chapter calls it on the
// 60000x784 MNIST training set, where element loops in Swift would dominate the run time.
//
// Symbols: N samples, d features, mu [d] the column means, X_c = X - 1 mu^T the centred data,
// S [d, d] the sample covariance.

import CBLAS

extension Matrix {
  /// The column means mu_j = (1/N) sum_i X_ij of a data matrix X [N, d] (`cblas_dgemv`: X^T 1 / N).
  public func columnMeans() -> [Double] {
    precondition(rows > 0, "columnMeans needs at least one row")
    let ones = [Double](repeating: 1, count: rows)
    return matvec(self, ones, transpose: true).map { $0 / Double(rows) }
  }

  /// X - 1 mu^T: subtracts `mean` [d] from every row (a rank-1 update, `cblas_dger`).
  public func centered(by mean: [Double]) -> Matrix {
    precondition(mean.count == columns, "centered(by:) needs \(columns) means, got \(mean.count)")
    var out = self
    guard rows > 0 && columns > 0 else { return out }
    let ones = [Double](repeating: 1, count: rows)
    out.storage.withUnsafeMutableBufferPointer { x in
      withDoubleBLAS {
        cblas_dger(
          CblasRowMajor, blasInt(rows), blasInt(columns), -1.0,
          ones, 1, mean, 1, x.baseAddress, blasInt(columns))
      }
    }
    return out
  }

  /// The sample covariance S = X_c^T X_c / (N - 1) [d, d] of a data matrix X [N, d].
  ///
  /// Normalisation: 1/(N - 1), the unbiased estimator (Bessel's correction), the default of
  /// `numpy.cov` and of most statistics texts, so printed numbers can be compared with them.
  /// PCA does not depend on the choice: the eigenvectors are the same, and the eigenvalues
  /// differ from the 1/N (maximum-likelihood) ones by the factor N/(N-1) (1.00002 for
  /// N = 60000). With this normalisation the Eckart-Young identity reads
  /// ||X_c - X_c W W^T||_F^2 = (N - 1) * (sum of the discarded eigenvalues of S).
  /// For the Gaussian maximum-likelihood fit, multiply by (N - 1)/N.
  ///
  /// Algorithm: the rows are centred in blocks (about 8 MB each) and accumulated with
  /// `cblas_dsyrk` (C += alpha X_b^T X_b, upper triangle), then mirrored to the lower triangle.
  /// Centring before multiplying avoids the cancellation of the one-pass formula
  /// X^T X / (N-1) - N mu mu^T / (N-1); blocking keeps the extra memory small instead of
  /// copying the whole [N, d] matrix. The result is exactly symmetric.
  public func sampleCovariance() -> Matrix {
    precondition(rows >= 2, "sampleCovariance needs at least two samples, got \(rows)")
    let (n, d) = (rows, columns)
    guard d > 0 else { return Matrix.zeros(rows: 0, columns: 0) }
    let mean = columnMeans()
    let ones = [Double](repeating: 1, count: n)
    let blockRows = Swift.max(1, Swift.min(n, (1 << 20) / d))
    var block = [Double](repeating: 0, count: blockRows * d)
    var c = [Double](repeating: 0, count: d * d)
    let alpha = 1.0 / Double(n - 1)
    // One Double section for the whole accumulation: its dsyrk calls all round alike.
    withDoubleBLAS {
      storage.withUnsafeBufferPointer { x in
        block.withUnsafeMutableBufferPointer { b in
          c.withUnsafeMutableBufferPointer { pc in
            var start = 0
            while start < n {
              let count = Swift.min(blockRows, n - start)
              b.baseAddress!.update(from: x.baseAddress! + start * d, count: count * d)
              // Block rows minus the mean: B -= 1 mu^T.
              cblas_dger(CblasRowMajor, blasInt(count), blasInt(d), -1.0, ones, 1, mean, 1, b.baseAddress, blasInt(d))
              // C += alpha B^T B (upper triangle only).
              cblas_dsyrk(
                CblasRowMajor, CblasUpper, CblasTrans, blasInt(d), blasInt(count),
                alpha, b.baseAddress, blasInt(d), 1.0, pc.baseAddress, blasInt(d))
              start += count
            }
            mirrorUpperTriangle(pc, d)
          }
        }
      }
    }
    return Matrix(rows: d, columns: d, storage: c)
  }

  /// alpha X^T X [d, d] of X [N, d], by one `cblas_dsyrk` (upper triangle, then mirrored): half
  /// the multiply-adds of `matmul(x, x, transposeA: true)`, and exactly symmetric.
  ///
  /// Not centred, unlike `sampleCovariance`: PCA's codes Y = A^T (X - m) have mean zero, so
  /// Y^T Y / (N - 1) is their covariance only if the data were centred before projecting, and
  /// that is what the formulation's check must be able to see.
  public func scaledGram(_ alpha: Double) -> Matrix {
    let (n, d) = (rows, columns)
    var c = [Double](repeating: 0, count: d * d)
    guard n > 0, d > 0 else { return Matrix(rows: d, columns: d, storage: c) }
    withDoubleBLAS {
      storage.withUnsafeBufferPointer { x in
        c.withUnsafeMutableBufferPointer { pc in
          cblas_dsyrk(
            CblasRowMajor, CblasUpper, CblasTrans, blasInt(d), blasInt(n), alpha, x.baseAddress, blasInt(d), 0.0,
            pc.baseAddress, blasInt(d))
          mirrorUpperTriangle(pc, d)
        }
      }
    }
    return Matrix(rows: d, columns: d, storage: c)
  }
}

/// Copies the upper triangle of a row-major d x d matrix onto its lower one: `dsyrk` writes one
/// triangle only, and the lecture's covariances are full, exactly symmetric matrices.
private func mirrorUpperTriangle(_ c: UnsafeMutableBufferPointer<Double>, _ d: Int) {
  for i in 0..<d {
    for j in 0..<i { c[i * d + j] = c[j * d + i] }
  }
}
