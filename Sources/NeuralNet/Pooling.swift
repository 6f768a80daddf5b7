// 2 x 2 max pooling with stride 2 over NHWC images stored as rows (the CAE's encoder
// downsampling). Forward keeps, per output, the index of the input that won; backward routes
// the gradient to that input only (the max is locally the identity on the winner, constant in
// the others). Ties go to the first element of the window.

import Autodiff
import CKernels
import TensorCore

/// Max over non-overlapping 2 x 2 windows: x [B, H * W * C] -> [B, (H/2) * (W/2) * C].
/// H and W must be even.
public func maxPool2x2(_ x: Variable, height: Int, width: Int, channels: Int) -> Variable {
  precondition(height % 2 == 0 && width % 2 == 0, "maxPool2x2 needs even height and width, got \(height)x\(width)")
  precondition(
    x.value.rank == 2 && x.shape[1] == height * width * channels,
    "maxPool2x2: input \(x.shape) is not [B, \(height * width * channels)]")
  let b = x.shape[0]
  let (ho, wo, c) = (height / 2, width / 2, channels)
  let outSize = ho * wo * c
  let inSize = height * width * c
  precondition(b * inSize <= Int(Int32.max), "maxPool2x2: \(b * inSize) inputs are too many for 32-bit indices")
  // The maxima and the flat index into x of each winner; the kernel writes every entry of both.
  var out = [Float](unsafeUninitializedCapacity: b * outSize) { _, count in count = b * outSize }
  var winner = [Int32](unsafeUninitializedCapacity: b * outSize) { _, count in count = b * outSize }
  // Images are independent, so they are split over the cores; each is pooled the same way
  // whichever range it falls in. The kernel (CKernels' resampling.c) is `referenceMaxPool2x2`
  // with a pixel's channels in vectors, bit for bit.
  x.value.storage.withUnsafeBufferPointer { xs in
    out.withUnsafeMutableBufferPointer { os in
      winner.withUnsafeMutableBufferPointer { ws in
        guard let xp = xs.baseAddress, let op = os.baseAddress, let wp = ws.baseAddress else { return }
        Parallel.forEachRange(b, cost: inSize) { images in
          ck_max_pool2x2(xp, op, wp, images.lowerBound, images.upperBound, height, width, c)
        }
      }
    }
  }
  let shape = x.shape
  return Variable(op: "maxPool2x2", value: Tensor(shape: [b, outSize], storage: out), inputs: [x]) { g in
    var dx = Tensor.zeros(shape)
    g.storage.withUnsafeBufferPointer { gs in
      dx.storage.withUnsafeMutableBufferPointer { ds in
        winner.withUnsafeBufferPointer { ws in
          guard let gp = gs.baseAddress, let dp = ds.baseAddress, let wp = ws.baseAddress else { return }
          // Each image's winners lie in that image.
          Parallel.forEachRange(b, cost: inSize) { images in
            for o in (images.lowerBound * outSize)..<(images.upperBound * outSize) { dp[Int(wp[o])] += gp[o] }
          }
        }
      }
    }
    return [dx]
  }
}
