// Tests of column means, centring and the sample covariance against naive loops.

import LinearAlgebra
import Testing

/// S_jk = sum_i (X_ij - mu_j)(X_ik - mu_k) / (N - 1), the definition, in loops.
private func naiveCovariance(_ x: Matrix) -> Matrix {
  let n = Double(x.rows)
  let mean = (0..<x.columns).map { j in (0..<x.rows).reduce(0) { $0 + x[$1, j] } / n }
  var s = Matrix.zeros(rows: x.columns, columns: x.columns)
  for j in 0..<x.columns {
    for k in 0..<x.columns {
      var acc = 0.0
      for i in 0..<x.rows { acc += (x[i, j] - mean[j]) * (x[i, k] - mean[k]) }
      s[j, k] = acc / (n - 1)
    }
  }
  return s
}

/// Random data with different offsets and scales per column, so means and scales matter.
private func offsetData(_ n: Int, _ d: Int, seed: UInt64) -> Matrix {
  var x = gaussianMatrix(n, d, seed: seed)
  for i in 0..<n {
    for j in 0..<d { x[i, j] = 10 + Double(j) + Double(j + 1) * x[i, j] + 0.3 * x[i, 0] }
  }
  return x
}

@Test func columnMeansAndCentring() {
  let x = Matrix([[1, 10], [2, 20], [6, 60]])
  #expect(x.columnMeans() == [3, 30])
  let c = x.centered(by: [3, 30])
  #expect(c == Matrix([[-2, -20], [-1, -10], [3, 30]]))
  let y = offsetData(300, 6, seed: 4)
  #expect(y.centered(by: y.columnMeans()).columnMeans().allSatisfy { abs($0) < 1e-12 })
}

@Test func sampleCovarianceMatchesDefinition() {
  let x = offsetData(200, 7, seed: 5)
  let s = x.sampleCovariance()
  #expect(s.maxAbsDifference(naiveCovariance(x)) < 1e-11)
  #expect(s == s.transposed, "exactly symmetric")
  // Known value: the covariance of (1, 2, 3, 4) with itself is 5/3 (1/(N-1) normalisation).
  #expect(abs(Matrix([[1], [2], [3], [4]]).sampleCovariance()[0, 0] - 5.0 / 3.0) < 1e-15)
}

@Test func sampleCovarianceAcrossSeveralBlocks() {
  // With d = 2 the covariance works in blocks of 2^19 rows; 600001 rows need two blocks,
  // the second one partial.
  let x = offsetData(600_001, 2, seed: 6)
  #expect(x.sampleCovariance().maxAbsDifference(naiveCovariance(x)) < 1e-9)
}

@Test func scaledGramIsTheUncentredProduct() {
  // Columns with a mean far from zero: centring would change every entry.
  var x = gaussianMatrix(300, 7, seed: 21)
  for i in 0..<x.rows { x[i, 2] += 5 }
  let gram = x.scaledGram(0.5)
  let product = naiveProduct(naiveTranspose(x), x)
  #expect(gram.rows == 7 && gram.columns == 7)
  #expect(gram.maxAbsDifference(0.5 * product) < 1e-12 * (0.5 * product).frobeniusNorm)
  #expect(gram == gram.transposed, "mirrored exactly")
  #expect(Matrix.zeros(rows: 0, columns: 3).scaledGram(1) == .zeros(rows: 3, columns: 3))
}
