// Decompositions through LAPACKE: symmetric eigen, thin SVD, thin QR, Cholesky, and the
// principal angles between two column spaces.
//
// Layout: every call uses LAPACK_ROW_MAJOR with the leading dimension equal to the stored
// column count, so our row-major storage goes in as it is. (LAPACKE transposes internally to
// Fortran order and back; the copy is O(n^2), negligible next to the O(n^3) work.)
//
// Conventions chosen for the lecture, and why:
// - Eigenvalues and singular values are returned in DESCENDING order, the PCA order: the
//   first k columns are the top-k principal directions, `vectors.columns(0..<k)`.
// - Signs of eigenvectors and singular vectors are arbitrary in exact arithmetic, and LAPACK
//   builds may pick different ones. We fix them: in each eigenvector (each left singular
//   vector) the entry of largest magnitude (the first one, on ties) is made positive. Printed
//   components and plotted principal directions are then the same on every machine.
// - Symmetric routines read one triangle only. We check symmetry first (relative tolerance
//   1e-10 of the largest entry) so a non-symmetric input fails loudly instead of being half
//   read. Products such as A A^T from dgemm may differ from exact symmetry in the last bits;
//   the tolerance allows that.

import CLAPACKE
import Foundation
import Stochastic

@inline(__always) private func lapackChar(_ c: Unicode.Scalar) -> CChar { CChar(UInt8(ascii: c)) }

/// Relative tolerance on max |A_ij - A_ji| before a symmetric routine is called.
private let symmetryTolerance = 1e-10

extension Matrix {
  /// Throws unless every entry is finite.
  fileprivate func requireFinite(_ routine: String) throws {
    guard storage.allSatisfy({ $0.isFinite }) else { throw LinearAlgebraError.nonFiniteInput(routine: routine) }
  }

  /// Throws unless the (square) matrix is symmetric to `symmetryTolerance` relative to its largest entry.
  fileprivate func requireSymmetric(_ routine: String) throws {
    precondition(isSquare, "\(routine) needs a square matrix, shape is \(shape)")
    try requireFinite(routine)
    let scale = storage.reduce(0) { Swift.max($0, abs($1)) }
    var worst = 0.0
    for i in 0..<rows {
      for j in (i + 1)..<Swift.max(i + 1, columns) {
        worst = Swift.max(worst, abs(storage[i * columns + j] - storage[j * columns + i]))
      }
    }
    if worst > symmetryTolerance * scale {
      throw LinearAlgebraError.notSymmetric(routine: routine, maxAsymmetry: worst)
    }
  }

  /// Flips the sign of column j (and of row j of `partner`, if given) so that the entry of
  /// largest magnitude in column j is positive. Used to make eigen/singular vectors reproducible.
  fileprivate mutating func fixColumnSigns(partnerRows partner: inout Matrix?) {
    for j in 0..<columns {
      var best = 0.0
      for i in 0..<rows where abs(storage[i * columns + j]) > abs(best) { best = storage[i * columns + j] }
      guard best < 0 else { continue }
      for i in 0..<rows { storage[i * columns + j] = -storage[i * columns + j] }
      if partner != nil {
        let n = partner!.columns
        for c in 0..<n { partner!.storage[j * n + c] = -partner!.storage[j * n + c] }
      }
    }
  }

  // MARK: Symmetric eigendecomposition

  /// Eigenvalues and eigenvectors of a symmetric matrix A = V diag(values) V^T, by `LAPACKE_dsyevd`.
  ///
  /// Returns the eigenvalues in descending order and the orthonormal eigenvectors as the
  /// columns of `vectors`, in the same order (column j belongs to values[j]).
  ///
  /// Why dsyevd: the divide-and-conquer driver is the fastest LAPACK route to all
  /// eigenvectors of a dense symmetric matrix (about 40 ms for 784x784 on two cores), and its
  /// accuracy matches the QR-iteration driver dsyev: eigenvalues carry an absolute error of
  /// about 1e-16 * ||A||, so eigenvalues much smaller than the largest one (the tail of a PCA
  /// spectrum) have large *relative* error and may come out slightly negative for a
  /// positive-semidefinite A.
  ///
  /// Throws if A is not finite, not symmetric (see the file header), or dsyevd does not converge.
  public func symmetricEigen() throws -> (values: [Double], vectors: Matrix) {
    let routine = "LAPACKE_dsyevd"
    try requireSymmetric(routine)
    let n = rows
    guard n > 0 else { return ([], Matrix.zeros(rows: 0, columns: 0)) }
    var a = storage
    var w = [Double](repeating: 0, count: n)
    let info = withDoubleBLAS {
      LAPACKE_dsyevd(LAPACK_ROW_MAJOR, lapackChar("V"), lapackChar("U"), blasInt(n), &a, blasInt(n), &w)
    }
    if let error = LinearAlgebraError.check(info, routine: routine, positive: LinearAlgebraError.noConvergence) {
      throw error
    }
    // dsyevd returns ascending order; reverse values and columns for PCA order.
    let order = Array((0..<n).reversed())
    var vectors = Matrix(rows: n, columns: n, storage: a).columns(order)
    var none: Matrix? = nil
    vectors.fixColumnSigns(partnerRows: &none)
    return (order.map { w[$0] }, vectors)
  }

