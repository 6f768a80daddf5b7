// The narrow product (a convolution's tall patch matrix times its weights) against its
// definition: each entry one fused multiply-add chain over K in order, bit for bit, at every
// panel width and row-block remainder, with B plain or transposed, on one core or split.

import Stochastic
import TensorCore
import Testing

@Suite("Narrow product")
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

  @Test(arguments: [1, 7, 8, 9, 16, 17, 32, 33, 70])
  func everyEntryIsItsChain(n: Int) throws {
    try #require(Tensor.hasFusedMultiplyAdd, "no AVX2 and FMA: narrowProduct is sgemm here")
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
}
