// Helpers shared by the LinearAlgebra tests: random matrices and naive reference algorithms.
// The references are deliberately the slowest, most obvious loops, so they are easy to trust.

import LinearAlgebra
import Stochastic

/// A rows x columns matrix of i.i.d. N(0, 1) entries from a fixed seed.
func gaussianMatrix(_ rows: Int, _ columns: Int, seed: UInt64) -> Matrix {
  var rng = SeededRandom(seed: seed)
  return Matrix(rows: rows, columns: columns, storage: rng.normals(rows * columns))
}

/// A random symmetric positive-definite n x n matrix: G G^T / n + 0.1 I.
func randomSPD(_ n: Int, seed: UInt64) -> Matrix {
  let g = gaussianMatrix(n, n, seed: seed)
  let gg = naiveProduct(g, naiveTranspose(g))
  return gg / Double(n) + 0.1 * Matrix.identity(n)
}

/// (A^T)_ij = A_ji, element by element.
func naiveTranspose(_ a: Matrix) -> Matrix {
  var t = Matrix.zeros(rows: a.columns, columns: a.rows)
  for i in 0..<a.rows {
    for j in 0..<a.columns { t[j, i] = a[i, j] }
  }
  return t
}

/// (A B)_ij = sum_l A_il B_lj, the triple loop.
func naiveProduct(_ a: Matrix, _ b: Matrix) -> Matrix {
  precondition(a.columns == b.rows)
  var c = Matrix.zeros(rows: a.rows, columns: b.columns)
  for i in 0..<a.rows {
    for j in 0..<b.columns {
      var s = 0.0
      for l in 0..<a.columns { s += a[i, l] * b[l, j] }
      c[i, j] = s
    }
  }
  return c
}

/// max_ij |(Q^T Q - I)_ij|: how far the columns of Q are from orthonormal.
func orthonormalityError(_ q: Matrix) -> Double {
  naiveProduct(naiveTranspose(q), q).maxAbsDifference(Matrix.identity(q.columns))
}
