// The convolution op for one output channel, the last layer of every convolutional decoder in
// the course (back to one grey image), without im2col. As im2col + sgemm it is a product with
// N = 1: for the conv VAE's batch of 128 at 28x28x32, im2col writes a 115 MB patch matrix, sgemm
// packs it and runs at 6 GFLOP/s (9.2 ms forward, 9.3 ms for dW, bench --gemm-shapes), and
// col2im reads the input gradient back out of another 115 MB. The kernels in CKernels'
// convolution.c read each pixel's k x k x C inputs in place instead.
//
// Same mathematics as `conv2d`; the forward sums and dW round differently from sgemm's (fixed
// lane order, per-image partials added in Double), dx is bit for bit the im2col route's.

import Autodiff
import CKernels
import TensorCore

extension ConvGeometry {
  /// The geometry as the C kernels take it.
  var kernelGeometry: ck_conv_geometry {
    ck_conv_geometry(
      height: height, width: width, channels: channels, kernel: kernel, stride: stride, padding: padding,
      outputHeight: outputHeight, outputWidth: outputWidth)
  }
}

/// Whether `conv2d` takes the direct route: one output channel, within the kernels' 512 channels.
func convolvesToOneChannel(_ weight: Tensor, _ g: ConvGeometry) -> Bool {
  weight.shape[1] == 1 && g.channels <= 512
}

/// conv2d for weight [k * k * C, 1]: x [B, H * W * C] -> act([B, Ho * Wo]).
func singleChannelConv2d(
  _ x: Variable, weight: Variable, bias: Variable?, geometry g: ConvGeometry, activation: Activation
) -> Variable {
  let b = x.shape[0]
  let w = weight.value
  let input = x.value
  let cost = g.positions * g.patchSize
  let biasValue = bias?.value.storage[0] ?? 0
  var y = input.storage.withUnsafeBufferPointer { xb in
    w.storage.withUnsafeBufferPointer { wb in
      Tensor(shape: [b, g.positions]) { yb in
        guard let xp = xb.baseAddress, let wp = wb.baseAddress, let yp = yb.baseAddress else { return }
        withUnsafePointer(to: g.kernelGeometry) { kg in
          Parallel.forEachRange(b, cost: cost) { images in
            ck_conv1_forward(xp, wp, biasValue, yp, images.lowerBound, images.upperBound, kg)
          }
        }
      }
    }
  }
  applyBiasAndActivation(&y.storage, bias: nil, rows: b, columns: g.positions, activation: activation)
  let output = y
  let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
  let needsInput = x.requiresGradient
  let hasBias = bias != nil
  return Variable(op: "conv2d", value: y, inputs: inputs) { dy in
    let grad = activationBackward(dy, output: output, activation: activation)
    // Each image's dW share (every image in one range, so the split changes no bit), then the
    // shares added in image order, in Double (the column sums of the [B, k * k * C] shares).
    var dx: Tensor? = nil
    let shares = grad.storage.withUnsafeBufferPointer { gb in
      withUnsafePointer(to: g.kernelGeometry) { kg in
        let shares = input.storage.withUnsafeBufferPointer { xb in
          Tensor(shape: [b, g.patchSize]) { pb in
            guard let gp = gb.baseAddress, let xp = xb.baseAddress, let pp = pb.baseAddress else { return }
            Parallel.forEachRange(b, cost: cost) { images in
              ck_conv1_weight_gradient(xp, gp, pp, images.lowerBound, images.upperBound, kg)
            }
          }
        }
        if needsInput {
          dx = w.storage.withUnsafeBufferPointer { wb in
            Tensor(shape: [b, g.inputSize]) { db in
              guard let gp = gb.baseAddress, let wp = wb.baseAddress, let dp = db.baseAddress else { return }
              Parallel.forEachRange(b, cost: cost) { images in
                ck_conv1_input_gradient(gp, wp, dp, images.lowerBound, images.upperBound, kg)
              }
            }
          }
        }
        return shares
      }
    }
    let dw = shares.sum(axis: 0).reshaped([g.patchSize, 1])
    if hasBias { return [dx, dw, grad.reshaped([b * g.positions, 1]).sum(axis: 0)] }
    return [dx, dw]
  }
}
