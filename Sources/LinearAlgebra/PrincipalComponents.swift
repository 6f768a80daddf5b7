// Principal component analysis of a data matrix, the model of the first chapter and the
// baseline every autoencoder is compared with.
//
// Slides "PCA Formulation" and "PCA for Dimension Reduction":
//   analysis   Y = A^T (X - m_x)        (here row-wise: Y = (X - 1 m^T) A)
//   synthesis  X = A Y + m_x            (X = Y A^T + 1 m^T)
//   reduction  X^ = A_k Y_k + m_x       (keep the first k columns of A)
// A holds the eigenvectors of the sample covariance C_xx as columns, in descending order of
// eigenvalue, so the first k columns span the best k-dimensional subspace (Eckart-Young).

/// The principal axes, variances and mean of a data set X [N, d] (rows are samples).
public struct PrincipalComponents: Sendable {
  /// m_x [d], the column means.
  public let mean: [Double]
  /// lambda_1 >= ... >= lambda_d, the eigenvalues of the sample covariance (1/(N-1)).
  public let variances: [Double]
  /// A [d, d], orthonormal eigenvectors as columns, in the order of `variances`.
  public let axes: Matrix
  /// N, the number of samples fitted.
  public let sampleCount: Int

  /// Fits PCA by the eigendecomposition of the sample covariance (dsyevd on d x d, which for
  /// N >> d is cheaper than the SVD of the N x d data; the chapter checks they agree).
  public init(fitting x: Matrix) throws {
    mean = x.columnMeans()
    let (values, vectors) = try x.sampleCovariance().symmetricEigen()
    // Rounding can leave the smallest eigenvalues of a PSD matrix slightly negative.
    variances = values.map { Swift.max($0, 0) }
    axes = vectors
    sampleCount = x.rows
  }

  /// A model from its parts (tests plant errors this way; chapters fit with `init(fitting:)`).
  public init(mean: [Double], variances: [Double], axes: Matrix, sampleCount: Int) {
    precondition(
      mean.count == variances.count && axes.rows == mean.count && axes.columns == mean.count, "inconsistent PCA parts")
    self.mean = mean
    self.variances = variances
    self.axes = axes
    self.sampleCount = sampleCount
  }

  /// The data dimension d.
  public var dimension: Int { mean.count }

  /// A_k [d, k], the first k principal axes.
  public func basis(_ k: Int) -> Matrix { axes.columns(0..<k) }

  /// Y_k = (X - 1 m^T) A_k [N, k]: the codes (scores) of the rows of `x`.
  public func project(_ x: Matrix, components k: Int) -> Matrix {
    matmul(x.centered(by: mean), basis(k))
  }

  /// X^ = Y_k A_k^T + 1 m^T [N, d]: synthesis from the first k codes.
  public func reconstruct(_ y: Matrix) -> Matrix {
    let k = y.columns
    var out = matmul(y, basis(k), transposeB: true)
    for i in 0..<out.rows {
      for j in 0..<out.columns { out.storage[i * out.columns + j] += mean[j] }
    }
    return out
  }

  /// Sum of the eigenvalues beyond the first k (summed from the small end, so the tail of
  /// a fast-decaying spectrum is not lost to cancellation against the total).
  public func discardedVariance(keeping k: Int) -> Double {
    variances[k...].reversed().reduce(0, +)
  }

  /// Fraction of the total variance kept by the first k components.
  public func explainedVarianceRatio(_ k: Int) -> Double {
    let total = variances.reversed().reduce(0, +)
    return total > 0 ? 1 - discardedVariance(keeping: k) / total : 1
  }
}
