// Element-wise functions. Each backward is the derivative written next to the function, and
// reuses the forward output where the derivative is a function of it (exp, sigmoid, tanh).

import Foundation
import TensorCore

extension Variable {
  /// e^x. d/dx e^x = e^x: reuse the output.
  public func exp() -> Variable {
    let y = value.map { Foundation.exp($0) }
    return Variable(op: "exp", value: y, inputs: [self]) { g in [g * y] }
  }

  /// ln x. d/dx ln x = 1/x.
  public func log() -> Variable {
    let x = value
    return Variable(op: "log", value: x.map { Foundation.log($0) }, inputs: [self]) { g in [g / x] }
  }

  /// x^2. d/dx = 2x.
  public func squared() -> Variable {
    let x = value
    return Variable(op: "square", value: x * x, inputs: [self]) { g in [g * x * 2] }
  }

  /// sqrt x. d/dx = 1 / (2 sqrt x).
  public func sqrt() -> Variable {
    let y = value.map { $0.squareRoot() }
    return Variable(op: "sqrt", value: y, inputs: [self]) { g in [g / (y * 2)] }
  }

  /// |x|. d/dx = sign(x), taken as 0 at 0 (a subgradient).
  public func abs() -> Variable {
    let x = value
    return Variable(op: "abs", value: x.map { Swift.abs($0) }, inputs: [self]) { g in
      [g.zip(x) { gi, xi in xi > 0 ? gi : (xi < 0 ? -gi : 0) }]
    }
  }

  /// max(0, x). d/dx = 1 for x > 0, else 0.
  public func relu() -> Variable {
    let y = value.map { Swift.max($0, 0) }
    return Variable(op: "relu", value: y, inputs: [self]) { g in
      [g.zip(y) { gi, yi in yi > 0 ? gi : 0 }]
    }
  }

  /// 1 / (1 + e^-x), evaluated without overflow for large |x|. d/dx = y (1 - y).
  public func sigmoid() -> Variable {
    let y = TensorCore.sigmoid(value)
    return Variable(op: "sigmoid", value: y, inputs: [self]) { g in
      [g.zip(y) { gi, yi in gi * yi * (1 - yi) }]
    }
  }

  /// tanh x. d/dx = 1 - y^2.
  public func tanh() -> Variable {
    let y = value.map { Foundation.tanh($0) }
    return Variable(op: "tanh", value: y, inputs: [self]) { g in
      [g.zip(y) { gi, yi in gi * (1 - yi * yi) }]
    }
  }

  /// ln(1 + e^x) = max(x, 0) + ln(1 + e^-|x|), stable for large |x|. d/dx = sigmoid(x).
  public func softplus() -> Variable {
    let x = value
    return Variable(op: "softplus", value: x.map(FastMath.softplus), inputs: [self]) { g in
      [g.zip(x) { gi, xi in gi * FastMath.sigmoid(xi) }]
    }
  }
}
