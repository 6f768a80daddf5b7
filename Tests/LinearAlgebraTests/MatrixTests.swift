// Tests of Matrix storage, element access and element-wise algebra, on hand-checked examples.

import LinearAlgebra
import Testing

@Test func initialisersAgreeOnLayout() {
  let m = Matrix([[1, 2, 3], [4, 5, 6]])
  #expect(m.rows == 2 && m.columns == 3)
  #expect(m.storage == [1, 2, 3, 4, 5, 6], "row-major")
  #expect(m == Matrix(rows: 2, columns: 3, storage: [1, 2, 3, 4, 5, 6]))
  #expect(m[1, 0] == 4 && m[0, 2] == 3)
  #expect(Matrix(repeating: 7, rows: 2, columns: 2).storage == [7, 7, 7, 7])
  #expect(Matrix.identity(3) == Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]]))
  #expect(Matrix.diagonal([2, 3]) == Matrix([[2, 0], [0, 3]]))
  var z = Matrix.zeros(rows: 2, columns: 2)
  z[0, 1] = 5
  #expect(z.storage == [0, 5, 0, 0])
}

@Test func rowsColumnsAndTranspose() {
  let m = Matrix([[1, 2, 3], [4, 5, 6]])
  #expect(m.row(1) == [4, 5, 6])
  #expect(m.column(2) == [3, 6])
  #expect(m.transposed == Matrix([[1, 4], [2, 5], [3, 6]]))
  #expect(m.transposed.transposed == m)
  #expect(m.columns(1..<3) == Matrix([[2, 3], [5, 6]]))
  #expect(m.columns([2, 0]) == Matrix([[3, 1], [6, 4]]))
  #expect(m.diagonalEntries == [1, 5])
  let g = gaussianMatrix(13, 7, seed: 1)
  #expect(g.transposed == naiveTranspose(g))
}

@Test func elementwiseAlgebraAndNorms() {
  let a = Matrix([[1, 2], [3, 4]])
  let b = Matrix([[0.5, -1], [2, 0]])
  #expect(a + b == Matrix([[1.5, 1], [5, 4]]))
  #expect(a - b == Matrix([[0.5, 3], [1, 4]]))
  #expect(2 * a == Matrix([[2, 4], [6, 8]]))
  #expect(a * 2 == 2 * a)
  #expect(a / 2 == Matrix([[0.5, 1], [1.5, 2]]))
  #expect(-a == Matrix([[-1, -2], [-3, -4]]))
  #expect(a.trace == 5)
  #expect(a.squaredFrobeniusNorm == 30)
  #expect(abs(a.frobeniusNorm - 30.0.squareRoot()) < 1e-15)
  #expect(a.maxAbsDifference(b) == 4)
  #expect(a.maxAbsDifference(a) == 0)
}

@Test func maxAbsDifferenceReportsNaN() {
  // A NaN must never pass a tolerance check.
  let a = Matrix([[1, .nan]])
  #expect(a.maxAbsDifference(Matrix([[1, 2]])).isNaN)
  #expect(Matrix([[5, 2]]).maxAbsDifference(a).isNaN)
}
