// The Monte Carlo side of "closed form vs Monte Carlo" through a factorisation the closed forms
// never use. `Gaussian` holds a Cholesky factor, and the closed-form KL, log-densities and
// log-determinants go through it; here a Gaussian is sampled through the symmetric square root
// V diag(sqrt(lambda)) V^T of its covariance and evaluated through its eigenvalues,
//
//   log N(z; m, S) = -1/2 ( d log 2 pi + sum_i log lambda_i + sum_i (v_i^T (z - m))^2 / lambda_i ),
//
// so a wrong Cholesky factor, whitening or log-determinant would show up as a difference.

import Foundation
import LinearAlgebra
import Probability
import Stochastic

extension VAEChapter {
  /// N(mean, covariance) through the eigendecomposition of its covariance.
  struct EigenGaussian {
    let mean: [Double]
    let values: [Double]  // lambda_i
    let vectors: Matrix  // columns v_i
    let squareRoot: Matrix  // V diag(sqrt(lambda)) V^T

    init(_ g: Gaussian) throws {
      mean = g.mean
      (values, vectors) = try g.covariance.symmetricEigen()
      let d = mean.count
      var root = Matrix(rows: d, columns: d, storage: [Double](repeating: 0, count: d * d))
      for i in 0..<d {
        for j in 0..<d {
          var s = 0.0
          for k in 0..<d { s += vectors[i, k] * values[k].squareRoot() * vectors[j, k] }
          root[i, j] = s
        }
      }
      squareRoot = root
    }

    /// mean + S^{1/2} eps, eps ~ N(0, I).
    func sample(using rng: inout SeededRandom) -> [Double] {
      let eps = rng.normals(mean.count)
      return mean.indices.map { i in mean[i] + mean.indices.reduce(0.0) { $0 + squareRoot[i, $1] * eps[$1] } }
    }

    func logDensity(_ z: [Double]) -> Double {
      var total = Double(mean.count) * Foundation.log(2 * Double.pi)
      for k in values.indices {
        let projection = mean.indices.reduce(0.0) { $0 + vectors[$1, k] * (z[$1] - mean[$1]) }
        total += Foundation.log(values[k]) + projection * projection / values[k]
      }
      return -0.5 * total
    }
  }
}
