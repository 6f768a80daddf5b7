// C = A B for a tall A and a small B: the products of a convolution layer (its patches or
// gradients times its weights), computed by `ck_narrow_product` in CKernels, which reads A in
// place instead of packing it as sgemm does (see narrowproduct.c for the measurements). The
// dense layers' products go through the same functions (FusedDense.swift): a wide B, more than
// one panel of 32 columns, is then shared out by columns (`ck_wide_product_columns`), each entry
// still the same chain.

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
          if isWide(m: m, n: n, k: k) {
            // The cores take ranges of 32-column panels; each panel meets every row of A.
            Parallel.forEachRange((n + 31) / 32, cost: 64 * m * k, minimumWork: 1 << 20) { panels in
              withUninitializedFloats(k * 32) { panel in
                ck_wide_product_columns(
                  ap, k, bp, bRow, bColumn, cp, n, m, k, panels.lowerBound * 32, Swift.min(n, panels.upperBound * 32),
                  panel)
              }
            }
            return
          }
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
    if n > 32 { return wideTransposedProduct(p, g) }
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
    let halves = twoHalves(rows: m)
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

  /// The rows of P^T G's two halves: the first ends at a multiple of CK_NARROW_CHUNK_ROWS near
  /// m / 2; one half when m is under two chunks.
  static func twoHalves(rows m: Int) -> [Range<Int>] {
    let chunk = Int(CK_NARROW_CHUNK_ROWS)
    let middle = m >= 2 * chunk ? m / 2 / chunk * chunk : m
    return middle < m ? [0..<middle, middle..<m] : [0..<m]
  }

  /// P^T G with more than 32 columns (a dense layer's weight gradient x^T dZ, [784 x 500] from a
  /// batch of 128): the columns are shared out over the cores, so that the product does not run
  /// on one core when its rows make a single half, and each core sums both halves of its own
  /// columns and adds them while they are in its cache (the first half is written to C, the
  /// second to scratch, and C += scratch: the bits of first + second). Adding the halves in a
  /// pass of their own after the product, on one core, took 2.5 % of a deep AE epoch's samples.
  /// The same bits as the narrow route (`ck_narrow_transposed_columns`).
  static func wideTransposedProduct(_ p: Tensor, _ g: Tensor) -> Tensor {
    let (m, k, n) = (p.shape[0], p.shape[1], g.shape[1])
    let halves = twoHalves(rows: m)
    let panels = (n + 31) / 32
    let parts = Swift.min(panels, Swift.max(1, Parallel.width))
    // Every column range of C (and of the second half's scratch) is written by
    // ck_narrow_transposed_columns before it is read.
    var total = [Float](unsafeUninitializedCapacity: k * n) { _, count in count = k * n }
    var second = [Float](unsafeUninitializedCapacity: halves.count > 1 ? k * n : 0) { _, count in
      count = halves.count > 1 ? k * n : 0
    }
    p.storage.withUnsafeBufferPointer { pp in
      g.storage.withUnsafeBufferPointer { gp in
        total.withUnsafeMutableBufferPointer { tp in
          second.withUnsafeMutableBufferPointer { sp in
            guard let pp = pp.baseAddress, let gp = gp.baseAddress, let tp = tp.baseAddress else { return }
            // An empty array's buffer may still have a base address: the second half's scratch is
            // used only when there are two halves.
            let pointers = UncheckedBox((pp, gp, tp, halves.count > 1 ? sp.baseAddress : nil))
            let run = { (part: Int) in
              let (pp, gp, tp, sp) = pointers.value
              let first = panels * part / parts * 32
              let last = Swift.min(n, panels * (part + 1) / parts * 32)
              withUninitializedFloats(Int(CK_NARROW_CHUNK_ROWS) * 32) { scratch in
                for (half, rows) in halves.enumerated() {
                  guard let c = half == 0 ? tp : sp else { continue }
                  ck_narrow_transposed_columns(pp, k, gp, n, rows.lowerBound, rows.upperBound, c, first, last, scratch)
                }
              }
              guard let sp else { return }
              for q in 0..<k {
                let (t, s) = (tp + q * n, sp + q * n)
                for j in first..<last { t[j] += s[j] }
              }
            }
            if 2 * m * k * n < 1 << 20 {
              for part in 0..<parts { run(part) }
            } else {
              Parallel.perform(parts: parts, run)
            }
          }
        }
      }
    }
    return Tensor(shape: [k, n], storage: total)
  }

  /// Whether C = A op(B) goes panel by panel over all rows (`ck_wide_product_columns`) rather
  /// than row block by row block over all of B: when B is wider than one 32-column panel and A
  /// (read once per panel) fits in a core's cache, 1 MB.
  static func isWide(m: Int, n: Int, k: Int) -> Bool { n > 32 && m * k <= 1 << 18 }

  /// Whether the narrow products run their own kernels (AVX2 and FMA) rather than sgemm.
  public static let hasFusedMultiplyAdd = ck_has_fma() != 0
}

/// Calls `body` with a scratch buffer of `count` floats, left uninitialised (the kernels write
/// every float they read).
func withUninitializedFloats(_ count: Int, _ body: (UnsafeMutablePointer<Float>) -> Void) {
  let buffer = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(count, 1))
  defer { buffer.deallocate() }
  body(buffer)
}
