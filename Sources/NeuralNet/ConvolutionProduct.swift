// A convolution's two narrow products, im2col(x) W and im2col(x)^T G, without the patch matrix:
// CKernels' convolutionproduct.c writes im2col's rows a chunk at a time into a buffer that stays
// in cache and multiplies each chunk by the narrow-product kernels. The [B * Ho * Wo, k * k * C]
// matrix (14 MB for the VQ-VAE's second layer, 115 MB for the conv VAE's) is never written to
// memory, and the forward pass no longer keeps it for the weight gradient.
//
// Both are bit for bit `Tensor.narrowProduct(im2col(x, g), w)` and
// `Tensor.narrowTransposedProduct(im2col(x, g), gy)`: the same chains over the same rows, only
// fed from the cache (the tests compare them so). Without AVX2 and FMA they are those two calls.

import CKernels
import TensorCore

/// im2col(x, g) W for x [B, H * W * C] and W [k * k * C, N] -> [B * Ho * Wo, N].
public func convolutionProduct(_ x: Tensor, _ g: ConvGeometry, _ w: Tensor) -> Tensor {
  precondition(x.rank == 2 && x.shape[1] == g.inputSize, "convolution: input \(x.shape), expected [B, \(g.inputSize)]")
  precondition(w.rank == 2 && w.shape[0] == g.patchSize, "convolution: weight \(w.shape) needs \(g.patchSize) rows")
  let (m, k, n) = (x.shape[0] * g.positions, g.patchSize, w.shape[1])
  guard Tensor.hasFusedMultiplyAdd, m > 0, n > 0 else { return Tensor.narrowProduct(im2col(x, g), w) }
  var panels = [Float](repeating: 0, count: k * (n + 31) / 32 * 32)
  w.storage.withUnsafeBufferPointer { wp in
    panels.withUnsafeMutableBufferPointer { pp in ck_narrow_pack(wp.baseAddress, n, 1, k, n, pp.baseAddress) }
  }
  var y = Tensor(shape: [m, n]) { _ in }  // every entry written below
  x.storage.withUnsafeBufferPointer { xp in
    panels.withUnsafeBufferPointer { pp in
      y.storage.withUnsafeMutableBufferPointer { yp in
        guard let xp = xp.baseAddress, let pp = pp.baseAddress, let yp = yp.baseAddress else { return }
        withUnsafePointer(to: g.kernelGeometry) { kg in
          Parallel.forEachRange(m, cost: 2 * n * k, minimumWork: 1 << 20) { rows in
            var patches = uninitializedFloats(Int(CK_PATCH_CHUNK_ROWS) * k)
            patches.withUnsafeMutableBufferPointer { patches in
              ck_convolution_product(xp, kg, pp, yp, n, rows.lowerBound, rows.upperBound, patches.baseAddress)
            }
          }
        }
      }
    }
  }
  return y
}

/// im2col(x, g)^T gy for x [B, H * W * C] and gy [B * Ho * Wo, N] -> [k * k * C, N]: the weight
/// gradient, summed over the rows in `Tensor.sumOverTwoHalves`'s fixed halves.
public func convolutionWeightGradient(_ x: Tensor, _ g: ConvGeometry, _ gy: Tensor) -> Tensor {
  precondition(x.rank == 2 && x.shape[1] == g.inputSize, "convolution: input \(x.shape), expected [B, \(g.inputSize)]")
  let (m, k, n) = (x.shape[0] * g.positions, g.patchSize, gy.shape[1])
  precondition(gy.rank == 2 && gy.shape[0] == m, "convolution: gradient \(gy.shape) needs \(m) rows")
  guard Tensor.hasFusedMultiplyAdd, m > 0, n > 0 else { return Tensor.narrowTransposedProduct(im2col(x, g), gy) }
  let chunk = Int(CK_NARROW_CHUNK_ROWS)
  return x.storage.withUnsafeBufferPointer { xp in
    gy.storage.withUnsafeBufferPointer { gp in
      withUnsafePointer(to: g.kernelGeometry) { kg in
        Tensor.sumOverTwoHalves(rows: m, k: k, n: n) { rows, c in
          guard let xp = xp.baseAddress, let gp = gp.baseAddress else { return }
          var scratch = uninitializedFloats(chunk * 32)
          var patches = uninitializedFloats(chunk * k)
          scratch.withUnsafeMutableBufferPointer { s in
            patches.withUnsafeMutableBufferPointer { patches in
              ck_convolution_transposed_product(
                xp, kg, gp, n, rows.lowerBound, rows.upperBound, c, s.baseAddress, patches.baseAddress)
            }
          }
        }
      }
    }
  }
}

/// A buffer the kernels write before they read it (the chunks of patch rows, a panel of G):
/// not cleared first.
private func uninitializedFloats(_ count: Int) -> [Float] {
  [Float](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
}

/// The input gradient of a stride-1 convolution, dx = col2im(gy W^T), as one more convolution:
/// dx[n, y, x, ci] = sum over taps (ky, kx) and co of gy[n, y + p - ky, x + p - kx, co]
/// W[(ky k + kx) C_in + ci, co], which is gy, read as Ho x Wo x C_out images, convolved with
/// padding k - 1 - p by the weights turned half a turn and transposed per tap,
///   W'[((k - 1 - ky) k + (k - 1 - kx)) C_out + co, ci] = W[(ky k + kx) C_in + ci, co],
/// and has H x W output positions. So `convolutionProduct` computes it from cached chunks: no
/// [B * Ho * Wo, k * k * C_in] matrix G W^T to fill and fold back by col2im. Each entry is one
/// fused multiply-add chain over (tap, co) in order (col2im's route sums k * k entries of G W^T
/// instead). nil where this does not apply: a stride above 1, a padding wider than k - 1, or no
/// AVX2 and FMA.
public func convolutionInputGradient(_ gy: Tensor, _ g: ConvGeometry, _ w: Tensor, batch b: Int) -> Tensor? {
  guard Tensor.hasFusedMultiplyAdd, g.stride == 1, g.padding <= g.kernel - 1 else { return nil }
  let (k, inChannels, outChannels) = (g.kernel, g.channels, w.shape[1])
  precondition(
    w.shape == [g.patchSize, outChannels] && gy.shape == [b * g.positions, outChannels],
    "convolution input gradient: weight \(w.shape), gradient \(gy.shape) for \(b) images of \(g.positions) positions")
  let taps = k * k
  let turned = Tensor(shape: [taps * outChannels, inChannels]) { t in
    w.storage.withUnsafeBufferPointer { w in
      for tap in 0..<taps {
        for co in 0..<outChannels {
          for ci in 0..<inChannels {
            t[(tap * outChannels + co) * inChannels + ci] = w[((taps - 1 - tap) * inChannels + ci) * outChannels + co]
          }
        }
      }
    }
  }
  let adjoint = ConvGeometry(
    height: g.outputHeight, width: g.outputWidth, channels: outChannels, kernel: k, padding: k - 1 - g.padding)
  return convolutionProduct(gy.reshaped([b, g.positions * outChannels]), adjoint, turned)
    .reshaped([b, g.inputSize])
}
