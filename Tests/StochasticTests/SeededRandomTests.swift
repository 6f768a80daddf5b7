// Tests of SeededRandom: reproducibility, the published algorithm, and distributional sanity.
//
// Statistical tests use a fixed seed, so they are deterministic; their bounds are still honest
// ones (4 standard errors, or a chi-square tail of about 1e-5), so a wrong generator or a
// biased transform fails them, and a fixed seed passing them is not a fluke of tuning.

import Foundation
import Stochastic
import Testing

// MARK: Reference implementation, transcribed from the published C code

/// SplitMix64 (Steele, Lea & Flood 2014), as in https://prng.di.unimi.it/splitmix64.c.
private struct ReferenceSplitMix64 {
  var x: UInt64
  mutating func next() -> UInt64 {
    x = x &+ 0x9e37_79b9_7f4a_7c15
    var z = x
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }
}

/// xoshiro256** 1.0 (Blackman & Vigna 2018), as in https://prng.di.unimi.it/xoshiro256starstar.c,
/// with the state filled by four SplitMix64 outputs, as the authors recommend.
private struct ReferenceXoshiro256StarStar {
  var s: [UInt64]
  init(seed: UInt64) {
    var sm = ReferenceSplitMix64(x: seed)
    s = [sm.next(), sm.next(), sm.next(), sm.next()]
  }
  static func rotl(_ x: UInt64, _ k: Int) -> UInt64 { (x << UInt64(k)) | (x >> UInt64(64 - k)) }
  mutating func next() -> UInt64 {
    let result = Self.rotl(s[1] &* 5, 7) &* 9
    let t = s[1] << 17
    s[2] ^= s[0]
    s[3] ^= s[1]
    s[1] ^= s[2]
    s[0] ^= s[3]
    s[2] ^= t
    s[3] = Self.rotl(s[3], 45)
    return result
  }
}

private func draws(_ n: Int, seed: UInt64) -> [UInt64] {
  var rng = SeededRandom(seed: seed)
  return (0..<n).map { _ in rng.next() }
}

// MARK: Reproducibility and the algorithm

@Test func sameSeedGivesSameStream() {
  #expect(draws(1000, seed: 7) == draws(1000, seed: 7))
  var a = SeededRandom(seed: 7)
  var b = SeededRandom(seed: 7)
  #expect((0..<100).map { _ in a.normal() } == (0..<100).map { _ in b.normal() })
  #expect(a.permutation(50) == b.permutation(50))
}

@Test func differentSeedsGiveDifferentStreams() {
  // Nearby seeds must not give shifted or correlated copies: no value in common at all.
  let s0 = draws(1000, seed: 0)
  let s1 = draws(1000, seed: 1)
  #expect(s0 != s1)
  #expect(Set(s0).isDisjoint(with: Set(s1)))
}

/// Golden values: the first three outputs for seed 42, pinned. If this fails on some machine,
/// the lecture's "same --seed, same numbers" promise is broken there.
@Test func goldenFirstOutputsForSeed42() {
  // Printed once by SeededRandom on x86-64 Linux, and reproduced by a separate Python
  // transcription of the published C code.
  #expect(draws(3, seed: 42) == [0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1])
}

/// SplitMix64's published first outputs for seed 0 (they appear in many reference test
/// suites); this pins the reference implementation below to something outside this file.
@Test func referenceSplitMix64MatchesPublishedVector() {
  var sm = ReferenceSplitMix64(x: 0)
  #expect([sm.next(), sm.next(), sm.next()] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
}

@Test(arguments: [0, 1, 42, 12345, UInt64.max])
func matchesReferenceXoshiro256StarStar(seed: UInt64) {
  var reference = ReferenceXoshiro256StarStar(seed: seed)
  let expected = (0..<1000).map { _ in reference.next() }
  #expect(draws(1000, seed: seed) == expected)
}

// MARK: Uniforms and normals

@Test func uniformIsInUnitIntervalWithMeanOneHalf() {
  var rng = SeededRandom(seed: 2024)
  let n = 100_000
  let u = (0..<n).map { _ in rng.uniform() }
  #expect(u.allSatisfy { $0 >= 0 && $0 < 1 })
  let mean = u.reduce(0, +) / Double(n)
  let se = (1.0 / 12.0 / Double(n)).squareRoot()  // sd of U(0,1) is 1/sqrt(12)
  #expect(abs(mean - 0.5) < 4 * se, "mean \(mean), 4 SE = \(4 * se)")
  let v = u.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
  #expect(abs(v - 1.0 / 12.0) < 0.002, "variance \(v) vs 1/12")
  var r = SeededRandom(seed: 3)
  let ab = (0..<10_000).map { _ in r.uniform(-2, 5) }
  #expect(ab.allSatisfy { $0 >= -2 && $0 < 5 })
}

