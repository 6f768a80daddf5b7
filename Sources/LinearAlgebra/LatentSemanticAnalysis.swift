// Latent semantic analysis (Deerwester et al. 1990): the linear baseline of the slide's
// bag-of-words example (2000-D word counts, AE 2000-500-250-125-2 vs LSA). Documents are
// weighted by tf-idf, and the rank-k truncated SVD X ~ U_k S_k V_k^T gives each document the
// coordinates x V_k (its projection on the top k right singular vectors). Unlike PCA, the
// tf-idf matrix is not centred.
//
// The SVD is taken through the V x V Gram matrix X^T X = V S^2 V^T (dsyevd), which for N
// documents > V words is cheaper than the SVD of X itself and gives the same V_k and S_k^2.

import Foundation

/// A fitted LSA model: idf weights and the top right singular vectors of the tf-idf matrix.
public struct LatentSemanticAnalysis: Sendable {
  /// idf_j = ln(N / df_j), df_j = number of training documents containing word j (>= 1).
  public let inverseDocumentFrequency: [Double]
  /// V_k [V, k], the top k right singular vectors of the training tf-idf matrix.
  public let basis: Matrix
  /// All squared singular values sigma_i^2 of the training tf-idf matrix, descending.
  public let squaredSingularValues: [Double]

  /// Fits LSA with `rank` dimensions on `counts` [N, V] (word counts, rows are documents).
  public init(fitting counts: Matrix, rank: Int) throws {
    precondition(rank >= 1 && rank <= counts.columns, "rank \(rank) outside 1...\(counts.columns)")
    let n = Double(counts.rows)
    var df = [Double](repeating: 0, count: counts.columns)
    for i in 0..<counts.rows {
      for j in 0..<counts.columns where counts[i, j] > 0 { df[j] += 1 }
    }
    inverseDocumentFrequency = df.map { Foundation.log(n / Swift.max($0, 1)) }
    let x = Self.tfidf(counts, idf: inverseDocumentFrequency)
    let (values, vectors) = try matmul(x, x, transposeA: true).symmetricEigen()  // X^T X [V, V]
    squaredSingularValues = values.map { Swift.max($0, 0) }
    basis = vectors.columns(0..<rank)
  }

  /// The number of LSA dimensions k.
  public var rank: Int { basis.columns }

  /// tf-idf: (count_ij / length_i) * idf_j, rows are documents.
  public static func tfidf(_ counts: Matrix, idf: [Double]) -> Matrix {
    precondition(counts.columns == idf.count, "\(counts.columns) words but \(idf.count) idf weights")
    var x = counts
    for i in 0..<x.rows {
      let length = Swift.max(counts.row(i).reduce(0, +), 1)
      for j in 0..<x.columns { x[i, j] = counts[i, j] / length * idf[j] }
    }
    return x
  }

  /// The tf-idf matrix of `counts` with the fitted idf weights.
  public func tfidf(_ counts: Matrix) -> Matrix { Self.tfidf(counts, idf: inverseDocumentFrequency) }

  /// Document coordinates tfidf(counts) V_k [N, k] (also for documents not fitted: "fold-in").
  public func project(_ counts: Matrix) -> Matrix { matmul(tfidf(counts), basis) }

  /// sum_{i > k} sigma_i^2: the squared Frobenius error of the rank-k truncation (Eckart-Young).
  public var discardedEnergy: Double { squaredSingularValues[rank...].reversed().reduce(0, +) }
}
