// The transposed convolution (Keras' Conv2DTranspose, "deconvolution"): the adjoint of a
// strided convolution, the way a decoder grows an image. A stride-2 convolution with geometry g
// maps H x W x C_out images to Ho x Wo positions; its transpose maps Ho x Wo x C_in codes back
// to H x W x C_out by spreading each position's patch over the pixels it covers:
//   Y = col2im(X W^T) + b   X [B * Ho * Wo, C_in], W [k * k * C_out, C_in], Y [B, H * W * C_out]
// Backward, with D = im2col(dL/dY) [B * Ho * Wo, k * k * C_out] (im2col is col2im's adjoint):
//   dX = D W,   dW = D^T X,   db = column sums of dL/dY over batch and pixels.
// It is conv2d's backward-to-the-input pass run forwards, so the same two routines serve both,
// and D W and D^T X are narrow products like conv2d's P W and P^T G (see Conv2D.swift), as is
// X W^T (each entry one chain of fused multiply-adds; see Conv2D.swift for why not sgemm).

import Autodiff
import Stochastic
import TensorCore

/// The transposed convolution of the convolution `g`: x [B, Ho * Wo * C_in] with weight
/// [k * k * C_out, C_in] (C_out = g.channels) and bias [C_out] -> act([B, H * W * C_out]).
public func conv2dTranspose(
  _ x: Variable, weight: Variable, bias: Variable?, geometry g: ConvGeometry, activation: Activation = .identity
) -> Variable {
  let w = weight.value
  precondition(w.shape[0] == g.patchSize, "conv2dTranspose: weight \(w.shape) needs \(g.patchSize) rows")
  let inChannels = w.shape[1]
  precondition(
    x.value.rank == 2 && x.shape[1] == g.positions * inChannels,
    "conv2dTranspose: input \(x.shape) is not [B, \(g.positions * inChannels)]")
  let b = x.shape[0]
  let codes = x.value.reshaped([b * g.positions, inChannels])  // [B * P, C_in]
  var y = col2im(Tensor.narrowProduct(codes, w, transposeB: true), g, batch: b)  // [B, H * W * C_out]
  // The bias and the activation in place, their backward from the saved output (see conv2d).
  applyBiasAndActivation(
    &y.storage, bias: bias?.value.storage, rows: b * g.height * g.width, columns: g.channels, activation: activation)
  let output = y
  let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
  let needsInput = x.requiresGradient
  let hasBias = bias != nil
  return Variable(op: "conv2dTranspose", value: y, inputs: inputs) { dy in
    let grad = activationBackward(dy, output: output, activation: activation)
    let dw = convolutionWeightGradient(grad, g, codes)  // D^T X, [K, C_in]
    let dx: Tensor? = needsInput ? convolutionProduct(grad, g, w).reshaped([b, g.positions * inChannels]) : nil
    if hasBias { return [dx, dw, grad.reshaped([b * g.height * g.width, g.channels]).sum(axis: 0)] }
    return [dx, dw]
  }
}