  // MARK: Singular value decomposition

  /// The thin SVD A = U diag(singularValues) V^T of an m x n matrix, by `LAPACKE_dgesdd` (job 'S').
  ///
  /// With k = min(m, n): U is m x k with orthonormal columns, singularValues has k entries in
  /// descending order (>= 0), and vt = V^T is k x n with orthonormal rows. Signs are fixed as
  /// described in the file header (U's columns, with V's matching rows).
  ///
  /// Why dgesdd: divide and conquer is the fast driver for full singular vectors; singular
  /// values have absolute error about 1e-16 * sigma_max, so tiny ones are relatively inaccurate.
  public func svd() throws -> (u: Matrix, singularValues: [Double], vt: Matrix) {
    let routine = "LAPACKE_dgesdd"
    try requireFinite(routine)
    let (m, n) = (rows, columns)
    let k = Swift.min(m, n)
    guard k > 0 else { return (Matrix.zeros(rows: m, columns: 0), [], Matrix.zeros(rows: 0, columns: n)) }
    var a = storage
    var s = [Double](repeating: 0, count: k)
    var u = [Double](repeating: 0, count: m * k)
    var vt = [Double](repeating: 0, count: k * n)
    let info = withDoubleBLAS {
      LAPACKE_dgesdd(
        LAPACK_ROW_MAJOR, lapackChar("S"), blasInt(m), blasInt(n), &a, blasInt(n),
        &s, &u, blasInt(k), &vt, blasInt(n))
    }
    if let error = LinearAlgebraError.check(info, routine: routine, positive: LinearAlgebraError.noConvergence) {
      throw error
    }
    var uMatrix = Matrix(rows: m, columns: k, storage: u)
    var vtMatrix: Matrix? = Matrix(rows: k, columns: n, storage: vt)
    uMatrix.fixColumnSigns(partnerRows: &vtMatrix)
    return (uMatrix, s, vtMatrix!)
  }

  // MARK: QR

  /// Householder QR (`dgeqrf` + `dorgqr`): the thin Q and the diagonal of R.
  private func householderQR() -> (q: Matrix, rDiagonal: [Double]) {
    let (m, n) = (rows, columns)
    precondition(m >= n, "thin QR needs rows >= columns, shape is \(shape)")
    precondition(storage.allSatisfy { $0.isFinite }, "QR of a matrix with NaN or infinite entries")
    guard n > 0 else { return (Matrix.zeros(rows: m, columns: 0), []) }
    var a = storage
    var tau = [Double](repeating: 0, count: n)
    let info1 = withDoubleBLAS { LAPACKE_dgeqrf(LAPACK_ROW_MAJOR, blasInt(m), blasInt(n), &a, blasInt(n), &tau) }
    if let error = LinearAlgebraError.check(
      info1, routine: "LAPACKE_dgeqrf", positive: LinearAlgebraError.illegalArgument)
    {
      preconditionFailure(error.description)
    }
    let rDiagonal = (0..<n).map { a[$0 * n + $0] }
    let info2 = withDoubleBLAS {
      LAPACKE_dorgqr(LAPACK_ROW_MAJOR, blasInt(m), blasInt(n), blasInt(n), &a, blasInt(n), &tau)
    }
    if let error = LinearAlgebraError.check(
      info2, routine: "LAPACKE_dorgqr", positive: LinearAlgebraError.illegalArgument)
    {
      preconditionFailure(error.description)
    }
    return (Matrix(rows: m, columns: n, storage: a), rDiagonal)
  }

  /// Q of the thin QR factorisation A = Q R (m x n, m >= n): n orthonormal columns, Q^T Q = I.
  ///
  /// Householder QR (`LAPACKE_dgeqrf`, then `LAPACKE_dorgqr` to form Q) keeps Q orthonormal to
  /// about 1e-15 however ill-conditioned A is, unlike Gram-Schmidt. If A has full column rank,
  /// the first j columns of Q span the first j columns of A; if not, Q is still orthonormal
  /// but contains directions outside the column space of A.
  public func qrOrthonormal() -> Matrix {
    householderQR().q
  }

  /// A random `rows` x `columns` matrix with orthonormal columns, Haar-distributed (uniform on
  /// the Stiefel manifold): the baseline "random orthonormal W" that top-k eigenvectors beat.
  ///
  /// Draws G with i.i.d. N(0, 1) entries (row-major order from `rng`), takes G = Q R, and
  /// multiplies column j of Q by sign(R_jj). Without that sign fix, Q depends on LAPACK's sign
  /// convention and is not Haar-distributed (Mezzadri 2007, "How to generate random matrices
  /// from the classical compact groups"); with it, Q = G (G^T G)^(-1/2), which is.
  public static func randomOrthonormal(rows: Int, columns: Int, using rng: inout SeededRandom) -> Matrix {
    precondition(
      rows >= columns && columns >= 0, "randomOrthonormal needs rows >= columns >= 0, got \(rows)x\(columns)")
    let g = Matrix(rows: rows, columns: columns, storage: rng.normals(rows * columns))
    var (q, r) = g.householderQR()
    for j in 0..<columns where r[j] < 0 {
      for i in 0..<rows { q.storage[i * columns + j] = -q.storage[i * columns + j] }
    }
    return q
  }