@Test func normalHasMeanZeroAndVarianceOne() {
  var rng = SeededRandom(seed: 99)
  let n = 100_000
  let z = rng.normals(n)
  #expect(z.allSatisfy { $0.isFinite })
  let mean = z.reduce(0, +) / Double(n)
  let variance = z.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
  let seMean = (1.0 / Double(n)).squareRoot()
  let seVariance = (2.0 / Double(n)).squareRoot()  // Var(s^2) = 2 sigma^4 / (n - 1) for normals
  #expect(abs(mean) < 4 * seMean, "mean \(mean), 4 SE = \(4 * seMean)")
  #expect(abs(variance - 1) < 4 * seVariance, "variance \(variance), 4 SE = \(4 * seVariance)")
  // The tails are there: P(|Z| > 3) = 0.0027, so about 270 of 1e5 (SE about 16).
  let tail = z.filter { abs($0) > 3 }.count
  #expect(abs(Double(tail) - 270) < 4 * 16.4, "tail count \(tail)")
  var r = SeededRandom(seed: 5)
  let shifted = (0..<n).map { _ in r.normal(mean: 3, standardDeviation: 2) }
  let shiftedMean = shifted.reduce(0, +) / Double(n)
  #expect(abs(shiftedMean - 3) < 4 * 2 * seMean)
}

// MARK: Integers and permutations

@Test(arguments: [1, 2, 3, 7, 10, 1000, Int.max])
func indexBelowStaysInRange(bound: Int) {
  var rng = SeededRandom(seed: UInt64(truncatingIfNeeded: bound))
  let values = (0..<5000).map { _ in rng.index(below: bound) }
  #expect(values.allSatisfy { $0 >= 0 && $0 < bound })
  if bound == 1 { #expect(values.allSatisfy { $0 == 0 }) }
  if bound <= 10 { #expect(Set(values).count == bound, "every value of 0..<\(bound) should appear") }
}

/// Pearson chi-square of the position x value counts of `trials` permutations of 0..<n.
/// Under uniformity each cell has expectation trials/n and the statistic is approximately
/// chi-square with (n - 1)^2 degrees of freedom (rows and columns both sum to `trials`).
private func positionChiSquare(n: Int, trials: Int, _ permute: () -> [Int]) -> Double {
  var counts = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
  for _ in 0..<trials {
    for (position, value) in permute().enumerated() { counts[position][value] += 1 }
  }
  let expected = Double(trials) / Double(n)
  return counts.joined().reduce(0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
}

/// Chi-square with 16 degrees of freedom: mean 16, sd sqrt(32) = 5.66. 16 + 6 sd = 50 has an
/// upper-tail probability of about 2e-5: loose, but a biased shuffle lands far above it.
private let chiSquareBound16 = 50.0

@Test func permutationIsAUniformPermutation() {
  var rng = SeededRandom(seed: 11)
  for n in [0, 1, 2, 10, 100] {
    #expect(rng.permutation(n).sorted() == Array(0..<n))
  }
  let chi2 = positionChiSquare(n: 5, trials: 20_000) { rng.permutation(5) }
  #expect(chi2 < chiSquareBound16, "chi-square \(chi2) with 16 dof")
  var array = ["a", "b", "c", "d", "e", "f"]
  rng.shuffle(&array)
  #expect(array.sorted() == ["a", "b", "c", "d", "e", "f"])
}

/// The chi-square check has power: the classic wrong shuffle (swap i with any of 0..<n)
/// is biased, and the same statistic and bound reject it (expected statistic about 945).
@Test func chiSquareCheckRejectsABiasedShuffle() {
  var rng = SeededRandom(seed: 11)
  let chi2 = positionChiSquare(n: 5, trials: 20_000) {
    var p = Array(0..<5)
    for i in 0..<5 { p.swapAt(i, rng.index(below: 5)) }
    return p
  }
  #expect(chi2 > chiSquareBound16, "naive shuffle should be rejected, chi-square \(chi2)")
}

// MARK: Derived streams

@Test func derivedStreamsDifferFromParentAndEachOther() {
  let parent = SeededRandom(seed: 42)
  var p = parent
  var a = parent.derived("init")
  var a2 = parent.derived("init")
  var b = parent.derived("shuffle")
  let sp = (0..<1000).map { _ in p.next() }
  let sa = (0..<1000).map { _ in a.next() }
  let sa2 = (0..<1000).map { _ in a2.next() }
  let sb = (0..<1000).map { _ in b.next() }
  #expect(sa == sa2, "derived streams are reproducible")
  #expect(Set(sa).isDisjoint(with: Set(sp)))
  #expect(Set(sa).isDisjoint(with: Set(sb)))
  #expect(Set(sb).isDisjoint(with: Set(sp)))
  // Deriving does not advance the parent.
  var fresh = SeededRandom(seed: 42)
  #expect(sp == (0..<1000).map { _ in fresh.next() })
  // A derived stream depends on the parent's state, not only the label.
  var other = SeededRandom(seed: 43).derived("init")
  #expect(other.next() != sa[0])
}

// MARK: Skipping ahead

/// `afterNormals(k)` and `afterUniforms(k)` leave the generator as k calls would, with or
/// without a spare normal waiting: the next normals and bits agree.
@Test(arguments: [0, 1, 2, 3, 8, 11])
func skippingAheadLeavesTheStateTheCallsLeave(count: Int) {
  for spare in [false, true] {
    var called = SeededRandom(seed: 41)
    if spare { _ = called.normal() }
    var skipped = called.afterNormals(count)
    for _ in 0..<count { _ = called.normal() }
    #expect((0..<3).map { _ in called.normal() } == (0..<3).map { _ in skipped.normal() }, "spare \(spare)")
    #expect(called.next() == skipped.next())
    var drawn = called.afterUniforms(0)
    let uniformsSkipped = called.afterUniforms(count)
    for _ in 0..<count { _ = drawn.uniform() }
    var a = drawn
    var b = uniformsSkipped
    #expect(a.next() == b.next() && a.normal() == b.normal())
  }
}
