// Nearest-neighbour upsampling by 2 over NHWC images stored as rows: the CAE decoder's
// "upsampling + convolution" path (the alternative to a transposed convolution, free of its
// checkerboard artefacts). Forward copies each pixel into a 2 x 2 block; backward, its
// adjoint, sums the 2 x 2 block of gradients back into the pixel.

import Autodiff
import TensorCore

/// x [B, H * W * C] -> [B, (2H) * (2W) * C], each pixel repeated in a 2 x 2 block.
public func upsample2x(_ x: Variable, height: Int, width: Int, channels: Int) -> Variable {
  precondition(
    x.value.rank == 2 && x.shape[1] == height * width * channels,
    "upsample2x: input \(x.shape) is not [B, \(height * width * channels)]")
  let b = x.shape[0]
  let c = channels
  let (h2, w2) = (2 * height, 2 * width)
  let inSize = height * width * c
  let outSize = h2 * w2 * c
  /// Flat input index of output (n, y2, x2, ch).
  @inline(__always) func source(_ n: Int, _ y2: Int, _ x2: Int, _ ch: Int) -> Int {
    n * inSize + ((y2 / 2) * width + x2 / 2) * c + ch
  }
  var out = [Float](repeating: 0, count: b * outSize)
  // Images are independent, so they are split over the cores.
  x.value.storage.withUnsafeBufferPointer { xs in
    out.withUnsafeMutableBufferPointer { os in
      guard let xp = xs.baseAddress, let op = os.baseAddress else { return }
      Parallel.forEachRange(b, cost: outSize) { images in
        for n in images {
          for y2 in 0..<h2 {
            for x2 in 0..<w2 {
              let (target, from) = (op + n * outSize + (y2 * w2 + x2) * c, xp + source(n, y2, x2, 0))
              for ch in 0..<c { target[ch] = from[ch] }
            }
          }
        }
      }
    }
  }
  let shape = x.shape
  return Variable(op: "upsample2x", value: Tensor(shape: [b, outSize], storage: out), inputs: [x]) { g in
    var dx = Tensor.zeros(shape)
    g.storage.withUnsafeBufferPointer { gs in
      dx.storage.withUnsafeMutableBufferPointer { ds in
        guard let gp = gs.baseAddress, let dp = ds.baseAddress else { return }
        Parallel.forEachRange(b, cost: outSize) { images in
          for n in images {
            // Each pixel receives its 2 x 2 block in raster order.
            for y2 in 0..<h2 {
              for x2 in 0..<w2 {
                let (target, from) = (dp + source(n, y2, x2, 0), gp + n * outSize + (y2 * w2 + x2) * c)
                for ch in 0..<c { target[ch] += from[ch] }
              }
            }
          }
        }
      }
    }
    return [dx]
  }
}
