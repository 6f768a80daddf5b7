// The narrow products of a convolution against their definitions, bit for bit, at every panel
// width and block remainder: P W (each entry one fused multiply-add chain over K in order, with
// W plain or transposed) and the weight gradient P^T G (chunks of 128 rows, each an FMA chain,
// summed in order within two fixed halves of the rows, then the halves added).

import CKernels
import Stochastic
import TensorCore
import Testing

/// Serialized: the cases that limit the kernels to their AVX2 blocks (the same bits by design,
/// so other suites running meanwhile are unaffected) must not overlap the ones that do not.
@Suite("Narrow product", .serialized)
struct NarrowProductTests {
  /// C[i, j] = fma(A[i, K-1], B[K-1, j], ... fma(A[i, 0], B[0, j], 0)), one entry at a time.
  static func chains(_ a: Tensor, _ b: Tensor, transposeB: Bool) -> [Float] {
    let (m, k) = (a.shape[0], a.shape[1])
    let n = transposeB ? b.shape[0] : b.shape[1]
    var c = [Float](repeating: 0, count: m * n)
    for i in 0..<m {
      for j in 0..<n {
        var acc: Float = 0
        for p in 0..<k { acc = acc.addingProduct(a[i, p], transposeB ? b[j, p] : b[p, j]) }
        c[i * n + j] = acc
      }
    }
    return c
  }

  /// Runs `body` with the kernels limited to AVX2 or not.
  static func withAVX2Only(_ on: Bool, _ body: () throws -> Void) rethrows {
    ck_narrow_limit_to_avx2(on ? 1 : 0)
    defer { ck_narrow_limit_to_avx2(0) }
    try body()
  }

  @Test(arguments: [1, 7, 8, 9, 16, 17, 32, 33, 70], [false, true])
  func everyEntryIsItsChain(n: Int, avx2Only: Bool) throws {
    try #require(Tensor.hasFusedMultiplyAdd, "no AVX2 and FMA: narrowProduct is sgemm here")
    try Self.withAVX2Only(avx2Only) { try checkChains(n: n) }
  }

  func checkChains(n: Int) throws {
    var rng = SeededRandom(seed: 41 + UInt64(n))
    // m = 1000 with k = 300 is above the split's threshold (two cores); 1, 5 and 13 rows leave
    // every remainder of the 12-, 6- and 3-row blocks.
    for (m, k) in [(1, 1), (5, 9), (13, 144), (1000, 300)] {
      let a = Tensor.uniform([m, k], low: -1, high: 1, using: &rng)
      let b = Tensor.uniform([k, n], low: -1, high: 1, using: &rng)
      let bt = Tensor.uniform([n, k], low: -1, high: 1, using: &rng)
      let plain = Tensor.narrowProduct(a, b)
      let transposed = Tensor.narrowProduct(a, bt, transposeB: true)
      #expect(plain.shape == [m, n] && transposed.shape == [m, n])
      #expect(plain.storage == Self.chains(a, b, transposeB: false), "m \(m), k \(k)")
      #expect(transposed.storage == Self.chains(a, bt, transposeB: true), "m \(m), k \(k), B^T")
    }
  }

  /// A dense layer's three products at the MLP VAE's width (500 columns, the last of 16 panels
  /// partial): A small enough to go panel by panel over the cores' column ranges
  /// (`ck_wide_product_columns`), and P^T G from one half (128 rows) and from two (300).
  @Test(arguments: [false, true])
  func wideProductsAreTheirChains(avx2Only: Bool) throws {
    try #require(Tensor.hasFusedMultiplyAdd, "no AVX2 and FMA: the narrow products are sgemm here")
    try Self.withAVX2Only(avx2Only) {
      var rng = SeededRandom(seed: 61)
      for (m, k, n) in [(128, 100, 500), (300, 37, 70)] {
        let a = Tensor.uniform([m, k], low: -1, high: 1, using: &rng)
        let b = Tensor.uniform([k, n], low: -1, high: 1, using: &rng)
        let bt = Tensor.uniform([n, k], low: -1, high: 1, using: &rng)
        let dz = Tensor.uniform([m, n], low: -1, high: 1, using: &rng)
        #expect(Tensor.narrowProduct(a, b).storage == Self.chains(a, b, transposeB: false), "\(m) x \(k) x \(n)")
        #expect(Tensor.narrowProduct(a, bt, transposeB: true).storage == Self.chains(a, bt, transposeB: true))
        #expect(Tensor.narrowTransposedProduct(a, dz).storage == Self.chunkedChains(a, dz), "P^T G, \(m) rows")
      }
    }
  }

  /// P^T G by its definition, one entry at a time.
  static func chunkedChains(_ p: Tensor, _ g: Tensor) -> [Float] {
    let (m, k, n) = (p.shape[0], p.shape[1], g.shape[1])
    let middle = m >= 256 ? m / 2 / 128 * 128 : m
    let halves = middle < m ? [0..<middle, middle..<m] : [0..<m]
    var c = [Float](repeating: 0, count: k * n)
    for q in 0..<k {
      for j in 0..<n {
        var total: Float = 0
        for (h, half) in halves.enumerated() {
          var sum: Float = 0
          for start in stride(from: half.lowerBound, to: half.upperBound, by: 128) {
            var acc: Float = 0
            for r in start..<Swift.min(start + 128, half.upperBound) { acc = acc.addingProduct(p[r, q], g[r, j]) }
            sum += acc
          }
          total = h == 0 ? sum : total + sum
        }
        c[q * n + j] = total
      }
    }
    return c
  }

  @Test(arguments: [1, 8, 9, 16, 17, 32, 33, 70], [false, true])
  func weightGradientIsItsChunkedChains(n: Int, avx2Only: Bool) throws {
    try #require(Tensor.hasFusedMultiplyAdd, "no AVX2 and FMA: narrowTransposedProduct is sgemm here")
    try Self.withAVX2Only(avx2Only) { try checkChunkedChains(n: n) }
  }

  func checkChunkedChains(n: Int) throws {
    var rng = SeededRandom(seed: 51 + UInt64(n))
    // 1 and 200 rows: one half; 300 and 1000: two, the first ending at 128 and 384; k = 13 and
    // 9 leave remainders of the 12-, 6- and 3-entry blocks.
    for (m, k) in [(1, 1), (200, 13), (300, 9), (1000, 144)] {
      let p = Tensor.uniform([m, k], low: -1, high: 1, using: &rng)
      let g = Tensor.uniform([m, n], low: -1, high: 1, using: &rng)
      let c = Tensor.narrowTransposedProduct(p, g)
      #expect(c.shape == [k, n])
      #expect(c.storage == Self.chunkedChains(p, g), "m \(m), k \(k)")
    }
  }
}
