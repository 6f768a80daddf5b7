// Tests of the LAPACK decompositions: defining identities on random matrices, plus small
// hand-solved examples that would expose a row-major/column-major or upper/lower mix-up.

import Foundation
import LinearAlgebra
import Stochastic
import Testing

// MARK: Symmetric eigen

@Test func symmetricEigenOfRandomSPD() throws {
  let a = randomSPD(50, seed: 10)
  let (values, v) = try a.symmetricEigen()
  #expect(values.count == 50 && v.rows == 50 && v.columns == 50)
  // A V = V Lambda, column by column.
  let av = naiveProduct(a, v)
  let vLambda = naiveProduct(v, Matrix.diagonal(values))
  #expect(av.maxAbsDifference(vLambda) < 1e-12)
  #expect(orthonormalityError(v) < 1e-13)
  #expect(abs(values.reduce(0, +) - a.trace) < 1e-11)
  #expect(zip(values, values.dropFirst()).allSatisfy { $0 >= $1 }, "descending")
  #expect(values.allSatisfy { $0 > 0.09 }, "G G^T/n + 0.1 I has eigenvalues >= 0.1")
  // Sign convention: the largest-magnitude entry of each eigenvector is positive.
  for j in 0..<50 {
    let col = v.column(j)
    #expect(col.max(by: { abs($0) < abs($1) })! > 0)
  }
}

@Test func symmetricEigenKnownExample() throws {
  // [[2, 1], [1, 2]]: eigenvalues 3, 1 with eigenvectors (1, 1)/sqrt 2 and (1, -1)/sqrt 2.
  let (values, v) = try Matrix([[2, 1], [1, 2]]).symmetricEigen()
  let r = 1 / 2.0.squareRoot()
  #expect(abs(values[0] - 3) < 1e-14 && abs(values[1] - 1) < 1e-14)
  #expect(v.maxAbsDifference(Matrix([[r, r], [r, -r]])) < 1e-14)
  // A non-symmetric example for the layout: [[4, 1], [1, 0]] has eigenvalues 2 +- sqrt 5.
  let (w, _) = try Matrix([[4, 1], [1, 0]]).symmetricEigen()
  #expect(abs(w[0] - (2 + 5.0.squareRoot())) < 1e-14 && abs(w[1] - (2 - 5.0.squareRoot())) < 1e-14)
}

@Test func symmetricEigenRejectsBadInput() {
  #expect(throws: LinearAlgebraError.self) { try Matrix([[1, 2], [0, 1]]).symmetricEigen() }
  #expect(throws: LinearAlgebraError.nonFiniteInput(routine: "LAPACKE_dsyevd")) {
    try Matrix([[1, .nan], [.nan, 1]]).symmetricEigen()
  }
}

// MARK: SVD

