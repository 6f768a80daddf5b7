// im2col and col2im: a convolution as one matrix product.
//
// Images are rows of a rank-2 tensor in NHWC order: image b, pixel (y, x), channel c sits at
// column (y * W + x) * C + c, so a 28x28 grey image is exactly the [B, 784] row the dense
// models use. im2col copies the k x k x C patch under every output position into one row:
//   patches [B * Ho * Wo, k * k * C], patch column (ky * k + kx) * C + c,
// and a convolution with weights [k * k * C, C_out] is then `patches x W` (one product), whose
// [B * Ho * Wo, C_out] result is already the NHWC output. col2im is the adjoint of im2col: it
// adds every patch entry back to the pixel it was copied from (overlapping patches sum), which
// is what the input gradient needs.

import TensorCore

/// The shapes of one 2-D convolution (or pooling window) over NHWC images.
public struct ConvGeometry: Sendable, Equatable {
  public let height: Int, width: Int, channels: Int
  public let kernel: Int, stride: Int, padding: Int

  public init(height: Int, width: Int, channels: Int, kernel: Int, stride: Int = 1, padding: Int = 0) {
    precondition(
      height > 0 && width > 0 && channels > 0 && kernel > 0 && stride > 0 && padding >= 0, "bad convolution geometry")
    precondition(
      height + 2 * padding >= kernel && width + 2 * padding >= kernel,
      "kernel \(kernel) larger than the padded \(height)x\(width) image")
    self.height = height
    self.width = width
    self.channels = channels
    self.kernel = kernel
    self.stride = stride
    self.padding = padding
  }

  /// Ho = (H + 2p - k) / s + 1.
  public var outputHeight: Int { (height + 2 * padding - kernel) / stride + 1 }
  /// Wo = (W + 2p - k) / s + 1.
  public var outputWidth: Int { (width + 2 * padding - kernel) / stride + 1 }
  /// Values per input image, H * W * C.
  public var inputSize: Int { height * width * channels }
  /// Columns of a patch row, k * k * C.
  public var patchSize: Int { kernel * kernel * channels }
  /// Output positions per image, Ho * Wo.
  public var positions: Int { outputHeight * outputWidth }
}

/// Visits every run of values that im2col copies for the images `images`: `body(patch, pixel,
/// count)` gets the offset of the run in the patch matrix [B * Ho * Wo, k * k * C], in the images
/// [B, H * W * C], and its length. A run is one kernel row's pixels inside the image, k * C
/// values or fewer at an edge, contiguous in both (NHWC). Runs that fall in the zero padding go
/// to `padding(patch, count)` instead. im2col and col2im share this one traversal, so they stay
/// each other's adjoint by construction; each entry still comes in the order (ky, kx, c).
@inline(__always)
func forEachPatchRun(
  _ g: ConvGeometry, images: Range<Int>, _ body: (_ patch: Int, _ pixel: Int, _ count: Int) -> Void,
  padding: (_ patch: Int, _ count: Int) -> Void = { _, _ in }
) {
  let (ho, wo, c, k) = (g.outputHeight, g.outputWidth, g.channels, g.kernel)
  for n in images {
    let image = n * g.inputSize
    for oy in 0..<ho {
      for ox in 0..<wo {
        let row = ((n * ho + oy) * wo + ox) * g.patchSize
        // The kernel columns kx in [first, last) fall inside the image.
        let left = ox * g.stride - g.padding
        let first = Swift.max(0, -left)
        let last = Swift.min(k, g.width - left)
        for ky in 0..<k {
          let y = oy * g.stride - g.padding + ky
          let patch = row + ky * k * c
          guard y >= 0 && y < g.height && first < last else {
            padding(patch, k * c)
            continue
          }
          if first > 0 { padding(patch, first * c) }
          body(patch + first * c, image + (y * g.width + left + first) * c, (last - first) * c)
          if last < k { padding(patch + last * c, (k - last) * c) }
        }
      }
    }
  }
}

/// Runs `body` on disjoint ranges of the batch's images, on all cores when the patch matrix is
/// large: an image's patches and pixels belong to it alone, so each image is copied or summed
/// the same way whichever range it falls in, and the result does not depend on the split.
@inline(__always)
func forEachImageRange(_ g: ConvGeometry, batch b: Int, _ body: (Range<Int>) -> Void) {
  Parallel.forEachRange(b, cost: g.positions * g.patchSize, body)
}

/// Patches of `x` [B, H * W * C] -> [B * Ho * Wo, k * k * C]; zero padding outside the image.
public func im2col(_ x: Tensor, _ g: ConvGeometry) -> Tensor {
  precondition(x.rank == 2 && x.shape[1] == g.inputSize, "im2col: input \(x.shape), expected [B, \(g.inputSize)]")
  let b = x.shape[0]
  // Every entry is written once, a copied pixel or a padding zero, so the patch matrix (115 MB
  // for a batch of 128 at 28x28x32) is not zero-filled first.
  let count = b * g.positions * g.patchSize
  let out = [Float](unsafeUninitializedCapacity: count) { os, initialized in
    x.storage.withUnsafeBufferPointer { xs in
      let xp = xs.baseAddress!
      let op = os.baseAddress!
      forEachImageRange(g, batch: b) { images in
        // Plain loops rather than memmove/memset calls: a run is at most k * C values, three
        // for a first layer over grey images, where a call per run cost more than the copy.
        forEachPatchRun(g, images: images) { patch, pixel, count in
          let (target, source) = (op + patch, xp + pixel)
          for i in 0..<count { target[i] = source[i] }
        } padding: { patch, count in
          let target = op + patch
          for i in 0..<count { target[i] = 0 }
        }
      }
    }
    initialized = count
  }
  return Tensor(shape: [b * g.positions, g.patchSize], storage: out)
}

/// The adjoint of `im2col`: patches [B * Ho * Wo, k * k * C] -> images [B, H * W * C], each
/// entry added to the pixel it came from (padding entries are dropped).
public func col2im(_ patches: Tensor, _ g: ConvGeometry, batch b: Int) -> Tensor {
  precondition(
    patches.shape == [b * g.positions, g.patchSize],
    "col2im: patches \(patches.shape), expected [\(b * g.positions), \(g.patchSize)]")
  var out = [Float](repeating: 0, count: b * g.inputSize)
  patches.storage.withUnsafeBufferPointer { ps in
    out.withUnsafeMutableBufferPointer { os in
      let pp = ps.baseAddress!
      let op = os.baseAddress!
      forEachImageRange(g, batch: b) { images in
        forEachPatchRun(g, images: images) { patch, pixel, count in
          // Through offset pointers, so the loop has no overflow-checked index arithmetic and
          // vectorises; each pixel receives its patch entries in traversal order.
          let (target, source) = (op + pixel, pp + patch)
          for i in 0..<count { target[i] += source[i] }
        }
      }
    }
  }
  return Tensor(shape: [b, g.inputSize], storage: out)
}
