// A 2-D convolution layer (cross-correlation, as in every deep-learning library) over NHWC
// images stored as rows, computed as im2col + one matrix product:
//   P = im2col(x)         [B * Ho * Wo, k * k * C_in]
//   Y = P W + b           [B * Ho * Wo, C_out]  == [B, Ho * Wo * C_out] in NHWC
// Backward, with G = dL/dY in the same [B * Ho * Wo, C_out] view:
//   dW = P^T G            [k * k * C_in, C_out]
//   db = column sums of G [C_out]
//   dx = col2im(G W^T)    [B, H * W * C_in]
// Weights are [k * k * C_in, C_out], a dense layer over patches, so the same initialisers
// apply with fan-in k * k * C_in. P W multiplies the tall patch matrix by the small W, with
// many more inner terms (k * k * C_in) than outputs per row (C_out). Both it and dW = P^T G
// run on the narrow-product kernels fed with cached chunks of P (`convolutionProduct`,
// `convolutionWeightGradient`), so the patch matrix is never written out. For stride 1, dx is
// itself a convolution of G by the weights turned half a turn (`convolutionInputGradient`),
// without G W^T's [B * Ho * Wo, k * k * C_in] matrix; other strides take col2im(G W^T), with
// G W^T in the narrow product (`Tensor.narrowProduct`, each entry one chain of fused
// multiply-adds). That product has few inner terms and wide rows; sgemm's Haswell kernels, 8
// lanes wide, had been faster there than the narrow kernel's first versions, and are now half
// its speed where 512-bit FMAs run at full rate: with both of keras.io's conv VAE products
// (this one and conv2dTranspose's X W^T) moved off sgemm, its epoch on 12,800 images took 2.10
// and 2.17 s against 2.71 and 2.75 (bench, alternating).

import Autodiff
import Stochastic
import TensorCore

/// The convolution op: x [B, H * W * C_in], weight [k * k * C_in, C_out], bias [C_out]
/// -> act([B, Ho * Wo * C_out]). The bias and the activation are applied in place on the
/// product, and their backward is formed once from the saved output (as `Variable.dense` does):
/// the same arithmetic as adding the bias and applying the activation as separate ops, without
/// two more graph nodes and two more full-size arrays each way.
public func conv2d(
  _ x: Variable, weight: Variable, bias: Variable?, geometry g: ConvGeometry, activation: Activation = .identity
) -> Variable {
  let b = x.shape[0]
  let w = weight.value
  precondition(
    w.shape[0] == g.patchSize,
    "conv2d: weight \(w.shape) needs \(g.patchSize) rows for \(g.kernel)x\(g.kernel)x\(g.channels) patches")
  if convolvesToOneChannel(w, g) {
    return singleChannelConv2d(x, weight: weight, bias: bias, geometry: g, activation: activation)
  }
  let outChannels = w.shape[1]
  let input = x.value
  var y = convolutionProduct(input, g, w)  // im2col(x) W, [B * P, C_out]
  applyBiasAndActivation(
    &y.storage, bias: bias?.value.storage, rows: b * g.positions, columns: outChannels, activation: activation)
  let output = y
  let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
  let needsInput = x.requiresGradient
  let hasBias = bias != nil
  return Variable(op: "conv2d", value: y.reshaped([b, g.positions * outChannels]), inputs: inputs) { grad in
    let gy = grad.reshaped([b * g.positions, outChannels])  // [B * P, C_out]
    let dz = activationBackward(gy, output: output, activation: activation)
    let dw = convolutionWeightGradient(input, g, dz)  // im2col(x)^T dz, [K, C_out]
    // [B, H * W * C_in]
    let dx: Tensor? =
      needsInput
      ? convolutionInputGradient(dz, g, w, batch: b)
        ?? col2im(Tensor.narrowProduct(dz, w, transposeB: true), g, batch: b)
      : nil
    if hasBias { return [dx, dw, dz.sum(axis: 0)] }
    return [dx, dw]
  }
}

/// A convolution layer with its activation; "same" padding (k odd, stride 1) keeps H x W.
public struct Conv2D {
  public let weight: Variable  // [k * k * C_in, C_out]
  public let bias: Variable  // [C_out]
  public let geometry: ConvGeometry
  public let activation: Activation

  /// A layer over `height` x `width` x `inputChannels` images; padding defaults to "same".
  public init(
    height: Int, width: Int, inputChannels: Int, outputChannels: Int, kernel: Int = 3, stride: Int = 1,
    padding: Int? = nil, activation: Activation = .identity, initializer: Initializer = .glorotUniform,
    using rng: inout SeededRandom
  ) {
    geometry = ConvGeometry(
      height: height, width: width, channels: inputChannels, kernel: kernel, stride: stride,
      padding: padding ?? kernel / 2)
    weight = Variable(
      initializer.weights(inputs: geometry.patchSize, outputs: outputChannels, using: &rng), requiresGradient: true)
    bias = Variable(Tensor.zeros([outputChannels]), requiresGradient: true)
    self.activation = activation
  }

  public var outputChannels: Int { weight.shape[1] }
  public var parameters: [Variable] { [weight, bias] }

  /// activation(conv(x) + b), [B, H * W * C_in] -> [B, Ho * Wo * C_out], as one op.
  public func callAsFunction(_ x: Variable) -> Variable {
    conv2d(x, weight: weight, bias: bias, geometry: geometry, activation: activation)
  }

  /// conv(x) + b without the activation (logits of a sigmoid output layer).
  public func preactivation(_ x: Variable) -> Variable { conv2d(x, weight: weight, bias: bias, geometry: geometry) }
}
