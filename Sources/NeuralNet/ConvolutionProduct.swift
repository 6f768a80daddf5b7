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
            var patches = [Float](repeating: 0, count: Int(CK_PATCH_CHUNK_ROWS) * k)
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
          var scratch = [Float](repeating: 0, count: chunk * 32)
          var patches = [Float](repeating: 0, count: chunk * k)
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
