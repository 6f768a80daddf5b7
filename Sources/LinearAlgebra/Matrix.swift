// Matrix: a dense Double matrix in row-major order, for derivation checks.
//
// What it is: the checking type of the lecture. PCA, Eckart-Young, Gaussian densities, KL
// divergences and the ELBO of linear-Gaussian models are verified here in Double, where
// rounding (about 1e-16 relative) cannot hide a wrong factor of 2 or a missing transpose.
// What it is not: the training type. Networks train on the Float32 `Tensor` of TensorCore.
//
// Files: Matrix.swift (storage, element access, element-wise algebra, norms),
// Matrix+BLAS.swift (products), Matrix+Statistics.swift (means, covariance),
// Matrix+Decompositions.swift (eigen, SVD, QR, Cholesky, principal angles; LAPACKE).
//
// Layout: element (i, j) lives at storage[i * columns + j]. A data matrix [N, d] holds N
// samples as rows, the same convention as `Tensor`.

/// A dense, row-major matrix of Doubles with value semantics (copy on write).
public struct Matrix: Sendable, Equatable {
  /// Number of rows (for a data matrix: the number of samples N).
  public let rows: Int
  /// Number of columns (for a data matrix: the dimension d).
  public let columns: Int
  /// The elements in row-major order; `storage.count == rows * columns`.
  public var storage: [Double]

  /// Wraps `storage` (row-major) as a `rows` x `columns` matrix; the counts must agree.
  public init(rows: Int, columns: Int, storage: [Double]) {
    precondition(rows >= 0 && columns >= 0, "negative extent \(rows)x\(columns)")
    precondition(
      storage.count == rows * columns,
      "\(rows)x\(columns) needs \(rows * columns) elements, got \(storage.count)")
    self.rows = rows
    self.columns = columns
    self.storage = storage
  }

  /// A `rows` x `columns` matrix with every element equal to `value`.
  public init(repeating value: Double, rows: Int, columns: Int) {
    self.init(rows: rows, columns: columns, storage: Array(repeating: value, count: rows * columns))
  }

  /// A matrix from nested rows, e.g. `Matrix([[1, 2], [3, 4]])`; rows must have equal length.
  public init(_ nestedRows: [[Double]]) {
    let columns = nestedRows.first?.count ?? 0
    precondition(nestedRows.allSatisfy { $0.count == columns }, "ragged rows in Matrix([[Double]])")
    self.init(rows: nestedRows.count, columns: columns, storage: nestedRows.flatMap { $0 })
  }

  /// The `rows` x `columns` zero matrix.
  public static func zeros(rows: Int, columns: Int) -> Matrix {
    Matrix(repeating: 0, rows: rows, columns: columns)
  }

  /// The n x n identity I.
  public static func identity(_ n: Int) -> Matrix {
    diagonal(Array(repeating: 1, count: n))
  }

  /// The square matrix with `entries` on the diagonal and zeros elsewhere.
  public static func diagonal(_ entries: [Double]) -> Matrix {
    let n = entries.count
    var m = Matrix.zeros(rows: n, columns: n)
    for i in 0..<n { m.storage[i * n + i] = entries[i] }
    return m
  }

  /// True when rows == columns.
  public var isSquare: Bool { rows == columns }

  // MARK: Element access

  /// Element (i, j), zero-based.
  public subscript(i: Int, j: Int) -> Double {
    get {
      precondition(i >= 0 && i < rows && j >= 0 && j < columns, "index (\(i), \(j)) outside \(rows)x\(columns)")
      return storage[i * columns + j]
    }
    set {
      precondition(i >= 0 && i < rows && j >= 0 && j < columns, "index (\(i), \(j)) outside \(rows)x\(columns)")
      storage[i * columns + j] = newValue
    }
  }

  /// Row i as an array of `columns` numbers.
  public func row(_ i: Int) -> [Double] {
    precondition(i >= 0 && i < rows, "row \(i) outside 0..<\(rows)")
    return Array(storage[(i * columns)..<((i + 1) * columns)])
  }

  /// Column j as an array of `rows` numbers.
  public func column(_ j: Int) -> [Double] {
    precondition(j >= 0 && j < columns, "column \(j) outside 0..<\(columns)")
    return (0..<rows).map { storage[$0 * columns + j] }
  }

  /// The diagonal entries (i, i) for i < min(rows, columns).
  public var diagonalEntries: [Double] {
    (0..<Swift.min(rows, columns)).map { storage[$0 * columns + $0] }
  }