@Test(arguments: [(30, 12), (12, 30), (9, 9)])
func svdReconstructsAndIsOrthonormal(rows: Int, columns: Int) throws {
  let a = gaussianMatrix(rows, columns, seed: UInt64(rows * 100 + columns))
  let (u, s, vt) = try a.svd()
  let k = min(rows, columns)
  #expect(u.rows == rows && u.columns == k && s.count == k && vt.rows == k && vt.columns == columns)
  #expect(naiveProduct(naiveProduct(u, Matrix.diagonal(s)), vt).maxAbsDifference(a) < 1e-12)
  #expect(orthonormalityError(u) < 1e-13)
  #expect(orthonormalityError(naiveTranspose(vt)) < 1e-13)
  #expect(zip(s, s.dropFirst()).allSatisfy { $0 >= $1 } && s.allSatisfy { $0 >= 0 })
  // sigma_i^2 are the top eigenvalues of A^T A (the rest are zero when rows < columns).
  let eigen = try naiveProduct(naiveTranspose(a), a).symmetricEigen().values
  for i in 0..<k { #expect(abs(s[i] * s[i] - eigen[i]) < 1e-11 * eigen[0]) }
  for i in k..<columns { #expect(abs(eigen[i]) < 1e-11 * eigen[0]) }
}

@Test func svdKnownExample() throws {
  // [[3, 0], [0, -2], [0, 0]]: singular values 3, 2.
  let (u, s, vt) = try Matrix([[3, 0], [0, -2], [0, 0]]).svd()
  #expect(abs(s[0] - 3) < 1e-15 && abs(s[1] - 2) < 1e-15)
  #expect(
    naiveProduct(naiveProduct(u, Matrix.diagonal(s)), vt).maxAbsDifference(Matrix([[3, 0], [0, -2], [0, 0]])) < 1e-15)
}

// MARK: QR and random orthonormal matrices

@Test(arguments: [(40, 10), (6, 6), (5, 1)])
func qrOrthonormalSpansTheColumns(rows: Int, columns: Int) {
  let a = gaussianMatrix(rows, columns, seed: 20)
  let q = a.qrOrthonormal()
  #expect(q.rows == rows && q.columns == columns)
  #expect(orthonormalityError(q) < 1e-14)
  // Q Q^T A = A: the columns of A lie in the span of Q.
  #expect(naiveProduct(q, naiveProduct(naiveTranspose(q), a)).maxAbsDifference(a) < 1e-13)
}

@Test func randomOrthonormalIsOrthonormalAndSeeded() {
  var r1 = SeededRandom(seed: 1)
  var r1again = SeededRandom(seed: 1)
  var r2 = SeededRandom(seed: 2)
  let q1 = Matrix.randomOrthonormal(rows: 20, columns: 5, using: &r1)
  let q1again = Matrix.randomOrthonormal(rows: 20, columns: 5, using: &r1again)
  let q2 = Matrix.randomOrthonormal(rows: 20, columns: 5, using: &r2)
  #expect(orthonormalityError(q1) < 1e-14 && orthonormalityError(q2) < 1e-14)
  #expect(q1 == q1again)
  #expect(q1.maxAbsDifference(q2) > 0.1)
}

@Test func randomOrthonormalIsSignSymmetric() {
  // Under the Haar measure Q and -Q are equally likely column by column, so E[Q_00] = 0 with
  // Var(Q_00) = 1/d. Without the sign fix, Householder QR makes Q_00 = -|g_00|/||g_0|| <= 0
  // always, and this test fails.
  var rng = SeededRandom(seed: 30)
  let (d, trials) = (5, 4000)
  var sum = 0.0
  var positive = 0
  for _ in 0..<trials {
    let q = Matrix.randomOrthonormal(rows: d, columns: 2, using: &rng)
    sum += q[0, 0]
    if q[0, 1] > 0 { positive += 1 }
  }
  let se = (1.0 / Double(d) / Double(trials)).squareRoot()
  #expect(abs(sum / Double(trials)) < 4 * se, "mean of Q_00 \(sum / Double(trials)), 4 SE = \(4 * se)")
  #expect(abs(Double(positive) / Double(trials) - 0.5) < 4 * (0.25 / Double(trials)).squareRoot())
}

// MARK: Cholesky, log-determinant, inverse

@Test func choleskyKnownExample() throws {
  // [[4, 2], [2, 3]] = L L^T with L = [[2, 0], [1, sqrt 2]].
  let l = try Matrix([[4, 2], [2, 3]]).choleskyLower()
  #expect(l.maxAbsDifference(Matrix([[2, 0], [1, 2.0.squareRoot()]])) < 1e-15)
  #expect(abs(try Matrix([[4, 2], [2, 3]]).logDeterminantSPD() - log(8.0)) < 1e-15)
  #expect(try Matrix([[4, 2], [2, 3]]).inverseSPD().maxAbsDifference(Matrix([[3, -2], [-2, 4]]) / 8) < 1e-15)
}

@Test func choleskyOfRandomSPD() throws {
  let a = randomSPD(50, seed: 40)
  let l = try a.choleskyLower()
  #expect(naiveProduct(l, naiveTranspose(l)).maxAbsDifference(a) < 1e-13)
  for i in 0..<50 {
    #expect(l[i, i] > 0)
    for j in (i + 1)..<50 { #expect(l[i, j] == 0) }
  }
  let logDet = try a.logDeterminantSPD()
  let sumLogEigen = try a.symmetricEigen().values.reduce(0) { $0 + log($1) }
  #expect(abs(logDet - sumLogEigen) < 1e-11)
  let inverse = try a.inverseSPD()
  #expect(naiveProduct(inverse, a).maxAbsDifference(Matrix.identity(50)) < 1e-11)
  #expect(inverse == inverse.transposed)
}

@Test func choleskyOfNonSPDThrows() {
  // [[1, 2], [2, 1]] has eigenvalues 3 and -1: the leading minor of order 2 (det = -3) fails.
  #expect(throws: LinearAlgebraError.notPositiveDefinite(routine: "LAPACKE_dpotrf", info: 2)) {
    try Matrix([[1, 2], [2, 1]]).choleskyLower()
  }
  #expect(throws: LinearAlgebraError.self) { try Matrix([[1, 0], [0, -1]]).logDeterminantSPD() }
  #expect(throws: LinearAlgebraError.self) { try Matrix([[0, 0], [0, 0]]).inverseSPD() }
  let message = LinearAlgebraError.notPositiveDefinite(routine: "LAPACKE_dpotrf", info: 2).description
  #expect(message.contains("LAPACKE_dpotrf") && message.contains("info = 2") && !message.contains("\n"))
}

// MARK: Principal angles

@Test func principalAnglesOfTheSameSubspaceAreZero() throws {
  // B = A R with R invertible spans the same space as A, in a different basis.
  let a = gaussianMatrix(20, 4, seed: 50)
  let r = gaussianMatrix(4, 4, seed: 51) + 3 * Matrix.identity(4)
  let angles = try principalAngles(between: a, and: naiveProduct(a, r))
  #expect(angles.count == 4)
  #expect(angles.allSatisfy { $0 < 1e-7 }, "\(angles)")
  // And a generic pair of random subspaces is not at angle zero.
  let other = try principalAngles(between: a, and: gaussianMatrix(20, 4, seed: 52))
  #expect(other.allSatisfy { $0 > 0.05 }, "\(other)")
}

@Test func principalAnglesOfOrthogonalSubspacesAreRightAngles() throws {
  let e = Matrix.identity(5)
  let angles = try principalAngles(between: e.columns(0..<2), and: e.columns([2, 3, 4]))
  #expect(angles.count == 2)
  #expect(angles.allSatisfy { abs($0 - Double.pi / 2) < 1e-15 })
}

@Test(arguments: [0.3, 1.0, 1.4])
func principalAnglesOfAPlanarRotation(theta: Double) throws {
  // span(e1, e2) against span(e1, cos t e2 + sin t e3): angles 0 and t, ascending.
  let a = Matrix([[1, 0], [0, 1], [0, 0]])
  let b = Matrix([[1, 0], [0, cos(theta)], [0, sin(theta)]])
  let angles = try principalAngles(between: a, and: b)
  #expect(angles.count == 2)
  #expect(abs(angles[0]) < 1e-7 && abs(angles[1] - theta) < 1e-12, "\(angles)")
  // One-dimensional case in the plane: span(e1) against span(cos t e1 + sin t e2).
  let single = try principalAngles(between: Matrix([[1], [0]]), and: Matrix([[cos(theta)], [sin(theta)]]))
  #expect(abs(single[0] - theta) < 1e-12)
}
