// SeededRandom: the project's own pseudo-random generator.
//
// Why our own: Swift's SystemRandomNumberGenerator cannot be seeded, and the lecture promises
// that the same `--seed` prints the same numbers on every run and every machine with the same
// build. The generator is xoshiro256** (Blackman & Vigna, 2018), seeded through SplitMix64 so
// that nearby seeds (0, 1, 2...) give unrelated streams. Normals use the Box-Muller transform
// with both outputs used; everything else is built from `next()` with fixed arithmetic only,
// so the stream does not depend on the platform's random APIs.
//
// Not cryptographic. Not thread-safe by design: it is a value type, pass it `inout`.

import Foundation

/// A seeded, reproducible source of uniform bits, uniforms, normals and permutations.
public struct SeededRandom: RandomNumberGenerator, Sendable {
  private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
  /// The second Box-Muller output, kept for the next call to `normal()`.
  private var spareNormal: Double?

  /// Seeds the four state words from SplitMix64(seed); the state is never all zero.
  public init(seed: UInt64) {
    var x = seed
    func splitMix() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
    spareNormal = nil
  }

  /// A generator for a named sub-stream: `derived("init")` and `derived("shuffle")` of the
  /// same parent are independent, and adding a new consumer does not shift the others.
  public func derived(_ label: String) -> SeededRandom {
    // FNV-1a over the label bytes, mixed with the parent's state.
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for b in label.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
    return SeededRandom(seed: h ^ s0 ^ (s2 << 1))
  }

  /// The next 64 uniformly distributed bits (xoshiro256**).
  public mutating func next() -> UInt64 {
    let result = rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 45)
    return result
  }

  @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 &- k))
  }

  /// Uniform on [0, 1) with 53 random bits.
  public mutating func uniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// Uniform on [a, b).
  public mutating func uniform(_ a: Double, _ b: Double) -> Double {
    a + (b - a) * uniform()
  }

  /// Standard normal N(0, 1) by Box-Muller; u1 is taken from (0, 1] so log(u1) is finite.
  public mutating func normal() -> Double {
    if let z = spareNormal {
      spareNormal = nil
      return z
    }
    let u1 = 1.0 - uniform()  // (0, 1]
    let u2 = uniform()
    let r = (-2.0 * Foundation.log(u1)).squareRoot()
    let theta = 2.0 * Double.pi * u2
    spareNormal = r * Foundation.sin(theta)
    return r * Foundation.cos(theta)
  }

  /// N(mean, sd^2).
  public mutating func normal(mean: Double, standardDeviation sd: Double) -> Double {
    mean + sd * normal()
  }

  /// The generator as it will be after `count` more calls to `normal()`, found without their
  /// logarithms, sines and cosines: a whole pair's two uniforms are drawn and dropped. A long
  /// run of normals can then be cut into pieces drawn side by side, each from its own copy,
  /// bit for bit the numbers of the one run.
  public func afterNormals(_ count: Int) -> SeededRandom {
    var r = self
    var left = count
    if left > 0 && r.spareNormal != nil {
      r.spareNormal = nil
      left -= 1
    }
    for _ in 0..<(left / 2) {
      _ = r.next()
      _ = r.next()
    }
    if left % 2 == 1 { _ = r.normal() }  // the pair's cosine; its sine is left as the spare
    return r
  }

  /// The generator as it will be after `count` more calls to `uniform()` (or to
  /// `poisson(mean:)` at means in (0, 10), which draw one uniform each).
  public func afterUniforms(_ count: Int) -> SeededRandom {
    var r = self
    for _ in 0..<count { _ = r.next() }
    return r
  }

  /// A Poisson count with mean `mean` >= 0 (a photon count of low-dose imaging). Below 10 by
  /// inversion (the cumulative probabilities summed from 0); from 10 on by Hoermann's
  /// transformed rejection with squeeze (PTRS, 1993), a constant cost at any mean.
  public mutating func poisson(mean: Double) -> Int {
    precondition(mean >= 0 && mean.isFinite, "poisson(mean:) needs a finite mean >= 0")
    if mean == 0 { return 0 }
    if mean < 10 {
      var p = Foundation.exp(-mean)
      var cumulative = p
      let u = uniform()
      var k = 0
      while u >= cumulative && p > 0 {
        k += 1
        p *= mean / Double(k)
        cumulative += p
      }
      return k
    }
    let logMean = Foundation.log(mean)
    let b = 0.931 + 2.53 * mean.squareRoot()
    let a = -0.059 + 0.02483 * b
    let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
    let vr = 0.9277 - 3.6224 / (b - 2)
    while true {
      let u = uniform() - 0.5
      let v = uniform()
      let us = 0.5 - abs(u)
      let k = Foundation.floor((2 * a / us + b) * u + mean + 0.43)
      if us >= 0.07 && v <= vr { return Int(k) }
      if k < 0 || (us < 0.013 && v > us) { continue }
      if Foundation.log(v) + Foundation.log(inverseAlpha) - Foundation.log(a / (us * us) + b)
        <= -mean + k * logMean - Foundation.lgamma(k + 1)
      {
        return Int(k)
      }
    }
  }

  /// A uniform integer in 0..<n without modulo bias (Lemire's multiply-shift with rejection).
  public mutating func index(below n: Int) -> Int {
    precondition(n > 0, "index(below:) needs a positive bound")
    let bound = UInt64(n)
    var product = next().multipliedFullWidth(by: bound)
    if product.low < bound {
      let threshold = (0 &- bound) % bound
      while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
    }
    return Int(product.high)
  }

  /// A uniformly random permutation of 0..<n (Fisher-Yates).
  public mutating func permutation(_ n: Int) -> [Int] {
    var p = Array(0..<n)
    shuffle(&p)
    return p
  }

  /// Shuffles `array` in place (Fisher-Yates, from the back).
  public mutating func shuffle<T>(_ array: inout [T]) {
    guard array.count > 1 else { return }
    for i in stride(from: array.count - 1, to: 0, by: -1) {
      let j = index(below: i + 1)
      if i != j { array.swapAt(i, j) }
    }
  }

  /// `n` standard normals as Double.
  public mutating func normals(_ n: Int) -> [Double] {
    (0..<n).map { _ in normal() }
  }
}
