// Binary arithmetic: +, -, *, / with the row/scalar broadcast of Tensor.
// The adjoint of a broadcast is a sum: a bias added to every row gets the column sums.

import TensorCore

/// Sums `g` (shaped like the broadcast result) back to the operand's `shape`.
func unbroadcast(_ g: Tensor, to shape: [Int]) -> Tensor {
  if g.shape == shape { return g }
  let n = shape.reduce(1, *)
  if n == 1 { return Tensor(repeating: g.sum(), shape: shape) }
  // A row repeated over the leading rows: sum over them.
  let flat = g.reshaped([g.count / n, n])
  return flat.sum(axis: 0).reshaped(shape)
}

extension Variable {
  public static func + (a: Variable, b: Variable) -> Variable {
    let (sa, sb) = (a.shape, b.shape)
    return Variable(op: "add", value: a.value + b.value, inputs: [a, b]) { g in
      [unbroadcast(g, to: sa), unbroadcast(g, to: sb)]
    }
  }

  public static func - (a: Variable, b: Variable) -> Variable {
    let (sa, sb) = (a.shape, b.shape)
    return Variable(op: "sub", value: a.value - b.value, inputs: [a, b]) { g in
      [unbroadcast(g, to: sa), unbroadcast(-g, to: sb)]
    }
  }

  /// Element-wise product. d(ab) = b da + a db.
  /// The result has `a`'s shape; `b` may be a row or a scalar broadcast over it.
  public static func * (a: Variable, b: Variable) -> Variable {
    let (av, bv) = (a.value, b.value)
    return Variable(op: "mul", value: av * bv, inputs: [a, b]) { g in
      [
        a.requiresGradient ? unbroadcast(g.broadcasting(bv, *), to: av.shape) : nil,
        b.requiresGradient ? unbroadcast(g * av, to: bv.shape) : nil,
      ]
    }
  }

  /// Element-wise quotient. d(a/b) = da / b - a db / b^2.
  public static func / (a: Variable, b: Variable) -> Variable {
    let (av, bv) = (a.value, b.value)
    let y = av / bv
    return Variable(op: "div", value: y, inputs: [a, b]) { g in
      [
        a.requiresGradient ? unbroadcast(g.broadcasting(bv, /), to: av.shape) : nil,
        b.requiresGradient ? unbroadcast((g * y).broadcasting(bv, { -$0 / $1 }), to: bv.shape) : nil,
      ]
    }
  }

  public static prefix func - (a: Variable) -> Variable {
    Variable(op: "neg", value: -a.value, inputs: [a]) { g in [-g] }
  }

  // Scalars: constants that need no node of their own.
  public static func * (a: Variable, s: Float) -> Variable {
    Variable(op: "scale", value: a.value * s, inputs: [a]) { g in [g * s] }
  }
  public static func * (s: Float, a: Variable) -> Variable { a * s }
  public static func / (a: Variable, s: Float) -> Variable { a * (1 / s) }
  public static func + (a: Variable, s: Float) -> Variable {
    Variable(op: "shift", value: a.value + s, inputs: [a]) { g in [g] }
  }
  public static func + (s: Float, a: Variable) -> Variable { a + s }
  public static func - (a: Variable, s: Float) -> Variable { a + (-s) }
  public static func - (s: Float, a: Variable) -> Variable { -a + s }
}
