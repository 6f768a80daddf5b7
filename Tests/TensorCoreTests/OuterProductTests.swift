// Products with K = 1 skip sgemm and write C = alpha a b^T directly. Each entry is one product
// rounded once, so the bits must be sgemm's: checked against the same product through sgemm with
// a zero second column of A and row of B (K = 2, which adds an exact 0 to each entry), in every
// transpose case and at a size split over the cores.

import Stochastic
import TensorCore
import Testing

@Suite("Outer products (K = 1)")
struct OuterProductTests {
  @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
  func bitsEqualSgemms(transposes: (a: Bool, b: Bool)) {
    var rng = SeededRandom(seed: 31)
    for (m, n) in [(3, 5), (20_000, 288)] {
      let column = Tensor.normal([m, 1], using: &rng)
      let row = Tensor.normal([1, n], using: &rng)
      // As stored for each transpose case: op(A) = column, op(B) = row.
      let a = transposes.a ? column.transposed() : column
      let b = transposes.b ? row.transposed() : row
      let direct = Tensor.matmul(a, b, transposeA: transposes.a, transposeB: transposes.b)
      let paddedA = Tensor(shape: [m, 2], storage: column.storage.flatMap { [$0, 0] })
      let paddedB = Tensor(shape: [2, n], storage: row.storage + [Float](repeating: 0, count: n))
      let viaSgemm = Tensor.matmul(paddedA, paddedB)
      #expect(direct.shape == [m, n])
      // Counted, not compared as arrays: a failure then prints one number, not 5.76 million.
      #expect(differingBits(direct, viaSgemm) == 0, "m \(m), n \(n)")
      var scaled = Tensor.zeros([m, n])
      Tensor.gemm(a, b, into: &scaled, transposeA: transposes.a, transposeB: transposes.b, alpha: 0.5)
      var scaledViaSgemm = Tensor.zeros([m, n])
      Tensor.gemm(paddedA, paddedB, into: &scaledViaSgemm, alpha: 0.5)
      #expect(differingBits(scaled, scaledViaSgemm) == 0, "alpha 0.5, m \(m), n \(n)")
    }
  }
}
