// squaredResidual against the whole-matrix expression it replaces (bit for bit, in every block
// split, a last block shorter than the others included) and against the naive loops.

import LinearAlgebra
import Testing

@Test(arguments: [1, 64, 333, 1000, 5000])
func squaredResidualIsTheWholeMatrixExpression(blockRows: Int) {
  let (n, d, k) = (1000, 37, 3)
  let x = gaussianMatrix(n, d, seed: 11)
  let e = gaussianMatrix(d, k, seed: 12)
  let dm = gaussianMatrix(k, d, seed: 13)
  let whole = (x - matmul(matmul(x, e), dm)).squaredFrobeniusNorm
  #expect(squaredResidual(x, encoder: e, decoder: dm, blockRows: blockRows) == whole)
  let naive = (x - naiveProduct(naiveProduct(x, e), dm)).squaredFrobeniusNorm
  #expect(abs(squaredResidual(x, encoder: e, decoder: dm, blockRows: blockRows) - naive) < 1e-10 * naive)
}

@Test func squaredResidualWithoutACodeIsTheSquaredNorm() {
  let x = gaussianMatrix(5, 4, seed: 14)
  #expect(
    squaredResidual(x, encoder: .zeros(rows: 4, columns: 0), decoder: .zeros(rows: 0, columns: 4))
      == x.squaredFrobeniusNorm)
  // W W^T = I for an orthonormal square W: nothing is left.
  let q = Matrix.identity(4)
  #expect(squaredResidual(x, encoder: q, decoder: q) == 0)
}
