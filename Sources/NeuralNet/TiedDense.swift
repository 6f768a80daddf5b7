// A one-hidden-layer autoencoder with tied weights, W_dec = W_enc^T (slide "Autoencoder -
// Loss": "some times and for simplification"). Rows are samples, so with W [D, d]:
//   encode  z  = g(x W + b_enc)        x [B, D] -> z [B, d]
//   decode  x' = f(z W^T + b_dec)      z [B, d] -> x' [B, D]
// The same W is used twice, so its gradient is the SUM of the encoder's share and the
// transpose of the decoder's share: dL/dW = dL/dW_enc + (dL/dW_dec)^T. The autodiff gets this
// for free (a value used twice accumulates both paths); the chapter checks it against an
// untied copy.

import Autodiff
import Stochastic
import TensorCore

/// Encoder and decoder sharing one weight matrix.
public struct TiedAutoencoder {
  public let weight: Variable  // W [D, d]
  public let encoderBias: Variable  // b_enc [d]
  public let decoderBias: Variable  // b_dec [D]
  public let encoderActivation: Activation
  public let decoderActivation: Activation

  public init(
    _ inputs: Int, _ code: Int, encoderActivation: Activation = .relu, decoderActivation: Activation = .sigmoid,
    initializer: Initializer = .glorotUniform, using rng: inout SeededRandom
  ) {
    weight = Variable(initializer.weights(inputs: inputs, outputs: code, using: &rng), requiresGradient: true)
    encoderBias = Variable(Tensor.zeros([code]), requiresGradient: true)
    decoderBias = Variable(Tensor.zeros([inputs]), requiresGradient: true)
    self.encoderActivation = encoderActivation
    self.decoderActivation = decoderActivation
  }

  /// A tied autoencoder from given parameters (tests and gradient checks).
  public init(
    weight: Variable, encoderBias: Variable, decoderBias: Variable, encoderActivation: Activation,
    decoderActivation: Activation
  ) {
    self.weight = weight
    self.encoderBias = encoderBias
    self.decoderBias = decoderBias
    self.encoderActivation = encoderActivation
    self.decoderActivation = decoderActivation
  }

  public var parameters: [Variable] { [weight, encoderBias, decoderBias] }

  /// z = g(x W + b_enc), [B, D] -> [B, d].
  public func encode(_ x: Variable) -> Variable {
    encoderActivation(Variable.matmul(x, weight) + encoderBias)
  }

  /// z W^T + b_dec before f, [B, d] -> [B, D] (logits for a sigmoid output).
  public func decoderPreactivation(_ z: Variable) -> Variable {
    Variable.matmul(z, weight, transposeB: true) + decoderBias
  }

  /// x' = f(z W^T + b_dec).
  public func decode(_ z: Variable) -> Variable { decoderActivation(decoderPreactivation(z)) }

  public func callAsFunction(_ x: Variable) -> Variable { decode(encode(x)) }
}
