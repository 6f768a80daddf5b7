// Element-wise arithmetic on Tensor, with the one broadcast the course needs: a row vector
// (shape [N] or [1, N]) against every row of a [B, N] matrix, e.g. a bias. Scalars (rank 0 or
// a Float) broadcast everywhere. Loops run over unsafe buffers so -O can vectorise them.

extension Tensor {
  /// Applies `f` to every element.
  @inlinable
  public func map(_ f: (Float) -> Float) -> Tensor {
    storage.withUnsafeBufferPointer { s in
      Tensor(shape: shape) { o in
        guard let op = o.baseAddress, let sp = s.baseAddress else { return }
        for i in 0..<o.count { op[i] = f(sp[i]) }
      }
    }
  }

  /// Combines two tensors of the same shape element by element.
  @inlinable
  public func zip(_ other: Tensor, _ f: (Float, Float) -> Float) -> Tensor {
    precondition(shape == other.shape, "shape mismatch: \(shape) vs \(other.shape)")
    return storage.withUnsafeBufferPointer { a in
      other.storage.withUnsafeBufferPointer { b in
        Tensor(shape: shape) { o in
          guard let op = o.baseAddress, let ap = a.baseAddress, let bp = b.baseAddress else { return }
          for i in 0..<o.count { op[i] = f(ap[i], bp[i]) }
        }
      }
    }
  }

  /// How `other` lines up with `self` for a binary op.
  public enum Broadcast: Sendable, Equatable {
    /// Same shape: element i with element i.
    case same
    /// `other` is one number.
    case scalar
    /// `other` is a row of `self.shape.last` elements, repeated for every row.
    case row
  }

  /// The broadcast that makes `other` compatible with `self`, or a precondition failure.
  public func broadcast(of other: Tensor) -> Broadcast {
    if other.shape == shape { return .same }
    if other.count == 1 { return .scalar }
    if let last = shape.last, rank >= 2, other.count == last,
      other.shape == [last] || other.shape == [1, last]
    {
      return .row
    }
    preconditionFailure("cannot broadcast \(other.shape) against \(shape)")
  }

  /// `f(self[i], other[broadcast i])`; the result has `self`'s shape.
  @inlinable
  public func broadcasting(_ other: Tensor, _ f: (Float, Float) -> Float) -> Tensor {
    switch broadcast(of: other) {
    case .same: return zip(other, f)
    case .scalar:
      let s = other.storage[0]
      return map { f($0, s) }
    case .row:
      var out = self
      let n = other.count
      out.storage.withUnsafeMutableBufferPointer { o in
        other.storage.withUnsafeBufferPointer { b in
          var i = 0
          while i < o.count {
            for j in 0..<n { o[i + j] = f(o[i + j], b[j]) }
            i += n
          }
        }
      }
      return out
    }
  }

  public static func + (a: Tensor, b: Tensor) -> Tensor { a.broadcasting(b, +) }
  public static func - (a: Tensor, b: Tensor) -> Tensor { a.broadcasting(b, -) }
  public static func * (a: Tensor, b: Tensor) -> Tensor { a.broadcasting(b, *) }
  public static func / (a: Tensor, b: Tensor) -> Tensor { a.broadcasting(b, /) }

  public static func + (a: Tensor, s: Float) -> Tensor { a.map { $0 + s } }
  public static func - (a: Tensor, s: Float) -> Tensor { a.map { $0 - s } }
  public static func * (a: Tensor, s: Float) -> Tensor { a.map { $0 * s } }
  public static func * (s: Float, a: Tensor) -> Tensor { a.map { s * $0 } }
  public static func / (a: Tensor, s: Float) -> Tensor { a.map { $0 / s } }
  public static prefix func - (a: Tensor) -> Tensor { a.map { -$0 } }

  /// In-place `self += other` (same shape); the accumulation primitive of backward passes.
  public static func += (a: inout Tensor, b: Tensor) {
    precondition(a.shape == b.shape, "shape mismatch: \(a.shape) += \(b.shape)")
    a.storage.withUnsafeMutableBufferPointer { o in
      b.storage.withUnsafeBufferPointer { x in
        guard let op = o.baseAddress, let xp = x.baseAddress else { return }
        for i in 0..<o.count { op[i] += xp[i] }
      }
    }
  }

  /// In-place `self += alpha * other` (same shape).
  public mutating func addScaled(_ other: Tensor, _ alpha: Float) {
    precondition(shape == other.shape, "shape mismatch: \(shape) vs \(other.shape)")
    storage.withUnsafeMutableBufferPointer { o in
      other.storage.withUnsafeBufferPointer { x in
        guard let op = o.baseAddress, let xp = x.baseAddress else { return }
        for i in 0..<o.count { op[i] += alpha * xp[i] }
      }
    }
  }

  /// True when every element is finite (no NaN, no infinity).
  public var isFinite: Bool {
    storage.withUnsafeBufferPointer { b in b.allSatisfy { $0.isFinite } }
  }
}

/// 1 / (1 + e^-x) of every element (Bernoulli means from logits): FastMath's sigmoid, the one
/// Float sigmoid of the course (autodiff's `Variable.sigmoid()` and the fused dense kernel's
/// activation compute the same expression).
public func sigmoid(_ x: Tensor) -> Tensor { x.map(FastMath.sigmoid) }
