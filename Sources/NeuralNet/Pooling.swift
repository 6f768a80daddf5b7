// 2 x 2 max pooling with stride 2 over NHWC images stored as rows (the CAE's encoder
// downsampling). Forward keeps, per output, the index of the input that won; backward routes
// the gradient to that input only (the max is locally the identity on the winner, constant in
// the others). Ties go to the first element of the window.

import Autodiff
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
  var out = [Float](repeating: 0, count: b * outSize)
  precondition(b * inSize <= Int(Int32.max), "maxPool2x2: \(b * inSize) inputs are too many for 32-bit indices")
  var winner = [Int32](repeating: 0, count: b * outSize)  // flat index into x of each max
  // Images are independent, so they are split over the cores; each is pooled the same way
  // whichever range it falls in.
  x.value.storage.withUnsafeBufferPointer { xs in
    out.withUnsafeMutableBufferPointer { os in
      winner.withUnsafeMutableBufferPointer { ws in
        guard let xp = xs.baseAddress, let op = os.baseAddress, let wp = ws.baseAddress else { return }
        Parallel.forEachRange(b, cost: inSize) { images in
          for n in images {
            for oy in 0..<ho {
              for ox in 0..<wo {
                let o = n * outSize + (oy * wo + ox) * c
                let corner = n * inSize + (2 * oy * width + 2 * ox) * c
                // The window in raster order, (0, 0), (0, 1), (1, 0), (1, 1), each compared with
                // the best so far by selects rather than branches, so the channel loop vectorises.
                let (right, below) = (corner + c, corner + width * c)
                for ch in 0..<c {
                  var best = -Float.infinity
                  var at: Int32 = 0
                  keepLarger(xp, corner + ch, &best, &at)
                  keepLarger(xp, right + ch, &best, &at)
                  keepLarger(xp, below + ch, &best, &at)
                  keepLarger(xp, below + c + ch, &best, &at)
                  op[o + ch] = best
                  wp[o + ch] = at
                }
              }
            }
          }
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

/// One step of the window's maximum: x[i] replaces the best so far (and i its index) if larger;
/// a NaN never does, as with the comparison written as a branch.
@inline(__always)
private func keepLarger(_ x: UnsafePointer<Float>, _ i: Int, _ best: inout Float, _ at: inout Int32) {
  let v = x[i]
  let better = v > best
  best = better ? v : best
  at = better ? Int32(truncatingIfNeeded: i) : at
}
