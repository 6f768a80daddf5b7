// C = A B for a tall A and a small B: the products of a convolution layer (its patches or
// gradients times its weights), computed by `ck_narrow_product` in CKernels, which reads A in
// place instead of packing it as sgemm does (see narrowproduct.c for the measurements).

import CKernels

extension Tensor {
  /// C = A op(B) for A [M, K] and B [K, N] (or [N, K] with transposeB) -> C [M, N], each entry
  /// the fused multiply-add chain over K in order: bits that do not depend on the row split
  /// over the cores. Without AVX2 and FMA it is `matmul`.
  public static func narrowProduct(_ a: Tensor, _ b: Tensor, transposeB: Bool = false) -> Tensor {
    precondition(a.rank == 2 && b.rank == 2, "narrowProduct needs rank-2 operands: \(a.shape), \(b.shape)")
    let (m, k) = (a.shape[0], a.shape[1])
    let n = transposeB ? b.shape[0] : b.shape[1]
    precondition(
      (transposeB ? b.shape[1] : b.shape[0]) == k,
      "narrowProduct inner dimensions differ: \(a.shape) x \(b.shape)\(transposeB ? "^T" : "")")
    guard hasFusedMultiplyAdd, m > 0, n > 0, k > 0 else { return matmul(a, b, transposeB: transposeB) }
    var c = Tensor(shape: [m, n]) { _ in }  // every entry written below
    a.storage.withUnsafeBufferPointer { ap in
      b.storage.withUnsafeBufferPointer { bp in
        c.storage.withUnsafeMutableBufferPointer { cp in
          guard let ap = ap.baseAddress, let bp = bp.baseAddress, let cp = cp.baseAddress else { return }
          let (bRow, bColumn) = transposeB ? (1, k) : (n, 1)
          Parallel.forEachRange(m, cost: 2 * n * k, minimumWork: 1 << 20) { rows in
            var scratch = [Float](repeating: 0, count: k * (n + 31) / 32 * 32)  // B's panels
            scratch.withUnsafeMutableBufferPointer { s in
              ck_narrow_product(ap, k, bp, bRow, bColumn, cp, n, rows.lowerBound, rows.upperBound, n, k, s.baseAddress)
            }
          }
        }
      }
    }
    return c
  }

  /// Whether `narrowProduct` runs its own kernels (AVX2 and FMA) rather than sgemm.
  public static let hasFusedMultiplyAdd = ck_has_fma() != 0
}
