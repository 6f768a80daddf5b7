import Foundation
import Stochastic
import TensorCore
import Testing

/// Relative error of a Float result against a Double reference, in units of Float's epsilon.
func ulps(_ value: Float, _ reference: Double) -> Double {
  Swift.abs(Double(value) - reference)
    / (Swift.max(Swift.abs(reference), Double(Float.leastNormalMagnitude)) * Double(Float.ulpOfOne))
}

@Suite("FastMath and Parallel")
struct FastMathTests {
  /// A dense grid plus random points over the whole clamped range.
  func points(_ low: Float, _ high: Float) -> [Float] {
    var rng = SeededRandom(seed: 21)
    let grid = (0...20_000).map { low + (high - low) * Float($0) / 20_000 }
    return grid + (0..<20_000).map { _ in low + (high - low) * Float(rng.uniform()) }
  }

  @Test func expIsWithinTwoUlpsOfDouble() {
    let worst = points(-87, 88).map { ulps(FastMath.exp($0), Foundation.exp(Double($0))) }.max() ?? .infinity
    #expect(worst <= 2, "worst error \(worst) ulp")
    // Clamped, not overflowing or NaN, outside the range.
    #expect(FastMath.exp(-1000) >= 0 && FastMath.exp(-1000) < 1e-37)
    #expect(FastMath.exp(1000).isFinite)
  }

  @Test func log1pUnitIsWithinThreeUlpsOfDouble() {
    let worst = points(0, 1).map { ulps(FastMath.log1pUnit($0), Foundation.log1p(Double($0))) }.max() ?? .infinity
    #expect(worst <= 3, "worst error \(worst) ulp")
    #expect(FastMath.log1pUnit(0) == 0)
    #expect(FastMath.log1pUnit(1e-30) == 1e-30)
  }

  @Test func sigmoidAndSoftplusMatchDouble() {
    var worstSigmoid = 0.0
    var worstSoftplus = 0.0
    for x in points(-60, 60) {
      let xd = Double(x)
      worstSigmoid = Swift.max(worstSigmoid, ulps(FastMath.sigmoid(x), 1 / (1 + Foundation.exp(-xd))))
      let softplus = Swift.max(xd, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(xd)))
      worstSoftplus = Swift.max(worstSoftplus, ulps(FastMath.softplus(x), softplus))
    }
    #expect(worstSigmoid <= 4, "sigmoid worst \(worstSigmoid) ulp")
    #expect(worstSoftplus <= 4, "softplus worst \(worstSoftplus) ulp")
    #expect(FastMath.sigmoid(200) == 1 && FastMath.sigmoid(-200) >= 0 && FastMath.sigmoid(-200) < 1e-37)
  }

  @Test(arguments: [0, 1, 15, 16, 17, 784])
  func simdSumMatchesDouble(count: Int) {
    var rng = SeededRandom(seed: 22)
    let x = (0..<count).map { _ in Float(rng.normal()) }
    let reference = x.reduce(0.0) { $0 + Double($1) }
    let s = x.withUnsafeBufferPointer { b in b.baseAddress.map { FastMath.sum($0, count: count) } ?? 0 }
    #expect(Swift.abs(Double(s) - reference) <= 1e-5 * Swift.max(1, Double(count)))
  }

  @Test(arguments: [0, 1, 2, 3, 1000, 100_000])
  func parallelRangesCoverEachIndexOnce(count: Int) {
    var hits = [Int](repeating: 0, count: count)
    hits.withUnsafeMutableBufferPointer { h in
      let base = h.baseAddress
      Parallel.forEachRange(count, minimumWork: 1) { range in
        for i in range { base![i] += 1 }
      }
    }
    #expect(hits.allSatisfy { $0 == 1 })
  }

  @Test func uninitializedInitWritesEveryElement() {
    let t = Tensor(shape: [3, 4]) { b in
      for i in b.indices { b[i] = Float(i) }
    }
    #expect(t.storage == (0..<12).map(Float.init))
    // matmul's output is not zero-filled first: a product must still be exact.
    let a = Tensor([[1, 2], [3, 4]])
    #expect(Tensor.matmul(a, a) == Tensor([[7, 10], [15, 22]]))
  }
}

@Suite("FastMath square root")
struct FastMathSquareRootTests {
  @Test func squareRootIsWithinTwoUlpsForNormals() {
    var rng = SeededRandom(seed: 23)
    // Log-uniform over the normal range, plus exact squares.
    let xs =
      (0..<40_000).map { _ in Float(Foundation.exp(Double(rng.uniform()) * 174 - 87)) } + [1, 4, 0.25, 1e-30, 3e38]
    let worst = xs.map { ulps(FastMath.squareRoot($0), Foundation.sqrt(Double($0))) }.max() ?? .infinity
    #expect(worst <= 2, "worst error \(worst) ulp")
    #expect(FastMath.squareRoot(0) == 0)
    // Subnormals (about 1e-40, 1e-44): finite, in [0, sqrt(x)].
    for tiny in [Float(bitPattern: 0x0001_16C2), Float(bitPattern: 7)] {
      let r = FastMath.squareRoot(tiny)
      #expect(r.isFinite && r >= 0 && Double(r) <= Foundation.sqrt(Double(tiny)))
    }
  }
}

@Suite("Products split over the cores")
struct SplitGemmTests {
  /// Shapes large enough for the per-core split, along C's rows (m >= n) and columns (n > m),
  /// with a block boundary that is not a multiple of the kernel width; all transpose cases,
  /// and alpha/beta accumulation into an existing C.
  @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
  func splitProductMatchesDefinition(ta: Bool, tb: Bool) {
    var rng = SeededRandom(seed: 24)
    for (m, n, k) in [(301, 40, 70), (40, 297, 70)] {
      let a = Tensor.normal(ta ? [k, m] : [m, k], using: &rng)
      let b = Tensor.normal(tb ? [n, k] : [k, n], using: &rng)
      let c0 = Tensor.normal([m, n], using: &rng)
      var c = c0
      Tensor.gemm(a, b, into: &c, transposeA: ta, transposeB: tb, alpha: 0.5, beta: 2)
      let reference = naiveMatmul(a, b, ta, tb)
      var worst = 0.0
      for i in 0..<(m * n) {
        let expected = 0.5 * reference[i] + 2 * Double(c0.storage[i])
        worst = Swift.max(worst, Swift.abs(Double(c.storage[i]) - expected))
      }
      #expect(worst < 1e-3, "m \(m) n \(n) k \(k): worst \(worst)")
    }
  }
}

@Suite("FastMath atanh series")
struct FastMathAtanhTests {
  @Test func twiceAtanhIsWithinThreeUlpsOfDouble() {
    let worst =
      stride(from: Float(0), through: 1.0 / 3, by: 1e-5).map { s in
        ulps(FastMath.twiceAtanh(s), Foundation.log((1 + Double(s)) / (1 - Double(s))))
      }.max() ?? .infinity
    #expect(worst <= 3, "worst error \(worst) ulp")
  }
}
