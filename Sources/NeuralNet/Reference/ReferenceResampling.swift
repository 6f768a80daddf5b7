// The convolutional autoencoders' 2x resampling written one number at a time in plain Swift:
// 2 x 2 max pooling with its winners, nearest-neighbour upsampling and upsampling's adjoint.
// `maxPool2x2` and `upsample2x` run the same loops in CKernels' resampling.c, with a pixel's
// channels in vectors; the tests hold them to these bit for bit.

import TensorCore

/// Max over the non-overlapping 2 x 2 windows of x [B, H * W * C] (H, W even): the maxima
/// [B, (H/2) * (W/2) * C] and the flat index into x of each winner. The window is read in
/// raster order and a value wins only if larger than the best so far, so ties go to the first
/// and a NaN never wins (-inf and index 0 where nothing is above -inf).
public func referenceMaxPool2x2(_ x: Tensor, height: Int, width: Int, channels c: Int) -> (
  maxima: [Float], winners: [Int32]
) {
  let (b, ho, wo) = (x.shape[0], height / 2, width / 2)
  let (inSize, outSize) = (height * width * c, ho * wo * c)
  var maxima = [Float](repeating: 0, count: b * outSize)
  var winners = [Int32](repeating: 0, count: b * outSize)
  for n in 0..<b {
    for oy in 0..<ho {
      for ox in 0..<wo {
        let corner = n * inSize + (2 * oy * width + 2 * ox) * c
        for ch in 0..<c {
          var best = -Float.infinity
          var at: Int32 = 0
          for i in [corner, corner + c, corner + width * c, corner + width * c + c] where x.storage[i + ch] > best {
            best = x.storage[i + ch]
            at = Int32(i + ch)
          }
          maxima[n * outSize + (oy * wo + ox) * c + ch] = best
          winners[n * outSize + (oy * wo + ox) * c + ch] = at
        }
      }
    }
  }
  return (maxima, winners)
}

/// x [B, H * W * C] -> [B, 2H * 2W * C], output pixel (y2, x2) a copy of input (y2 / 2, x2 / 2).
public func referenceUpsample2x(_ x: Tensor, height: Int, width: Int, channels c: Int) -> Tensor {
  let (b, w2) = (x.shape[0], 2 * width)
  var out = Tensor.zeros([b, 4 * height * width * c])
  for n in 0..<b {
    for y2 in 0..<(2 * height) {
      for x2 in 0..<w2 {
        for ch in 0..<c {
          out.storage[(n * 2 * height + y2) * w2 * c + x2 * c + ch] =
            x.storage[((n * height + y2 / 2) * width + x2 / 2) * c + ch]
        }
      }
    }
  }
  return out
}

/// Upsampling's adjoint: g [B, 2H * 2W * C] -> dx [B, H * W * C], each input pixel the sum of
/// its 2 x 2 block, added into zero in the output's raster order.
public func referenceUpsample2xAdjoint(_ g: Tensor, height: Int, width: Int, channels c: Int) -> Tensor {
  let (b, w2) = (g.shape[0], 2 * width)
  var dx = Tensor.zeros([b, height * width * c])
  for n in 0..<b {
    for y2 in 0..<(2 * height) {
      for x2 in 0..<w2 {
        for ch in 0..<c {
          dx.storage[((n * height + y2 / 2) * width + x2 / 2) * c + ch] +=
            g.storage[(n * 2 * height + y2) * w2 * c + x2 * c + ch]
        }
      }
    }
  }
  return dx
}
