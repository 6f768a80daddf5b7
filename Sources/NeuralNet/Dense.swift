// A fully connected layer y = x W + b, rows are samples:
//   x [B, in], W [in, out], b [out] -> y [B, out].

import Autodiff
import Foundation
import Stochastic
import TensorCore

/// Weight initialisation schemes.
public enum Initializer: Sendable {
  /// Glorot/Xavier uniform: U(-a, a), a = sqrt(6 / (in + out)); keeps activation variance
  /// roughly constant through tanh/sigmoid/linear layers (Keras' default).
  case glorotUniform
  /// He normal: N(0, 2 / in); compensates ReLU zeroing half of its inputs.
  case heNormal
  /// N(0, sd^2), for experiments that need a specific scale.
  case normal(standardDeviation: Float)

  /// A fresh [in, out] weight matrix.
  public func weights(inputs: Int, outputs: Int, using rng: inout SeededRandom) -> Tensor {
    switch self {
    case .glorotUniform:
      let a = Float((6.0 / Double(inputs + outputs)).squareRoot())
      return Tensor.uniform([inputs, outputs], low: -a, high: a, using: &rng)
    case .heNormal:
      return Tensor.normal(
        [inputs, outputs], standardDeviation: Float((2.0 / Double(inputs)).squareRoot()), using: &rng)
    case .normal(let sd):
      return Tensor.normal([inputs, outputs], standardDeviation: sd, using: &rng)
    }
  }
}

/// A dense layer with its activation.
public struct Dense {
  public let weight: Variable  // [in, out]
  public let bias: Variable  // [out]
  public let activation: Activation

  /// A layer `inputs -> outputs`; biases start at zero.
  public init(
    _ inputs: Int, _ outputs: Int, activation: Activation = .identity,
    initializer: Initializer = .glorotUniform, bias: Bool = true, using rng: inout SeededRandom
  ) {
    weight = Variable(initializer.weights(inputs: inputs, outputs: outputs, using: &rng), requiresGradient: true)
    self.bias = Variable(Tensor.zeros([outputs]), requiresGradient: bias)
    self.activation = activation
  }

  /// A layer with the given weights [in, out] and bias [out], in new variables.
  public init(weight: Tensor, bias: Tensor, activation: Activation, trainsBias: Bool = true) {
    precondition(bias.shape == [weight.shape[1]], "bias \(bias.shape) for weight \(weight.shape)")
    self.weight = Variable(weight, requiresGradient: true)
    self.bias = Variable(bias, requiresGradient: trainsBias)
    self.activation = activation
  }

  /// An independent copy of the layer's current values: training the copy leaves this one
  /// as it is (fine-tuning several times from the same pretrained weights).
  public func copy() -> Dense {
    Dense(weight: weight.value, bias: bias.value, activation: activation, trainsBias: bias.requiresGradient)
  }

  public var inputSize: Int { weight.shape[0] }
  public var outputSize: Int { weight.shape[1] }

  /// Trainable parameters (the bias only when it is trained).
  public var parameters: [Variable] { bias.requiresGradient ? [weight, bias] : [weight] }

  /// activation(x W + b), x [B, in] -> [B, out], as one fused op (see FusedDense.swift).
  public func callAsFunction(_ x: Variable) -> Variable {
    Variable.dense(x, weight: weight, bias: bias.requiresGradient ? bias : nil, activation: activation)  // [B, out]
  }

  /// x W + b without the activation (logits for a loss that applies its own sigmoid).
  public func preactivation(_ x: Variable) -> Variable {
    Variable.dense(x, weight: weight, bias: bias.requiresGradient ? bias : nil, activation: .identity)  // [B, out]
  }
}

/// Layers applied in order; the last layer's activation can be skipped to get logits.
public struct Sequential {
  public var layers: [Dense]
  public init(_ layers: [Dense]) { self.layers = layers }

  public var parameters: [Variable] { layers.flatMap(\.parameters) }

  public func callAsFunction(_ x: Variable) -> Variable {
    layers.reduce(x) { h, layer in layer(h) }
  }

  /// The output before the last activation.
  public func logits(_ x: Variable) -> Variable {
    var h = x
    for layer in layers.dropLast() { h = layer(h) }
    return layers.last.map { $0.preactivation(h) } ?? h
  }
}
