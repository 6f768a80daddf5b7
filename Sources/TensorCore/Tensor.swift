// Tensor: a dense Float32 array with a shape, stored contiguously in row-major order.
//
// This is the training type: every layer, loss and optimiser works on it, and matrix products
// go to OpenBLAS (see Tensor+LinearAlgebra.swift). Derivation checks use the Double `Matrix`
// of the LinearAlgebra module instead, where rounding must not hide a wrong factor.
//
// Value semantics: `storage` is a Swift array, so copies are cheap until written (copy on
// write). A rank-2 tensor of shape [B, N] holds B rows of N features: rows are samples.

/// A dense, row-major Float32 tensor.
public struct Tensor: Sendable, Equatable {
  /// The extent of each axis, outermost first, e.g. [batch, features].
  public private(set) var shape: [Int]
  /// The elements in row-major order; `storage.count == shape.reduce(1, *)`.
  public var storage: [Float]

  /// Wraps `storage` with `shape`; the element counts must agree.
  public init(shape: [Int], storage: [Float]) {
    precondition(shape.allSatisfy { $0 >= 0 }, "negative extent in shape \(shape)")
    precondition(
      shape.reduce(1, *) == storage.count,
      "shape \(shape) needs \(shape.reduce(1, *)) elements, got \(storage.count)")
    self.shape = shape
    self.storage = storage
  }

  /// A tensor of `shape` filled with `value`.
  public init(repeating value: Float, shape: [Int]) {
    self.init(shape: shape, storage: Array(repeating: value, count: shape.reduce(1, *)))
  }

  /// A tensor of `shape` whose elements `body` writes (every one of them): the allocation
  /// without the zero fill, for outputs that are overwritten anyway (gemm, element-wise ops).
  @inlinable
  public init(shape: [Int], initializingWith body: (UnsafeMutableBufferPointer<Float>) -> Void) {
    let n = shape.reduce(1, *)
    precondition(shape.allSatisfy { $0 >= 0 }, "negative extent in shape \(shape)")
    self.init(
      shape: shape,
      storage: [Float](unsafeUninitializedCapacity: n) { buffer, initialized in
        body(buffer)
        initialized = n
      })
  }

  /// Zeros of `shape`.
  public static func zeros(_ shape: [Int]) -> Tensor { Tensor(repeating: 0, shape: shape) }

  /// A rank-0 tensor holding one number.
  public init(scalar: Float) { self.init(shape: [], storage: [scalar]) }

  /// A rank-2 tensor from nested rows (tests and small examples).
  public init(_ rows: [[Float]]) {
    let cols = rows.first?.count ?? 0
    precondition(rows.allSatisfy { $0.count == cols }, "ragged rows")
    self.init(shape: [rows.count, cols], storage: rows.flatMap { $0 })
  }

  /// Number of elements.
  public var count: Int { storage.count }
  /// Number of axes.
  public var rank: Int { shape.count }
  /// Rows of a rank-2 tensor (the batch size).
  public var rows: Int {
    precondition(rank == 2, "rows needs rank 2, shape is \(shape)")
    return shape[0]
  }
  /// Columns of a rank-2 tensor (the features).
  public var columns: Int {
    precondition(rank == 2, "columns needs rank 2, shape is \(shape)")
    return shape[1]
  }

  /// The single element of a one-element tensor.
  public var scalar: Float {
    precondition(count == 1, "scalar needs exactly one element, shape is \(shape)")
    return storage[0]
  }

  /// The same elements with a new shape of equal element count.
  public func reshaped(_ newShape: [Int]) -> Tensor {
    Tensor(shape: newShape, storage: storage)
  }

  /// Element (i, j) of a rank-2 tensor.
  public subscript(i: Int, j: Int) -> Float {
    get { storage[i * shape[1] + j] }
    set { storage[i * shape[1] + j] = newValue }
  }
}

extension Tensor: CustomStringConvertible {
  public var description: String {
    let head = storage.prefix(8).map { String($0) }.joined(separator: ", ")
    return "Tensor(shape: \(shape), [\(head)\(count > 8 ? ", ..." : "")])"
  }
}