  // MARK: Cholesky and symmetric positive-definite helpers

  /// The lower-triangular L with A = L L^T and positive diagonal, by `LAPACKE_dpotrf`.
  ///
  /// Throws `notPositiveDefinite` when A is not (numerically) symmetric positive definite, the
  /// cheapest reliable SPD test there is. Entries above the diagonal are zero.
  public func choleskyLower() throws -> Matrix {
    let routine = "LAPACKE_dpotrf"
    try requireSymmetric(routine)
    let n = rows
    guard n > 0 else { return self }
    var a = storage
    let info = withDoubleBLAS { LAPACKE_dpotrf(LAPACK_ROW_MAJOR, lapackChar("L"), blasInt(n), &a, blasInt(n)) }
    if let error = LinearAlgebraError.check(info, routine: routine, positive: LinearAlgebraError.notPositiveDefinite) {
      throw error
    }
    for i in 0..<n {
      for j in (i + 1)..<Swift.max(i + 1, n) { a[i * n + j] = 0 }
    }
    return Matrix(rows: n, columns: n, storage: a)
  }

  /// log det A of a symmetric positive-definite A, as 2 sum_i log L_ii with A = L L^T.
  ///
  /// Why not log(det A): for a 784x784 covariance the determinant under- or overflows Double
  /// long before its logarithm is large; the sum of logs does not. Throws like `choleskyLower`.
  public func logDeterminantSPD() throws -> Double {
    let l = try choleskyLower()
    return 2 * l.diagonalEntries.reduce(0) { $0 + Foundation.log($1) }
  }

  /// A^(-1) of a symmetric positive-definite A, by `LAPACKE_dpotrf` then `LAPACKE_dpotri`.
  ///
  /// Uses the Cholesky factor (half the work of a general inverse, and it fails loudly on a
  /// non-SPD input). The result is made exactly symmetric. Its relative error grows like
  /// cond(A) * 1e-16: prefer solving or log-determinants when the condition number is large.
  public func inverseSPD() throws -> Matrix {
    let l = try choleskyLower()
    let n = rows
    guard n > 0 else { return self }
    var a = l.storage
    let info = withDoubleBLAS { LAPACKE_dpotri(LAPACK_ROW_MAJOR, lapackChar("L"), blasInt(n), &a, blasInt(n)) }
    if let error = LinearAlgebraError.check(info, routine: "LAPACKE_dpotri", positive: LinearAlgebraError.singular) {
      throw error
    }
    // dpotri fills the lower triangle; mirror it to the upper one.
    for i in 0..<n {
      for j in 0..<i { a[j * n + i] = a[i * n + j] }
    }
    return Matrix(rows: n, columns: n, storage: a)
  }
}

// MARK: Principal angles

/// The principal angles (radians, ascending, in [0, pi/2]) between the column spaces of `a`
/// [d, ka] and `b` [d, kb]; there are min(ka, kb) of them.
///
/// Algorithm (Bjorck & Golub 1973): orthonormalise both column spaces by QR, Qa and Qb; the
/// cosines of the angles are the singular values of Qa^T Qb; angle = acos(clamp(sigma, -1, 1)).
/// All angles are zero exactly when the two spaces coincide (for example B = A R with R
/// invertible), and pi/2 when they are orthogonal. Used to check that a linear auto-encoder
/// learned the PCA subspace even though its weights are not the eigenvectors themselves.
///
/// Rounding caveat: near sigma = 1, acos is ill-conditioned (cos t ~ 1 - t^2/2), so angles
/// below about 1e-8 come out as 0 or as ~1e-8 noise; compare small angles with a tolerance
/// of about 1e-7, not 1e-15. Both inputs must have full column rank (see `qrOrthonormal`).
public func principalAngles(between a: Matrix, and b: Matrix) throws -> [Double] {
  precondition(a.rows == b.rows, "principalAngles: the spaces live in R^\(a.rows) and R^\(b.rows)")
  precondition(a.rows >= a.columns && b.rows >= b.columns, "principalAngles needs at most d columns per basis")
  guard a.storage.allSatisfy({ $0.isFinite }) && b.storage.allSatisfy({ $0.isFinite }) else {
    throw LinearAlgebraError.nonFiniteInput(routine: "LAPACKE_dgeqrf")
  }
  let qa = a.qrOrthonormal()
  let qb = b.qrOrthonormal()
  let cosines = try matmul(qa, qb, transposeA: true).svd().singularValues  // descending
  return cosines.map { Foundation.acos(Swift.min(1, Swift.max(-1, $0))) }  // ascending
}
