// Nearest-neighbour upsampling by 2 over NHWC images stored as rows: the CAE decoder's
// "upsampling + convolution" path (the alternative to a transposed convolution, free of its
// checkerboard artefacts). Forward copies each pixel into a 2 x 2 block; backward, its
// adjoint, sums the 2 x 2 block of gradients back into the pixel.

import Autodiff
import CKernels
import TensorCore

/// x [B, H * W * C] -> [B, (2H) * (2W) * C], each pixel repeated in a 2 x 2 block.
public func upsample2x(_ x: Variable, height: Int, width: Int, channels: Int) -> Variable {
  precondition(
    x.value.rank == 2 && x.shape[1] == height * width * channels,
    "upsample2x: input \(x.shape) is not [B, \(height * width * channels)]")
  let b = x.shape[0]
  let c = channels
  let outSize = 4 * height * width * c
  // Every entry is written by the kernel (CKernels' resampling.c: `referenceUpsample2x` with a
  // pixel's channels in vectors). Images are independent, so they are split over the cores.
  var out = [Float](unsafeUninitializedCapacity: b * outSize) { _, count in count = b * outSize }
  x.value.storage.withUnsafeBufferPointer { xs in
    out.withUnsafeMutableBufferPointer { os in
      guard let xp = xs.baseAddress, let op = os.baseAddress else { return }
      Parallel.forEachRange(b, cost: outSize) { images in
        ck_upsample2x(xp, op, images.lowerBound, images.upperBound, height, width, c)
      }
    }
  }
  let shape = x.shape
  return Variable(op: "upsample2x", value: Tensor(shape: [b, outSize], storage: out), inputs: [x]) { g in
    // Each pixel receives its 2 x 2 block in raster order (`referenceUpsample2xAdjoint`, bit
    // for bit); every entry of dx is written.
    var dx = Tensor(shape: shape) { _ in }
    g.storage.withUnsafeBufferPointer { gs in
      dx.storage.withUnsafeMutableBufferPointer { ds in
        guard let gp = gs.baseAddress, let dp = ds.baseAddress else { return }
        Parallel.forEachRange(b, cost: outSize) { images in
          ck_upsample2x_backward(gp, dp, images.lowerBound, images.upperBound, height, width, c)
        }
      }
    }
    return [dx]
  }
}
