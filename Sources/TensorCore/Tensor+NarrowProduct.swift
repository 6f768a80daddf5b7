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

  /// C = P^T G for P [M, K] and G [M, N] -> C [K, N]: a convolution's weight gradient, with M
  /// (its batch's pixels) far above K and N. The rows go in two fixed halves (the first ends at
  /// a multiple of 128 near M / 2), one per core when there are two; each half sums chunks of
  /// 128 rows, each chunk an FMA chain per entry (`ck_narrow_transposed_product`), and C is the
  /// first half's sum plus the second's: the same bits on any number of cores. Without AVX2 and
  /// FMA it is `matmul`.
  public static func narrowTransposedProduct(_ p: Tensor, _ g: Tensor) -> Tensor {
    precondition(
      p.rank == 2 && g.rank == 2 && p.shape[0] == g.shape[0], "P^T G needs [M, K], [M, N]: \(p.shape), \(g.shape)")
    let (m, k, n) = (p.shape[0], p.shape[1], g.shape[1])
    guard hasFusedMultiplyAdd, m > 0, n > 0, k > 0 else { return matmul(p, g, transposeA: true) }
    return p.storage.withUnsafeBufferPointer { pp in
      g.storage.withUnsafeBufferPointer { gp in
        sumOverTwoHalves(rows: m, k: k, n: n) { rows, c in
          guard let pp = pp.baseAddress, let gp = gp.baseAddress else { return }
          var scratch = [Float](repeating: 0, count: Int(CK_NARROW_CHUNK_ROWS) * 32)
          scratch.withUnsafeMutableBufferPointer { s in
            ck_narrow_transposed_product(pp, k, gp, n, rows.lowerBound, rows.upperBound, c, s.baseAddress)
          }
        }
      }
    }
  }

  /// A [k, n] sum over rows 0..<m split as P^T G fixes it: two halves, the first ending at a
  /// multiple of CK_NARROW_CHUNK_ROWS near m / 2 (one half when m is under two chunks), run one
  /// per core when there are two; `half(rows, c)` writes the sum over `rows` into c [k, n]
  /// (zeroed), and the result is the first half's sum plus the second's.
  public static func sumOverTwoHalves(
    rows m: Int, k: Int, n: Int, _ half: (Range<Int>, UnsafeMutablePointer<Float>) -> Void
  ) -> Tensor {
    let chunk = Int(CK_NARROW_CHUNK_ROWS)
    let middle = m >= 2 * chunk ? m / 2 / chunk * chunk : m
    let halves = middle < m ? [0..<middle, middle..<m] : [0..<m]
    var sums = [[Float]](repeating: [Float](repeating: 0, count: k * n), count: halves.count)
    sums.withUnsafeMutableBufferPointer { sums in
      Parallel.perform(parts: halves.count) { part in
        sums[part].withUnsafeMutableBufferPointer { c in
          if let c = c.baseAddress { half(halves[part], c) }
        }
      }
    }
    let total = sums.count == 1 ? sums[0] : Swift.zip(sums[0], sums[1]).map { $0 + $1 }
    return Tensor(shape: [k, n], storage: total)
  }

  /// Whether the narrow products run their own kernels (AVX2 and FMA) rather than sgemm.
  public static let hasFusedMultiplyAdd = ck_has_fma() != 0
}
