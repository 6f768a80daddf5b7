// Tests of the BLAS products against the naive triple loop, in every transpose case, on
// non-square shapes so that a swapped dimension or leading dimension cannot go unnoticed.

import LinearAlgebra
import Testing

@Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
func matmulMatchesNaiveLoop(transposeA: Bool, transposeB: Bool) {
  let (m, k, n) = (7, 5, 3)
  // Stored shapes chosen so that op(A) is [m, k] and op(B) is [k, n].
  let a = transposeA ? gaussianMatrix(k, m, seed: 1) : gaussianMatrix(m, k, seed: 1)
  let b = transposeB ? gaussianMatrix(n, k, seed: 2) : gaussianMatrix(k, n, seed: 2)
  let expected = naiveProduct(transposeA ? naiveTranspose(a) : a, transposeB ? naiveTranspose(b) : b)
  let c = matmul(a, b, transposeA: transposeA, transposeB: transposeB)
  #expect(c.rows == m && c.columns == n)
  #expect(c.maxAbsDifference(expected) < 1e-13)
}

@Test func productOperatorAndKnownValues() {
  let a = Matrix([[1, 2], [3, 4], [5, 6]])
  let b = Matrix([[1, 0, -1], [2, 1, 0]])
  #expect(a * b == Matrix([[5, 2, -1], [11, 4, -3], [17, 6, -5]]))
  #expect(matmul(a, a, transposeA: true) == Matrix([[35, 44], [44, 56]]))
  #expect(Matrix.identity(3) * a == a)
  // Empty inner dimension: the zero matrix.
  #expect(
    matmul(Matrix.zeros(rows: 2, columns: 0), Matrix.zeros(rows: 0, columns: 3)) == Matrix.zeros(rows: 2, columns: 3))
}

@Test func matrixVectorProducts() {
  let a = gaussianMatrix(6, 4, seed: 3)
  let x = [1.0, -2, 0.5, 3]
  let y = [2.0, 0, -1, 1, 0.25, -3]
  let ax = naiveProduct(a, Matrix(rows: 4, columns: 1, storage: x)).storage
  let aty = naiveProduct(naiveTranspose(a), Matrix(rows: 6, columns: 1, storage: y)).storage
  #expect(zip(a * x, ax).allSatisfy { abs($0 - $1) < 1e-13 })
  #expect(zip(matvec(a, y, transpose: true), aty).allSatisfy { abs($0 - $1) < 1e-13 })
}
