// A check that cannot fail checks nothing: plant the errors the PCA checks guard against and
// watch exactly the matching rows fail, while the untouched rows still pass.

import Foundation
import Lecture
import LinearAlgebra
import PCAChapter
import Stochastic
import Testing

/// N x d data with a decaying spectrum (d = 784 so the slide's k = 506 exists).
func syntheticImages(rows n: Int = 900, seed: UInt64 = 4) -> Matrix {
  var rng = SeededRandom(seed: seed)
  let d = 784
  var x = Matrix.zeros(rows: n, columns: d)
  for j in 0..<d {
    let scale = 2 / (1 + Double(j) / 20)
    for i in 0..<n { x[i, j] = 0.5 + scale * rng.normal() }
  }
  // Mix the coordinates so the axes are not the standard basis.
  let q = Matrix.randomOrthonormal(rows: d, columns: d, using: &rng)
  return matmul(x, q)
}

@Suite("PCA checks fail on planted errors")
struct PCAPlantedErrorTests {
  let x = syntheticImages()

  @Test func honestModelPassesEveryCheck() throws {
    let pca = try PrincipalComponents(fitting: x)
    let run = try silentRun(of: PCAChapter.self)
    try PCAChapter.formulation(run, pca: pca, x: x)
    try PCAChapter.msePerspective(run, pca: pca, x: x)
    #expect(run.checks.allSatisfy { $0.passed }, "\(run.checks.filter { !$0.passed })")
    #expect(run.checks.count >= 12)
  }

  @Test func wrongDiscardedEigenvalueFailsEckartYoungOnly() throws {
    let fit = try PrincipalComponents(fitting: x)
    var variances = fit.variances
    variances[600] *= 1.5  // discarded by every k of the slide, invisible to the top-100 comparison
    let planted = PrincipalComponents(
      mean: fit.mean, variances: variances, axes: fit.axes, sampleCount: fit.sampleCount)
    let run = try silentRun(of: PCAChapter.self)
    try PCAChapter.msePerspective(run, pca: planted, x: x)
    let failed = run.checks.filter { !$0.passed }.map(\.name)
    #expect(failed.count == 4, "\(failed)")
    #expect(failed.allSatisfy { $0.contains("sum discarded lambda") }, "\(failed)")
  }

  @Test func rotatedAxesFailDecorrelationButNotSynthesis() throws {
    let fit = try PrincipalComponents(fitting: x)
    // Rotate the first two axes into each other by 0.01 rad: still orthonormal, no longer eigenvectors.
    var axes = fit.axes
    let (c, s) = (cos(0.01), sin(0.01))
    for i in 0..<axes.rows {
      let (a, b) = (axes[i, 0], axes[i, 1])
      axes[i, 0] = c * a - s * b
      axes[i, 1] = s * a + c * b
    }
    let planted = PrincipalComponents(
      mean: fit.mean, variances: fit.variances, axes: axes, sampleCount: fit.sampleCount)
    let run = try silentRun(of: PCAChapter.self)
    try PCAChapter.formulation(run, pca: planted, x: x)
    let verdicts = Dictionary(run.checks.map { ($0.name, $0.passed) }, uniquingKeysWith: { a, _ in a })
    #expect(verdicts["cov(Y) off-diagonal, max |c_ij| / lambda_1"] == false)
    #expect(verdicts["synthesis X = A Y + m, max |error|"] == true, "an orthogonal A still synthesises exactly")
  }

  @Test func wrongSamplingScaleFailsTheGenerativeCheck() throws {
    let pca = try PrincipalComponents(fitting: x)
    var rng = SeededRandom(seed: 1)
    let honest = PCAChapter.sampleGaussian(pca, count: 2_000, using: &rng)
    // The planted bug: x = m + A Lambda z (variances where standard deviations belong).
    let squared = PrincipalComponents(
      mean: pca.mean, variances: pca.variances.map { $0 * $0 }, axes: pca.axes, sampleCount: pca.sampleCount)
    let wrong = PCAChapter.sampleGaussian(squared, count: 2_000, using: &rng)
    let good = try silentRun(of: PCAChapter.self)
    PCAChapter.checkGaussianSamples(good, pca: pca, samples: honest)
    #expect(good.checks.allSatisfy { $0.passed }, "\(good.checks)")
    let bad = try silentRun(of: PCAChapter.self)
    PCAChapter.checkGaussianSamples(bad, pca: pca, samples: wrong)
    #expect(bad.checks.allSatisfy { !$0.passed }, "\(bad.checks)")
  }
}
