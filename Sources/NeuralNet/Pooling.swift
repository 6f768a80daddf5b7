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
  var winner = [Int32](repeating: 0, count: b * outSize)  // flat index into x of each max
  x.value.storage.withUnsafeBufferPointer { xs in
    for n in 0..<b {
      for oy in 0..<ho {
        for ox in 0..<wo {
          for ch in 0..<c {
            var best = -Float.infinity
            var at = 0
            for dy in 0..<2 {
              for dx in 0..<2 {
                let i = n * inSize + ((2 * oy + dy) * width + 2 * ox + dx) * c + ch
                if xs[i] > best {
                  best = xs[i]
                  at = i
                }
              }
            }
            let o = n * outSize + (oy * wo + ox) * c + ch
            out[o] = best
            winner[o] = Int32(at)
          }
        }
      }
    }
  }
  let shape = x.shape
  return Variable(op: "maxPool2x2", value: Tensor(shape: [b, outSize], storage: out), inputs: [x]) { g in
    var dx = Tensor.zeros(shape)
    for o in 0..<g.count { dx.storage[Int(winner[o])] += g.storage[o] }
    return [dx]
  }
}
