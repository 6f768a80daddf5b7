// A product's bits must not depend on the machine's core count: its blocks are fixed by the
// shape, and more cores only cut them at whole row tiles (BLASSplit). Planned here for other
// machines than this one, each product must give the bits the course's transcripts were made
// with, on two cores.

import Stochastic
import TensorCore
import Testing

@Suite("Products give the same bits on any number of cores")
struct ProductSplitTests {
  /// The course's dense layers (batches of 128 and 256) and a few shapes whose blocks end off
  /// the row tiles, along C's rows (m >= n) and columns (n > m).
  static let shapes = [
    (128, 500, 784), (784, 500, 128), (500, 500, 128), (128, 784, 500), (256, 32, 784), (784, 32, 256),
    (1001, 300, 37), (97, 1000, 300),
  ]

  @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
  func bitsDoNotDependOnTheCores(ta: Bool, tb: Bool) {
    var rng = SeededRandom(seed: 31)
    for (m, n, k) in Self.shapes {
      let a = Tensor.normal(ta ? [k, m] : [m, k], using: &rng)
      let b = Tensor.normal(tb ? [n, k] : [k, n], using: &rng)
      let c0 = Tensor.normal([m, n], using: &rng)
      for (alpha, beta): (Float, Float) in [(1, 0), (0.5, 2)] {
        var onTwo = c0
        Tensor.gemm(a, b, into: &onTwo, transposeA: ta, transposeB: tb, alpha: alpha, beta: beta, cores: 2)
        for cores in [1, 3, 4, 6, 8, 16] {
          var c = c0
          Tensor.gemm(a, b, into: &c, transposeA: ta, transposeB: tb, alpha: alpha, beta: beta, cores: cores)
          #expect(differingBits(c, onTwo) == 0, "[\(m) x \(k)] x [\(k) x \(n)] on \(cores) cores, beta \(beta)")
        }
      }
    }
  }

  /// The blocks cover C once, more cores give more blocks (up to the row tiles), and every cut
  /// inside a half is a whole number of row tiles after the half's first row.
  @Test func blocksCoverTheProductOnce() {
    for (m, n, k) in Self.shapes {
      let halves = BLASSplit(m: m, n: n, k: k, cores: 2).blocks
      #expect(halves.count == 2)
      for cores in 1...16 {
        let blocks = BLASSplit(m: m, n: n, k: k, cores: cores).blocks
        var covered = [Int](repeating: 0, count: m * n)
        for (rows, columns) in blocks {
          for i in rows { for j in columns { covered[i * n + j] += 1 } }
          let half = halves.first { $0.columns == columns && $0.rows.contains(rows.lowerBound) }
          #expect(half.map { (rows.lowerBound - $0.rows.lowerBound) % BLASSplit.rowTile == 0 } == true)
        }
        #expect(covered.allSatisfy { $0 == 1 }, "[\(m) x \(n)] on \(cores) cores")
        #expect(blocks.count >= Swift.min(cores, 2), "[\(m) x \(n)] on \(cores) cores: \(blocks.count) blocks")
      }
    }
  }
}