  /// The transpose A^T, a `columns` x `rows` matrix (copied in 32x32 tiles, so that both the
  /// reads and the writes stay in cache; a plain double loop is several times slower on [60000, 784]).
  public var transposed: Matrix {
    var out = [Double](repeating: 0, count: storage.count)
    let (m, n) = (rows, columns)
    let tile = 32
    storage.withUnsafeBufferPointer { a in
      out.withUnsafeMutableBufferPointer { t in
        for i0 in stride(from: 0, to: m, by: tile) {
          for j0 in stride(from: 0, to: n, by: tile) {
            for i in i0..<Swift.min(i0 + tile, m) {
              for j in j0..<Swift.min(j0 + tile, n) { t[j * m + i] = a[i * n + j] }
            }
          }
        }
      }
    }
    return Matrix(rows: n, columns: m, storage: out)
  }

  /// The columns in `range`, in order, e.g. the top-k eigenvectors `vectors.columns(0..<k)`.
  public func columns(_ range: Range<Int>) -> Matrix {
    columns(Array(range))
  }

  /// The columns at `indices`, in the order given (repeats allowed).
  public func columns(_ indices: [Int]) -> Matrix {
    precondition(indices.allSatisfy { $0 >= 0 && $0 < columns }, "column index outside 0..<\(columns)")
    let k = indices.count
    var out = [Double](repeating: 0, count: rows * k)
    for i in 0..<rows {
      for (c, j) in indices.enumerated() { out[i * k + c] = storage[i * columns + j] }
    }
    return Matrix(rows: rows, columns: k, storage: out)
  }

  // MARK: Element-wise algebra

  /// A + B (same shape).
  public static func + (a: Matrix, b: Matrix) -> Matrix {
    precondition(a.rows == b.rows && a.columns == b.columns, "shape mismatch \(a.shape) + \(b.shape)")
    return Matrix(rows: a.rows, columns: a.columns, storage: zip(a.storage, b.storage).map { $0 + $1 })
  }

  /// A - B (same shape).
  public static func - (a: Matrix, b: Matrix) -> Matrix {
    precondition(a.rows == b.rows && a.columns == b.columns, "shape mismatch \(a.shape) - \(b.shape)")
    return Matrix(rows: a.rows, columns: a.columns, storage: zip(a.storage, b.storage).map { $0 - $1 })
  }

  /// -A.
  public static prefix func - (a: Matrix) -> Matrix {
    Matrix(rows: a.rows, columns: a.columns, storage: a.storage.map { -$0 })
  }

  /// s A.
  public static func * (s: Double, a: Matrix) -> Matrix {
    Matrix(rows: a.rows, columns: a.columns, storage: a.storage.map { s * $0 })
  }

  /// A s.
  public static func * (a: Matrix, s: Double) -> Matrix { s * a }

  /// A / s.
  public static func / (a: Matrix, s: Double) -> Matrix {
    Matrix(rows: a.rows, columns: a.columns, storage: a.storage.map { $0 / s })
  }

  // MARK: Norms and summaries

  /// (rows, columns), for messages.
  public var shape: (rows: Int, columns: Int) { (rows, columns) }

  /// ||A||_F^2 = sum_ij A_ij^2 = trace(A^T A). The Eckart-Young error is a squared Frobenius norm.
  public var squaredFrobeniusNorm: Double {
    storage.reduce(0) { $0 + $1 * $1 }
  }

  /// ||A||_F = sqrt(sum_ij A_ij^2). Computed as the root of the plain sum of squares: it can
  /// overflow only for entries above about 1e154, far outside anything the lecture checks.
  public var frobeniusNorm: Double { squaredFrobeniusNorm.squareRoot() }

  /// trace(A) = sum_i A_ii (square matrices only).
  public var trace: Double {
    precondition(isSquare, "trace needs a square matrix, shape is \(shape)")
    return diagonalEntries.reduce(0, +)
  }

  /// max_ij |A_ij - B_ij|: the error reported by the lecture's checks (same shape required).
  /// NaN if any difference is NaN, so a broken computation can never pass a tolerance check.
  public func maxAbsDifference(_ other: Matrix) -> Double {
    precondition(rows == other.rows && columns == other.columns, "shape mismatch \(shape) vs \(other.shape)")
    var worst = 0.0
    for (x, y) in zip(storage, other.storage) {
      let d = abs(x - y)
      if d.isNaN { return .nan }
      if d > worst { worst = d }
    }
    return worst
  }
}

extension Matrix: CustomStringConvertible {
  /// A short description: the shape, and the entries when the matrix is small (at most 8x8).
  public var description: String {
    guard rows <= 8 && columns <= 8 else { return "Matrix \(rows)x\(columns)" }
    let body = (0..<rows).map { i in row(i).map { String($0) }.joined(separator: ", ") }
    return "Matrix \(rows)x\(columns) [" + body.map { "[\($0)]" }.joined(separator: ", ") + "]"
  }
}
