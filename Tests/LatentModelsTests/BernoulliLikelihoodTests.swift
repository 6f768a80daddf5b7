// The vectorised Bernoulli log-likelihood (fdlibm's exp and log1p in C) against its libm
// reference, term by term and row by row.

import Foundation
import LatentModels
import Stochastic
import TensorCore
import Testing

@Suite("Bernoulli log-likelihood: vectorised and libm")
struct BernoulliLikelihoodTests {
  /// Logits over the softplus term's whole range: a fine grid where it bends, powers of two
  /// from 2^-40 to 2^9 (where e^-|l| goes subnormal and then zero), both signs, and the
  /// special values.
  static let logits: [Float] = {
    let grid = (-40_000...40_000).map { Float($0) / 1_000 }
    let powers = (-40...9).flatMap { p in [Float(pow(2.0, Double(p))), -Float(pow(2.0, Double(p)))] }
    let wide: [Float] = [0, -0.0, 707.5, 708.5, 744, 746, 1e6, -1e6, .greatestFiniteMagnitude]
    return grid + powers + wide
  }()

  /// Each pixel a row of its own, with the target that makes max(l, 0) - l t zero, so that the
  /// row's value is -log(1 + e^-|l|) alone: within two units in the last place of libm's. A
  /// term below the smallest normal Double (|l| > 708) may be zero: no sum of them notices.
  @Test func eachTermIsWithinTwoUnitsInTheLastPlaceOfLibm() {
    let l = Self.logits
    let logits = Tensor(shape: [l.count, 1], storage: l)
    let targets = Tensor(shape: [l.count, 1], storage: l.map { $0 > 0 ? 1 : 0 })
    let fast = bernoulliLogLikelihoodPerRow(logits: logits, targets: targets)
    let libm = referenceBernoulliLogLikelihoodPerRow(logits: logits, targets: targets)
    let worst = zip(fast, libm).map { abs($0 - $1) / max($1.ulp, Double.leastNormalMagnitude) }.max() ?? 0
    #expect(worst <= 2, "worst term off by \(worst) units in the last place")
  }

  @Test func rowsOfImagesMatchTheirLibmSums() {
    var rng = SeededRandom(seed: 21)
    let logits = Tensor.normal([300, 784], standardDeviation: 6, using: &rng)
    let targets = Tensor.uniform([300, 784], using: &rng)
    let fast = bernoulliLogLikelihoodPerRow(logits: logits, targets: targets)
    let libm = referenceBernoulliLogLikelihoodPerRow(logits: logits, targets: targets)
    // Each term within 2 ulp of libm's (below 1e-15 of the row), and each of the 784 running
    // totals rounded at most one ulp apart: below 2e-13 of the row in all.
    let worst = zip(fast, libm).map { abs($0 - $1) / abs($1) }.max() ?? 0
    #expect(worst < 1e-12, "\(worst)")
  }

  /// l t is not a number for an infinite logit at t = 0 (and inf - inf at t = 1), as in libm.
  @Test func notANumberAndInfinitiesGiveNotANumberAsInLibm() {
    let l: [Float] = [.nan, .infinity, -.infinity]
    let t: [Float] = [0.5, 0, 0]
    let logits = Tensor(shape: [3, 1], storage: l)
    let targets = Tensor(shape: [3, 1], storage: t)
    let fast = bernoulliLogLikelihoodPerRow(logits: logits, targets: targets)
    let libm = referenceBernoulliLogLikelihoodPerRow(logits: logits, targets: targets)
    #expect(fast.allSatisfy(\.isNaN) && libm.allSatisfy(\.isNaN), "\(fast) \(libm)")
  }
}
