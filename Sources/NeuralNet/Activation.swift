// The activations of the slides' networks, as a value so architectures can be written as data.

import Autodiff

/// An element-wise nonlinearity.
public enum Activation: String, Sendable, CaseIterable {
  case identity, relu, sigmoid, tanh

  /// Applies the activation (identity returns its input node unchanged).
  public func callAsFunction(_ x: Variable) -> Variable {
    switch self {
    case .identity: return x
    case .relu: return x.relu()
    case .sigmoid: return x.sigmoid()
    case .tanh: return x.tanh()
    }
  }
}
