// Slide "PCA Formulation": analysis, whitening, synthesis, and PCA as a generative model.

import Foundation
import Lecture
import LinearAlgebra
import Plotting
import Stochastic
import TensorCore

extension PCAChapter {
  package static func formulation(
    _ run: ChapterRun, pca: PrincipalComponents, x: Matrix, formulas: Formulas = .honest,
    config: Config = Config(quick: true)
  ) throws {
    run.section("PCA Formulation: Y = A^T (X - m),  X = A Y + m")
    let slide = "PCA Formulation"
    // The largest eigenvalue, wherever the fit put it: the scale of the covariance.
    let lambda1 = pca.variances.max() ?? 0

    // Analysis with all d axes. cov(Y) is computed from the projected data, independently of
    // the eigenvalues the eigensolver returned.
    let y = formulas.project(pca, x, pca.dimension)  // [N, d]
    let n = Double(x.rows)
    // Y^T Y / (N - 1), not centred again: the mean of Y is 0 only if the analysis centred X.
    let covY = y.scaledGram(1 / (n - 1))  // [d, d]
    var offDiagonal = 0.0
    var diagonalError = 0.0
    for i in 0..<covY.rows {
      for j in 0..<covY.columns {
        if i == j {
          diagonalError = max(diagonalError, abs(covY[i, i] - pca.variances[i]))
        } else {
          offDiagonal = max(offDiagonal, abs(covY[i, j]))
        }
      }
    }
    run.check(
      "cov(Y) off-diagonal, max |c_ij| / lambda_1", slide: slide,
      expected: 0, observed: offDiagonal / lambda1, tolerance: .absolute(1e-9))
    run.check(
      "cov(Y) diagonal = eigenvalues, max err / lambda_1", slide: slide,
      expected: 0, observed: diagonalError / lambda1, tolerance: .absolute(1e-9))

    // Whitening: scale each code by 1/sqrt(lambda_i). Only directions with variance are
    // whitened: pixels that never change (image borders) give lambda = 0 and no direction.
    let whitened = pca.variances.indices.filter { pca.variances[$0] > 1e-6 * lambda1 }
    let rank = whitened.count
    var white = y.columns(whitened)
    let scales = whitened.map { formulas.whiteningScale(pca.variances[$0]) }
    for i in 0..<white.rows {
      for j in 0..<rank { white.storage[i * rank + j] *= scales[j] }
    }
    let covWhite = white.scaledGram(1 / (n - 1))
    run.say("whitening the \(rank) components with lambda > 1e-6 lambda_1 (of \(pca.dimension))")
    run.check(
      "whitened cov = I, max |cov - I|", slide: slide,
      expected: 0, observed: covWhite.maxAbsDifference(.identity(rank)), tolerance: .absolute(1e-6))

    // Synthesis with all axes is exact: A is orthogonal.
    let xBack = formulas.reconstruct(pca, y)
    run.check(
      "synthesis X = A Y + m, max |error|", slide: slide,
      expected: 0, observed: xBack.maxAbsDifference(x), tolerance: .absolute(1e-9))

    try generativeModel(run, pca: pca, formulas: formulas, count: config.gaussianCount)
  }

  /// "PCA is a generative model: generate arbitrary N(mu, Sigma) from N(0, I)":
  /// x = m + A Lambda^(1/2) z, z ~ N(0, I).
  package static func sampleGaussian(
    _ pca: PrincipalComponents, count s: Int, using rng: inout SeededRandom, formulas: Formulas = .honest
  ) -> Matrix {
    let d = pca.dimension
    let sd = pca.variances.map(formulas.standardDeviation)
    var z = Matrix.zeros(rows: s, columns: d)
    for i in 0..<s {
      for j in 0..<d { z.storage[i * d + j] = rng.normal() * sd[j] }
    }
    return formulas.reconstruct(pca, z)  // [S, d] = Z Lambda^(1/2) A^T + 1 m^T
  }

  package static func generativeModel(
    _ run: ChapterRun, pca: PrincipalComponents, formulas: Formulas = .honest, count: Int
  ) throws {
    var rng = run.random("gaussian-samples")
    let samples = sampleGaussian(pca, count: count, using: &rng, formulas: formulas)
    checkGaussianSamples(run, pca: pca, samples: samples)
    let shown = (0..<20).map { i in samples.row(i).map { Float(min(max($0, 0), 1)) } }
    let draws = Figure.drawLabels(rows: 2, perRow: 10)
    try run.figure(
      .imageGrid(
        name: "pca-gaussian-samples", title: "Samples x = m + A Λ^{1/2} z, z ∼ N(0, I) (clipped to [0,1])",
        rows: [Array(shown[0..<10]), Array(shown[10..<20])], imageWidth: 28, imageHeight: 28,
        rowLabels: draws.rows, columnLabels: draws.columns))
  }

  /// Moments of the samples against the model's, within 4 standard errors.
  package static func checkGaussianSamples(_ run: ChapterRun, pca: PrincipalComponents, samples: Matrix) {
    let slide = "PCA Formulation"
    let (s, d) = (samples.rows, samples.columns)
    // Total variance: E ||x - m||^2 = sum lambda, Var ||x - m||^2 = 2 sum lambda^2.
    var sq = [Double](repeating: 0, count: s)
    var along1 = [Double](repeating: 0, count: s)
    let a1 = pca.axes.column(0)
    for i in 0..<s {
      var t = 0.0
      var p = 0.0
      for j in 0..<d {
        let c = samples[i, j] - pca.mean[j]
        t += c * c
        p += c * a1[j]
      }
      sq[i] = t
      along1[i] = p * p
    }
    let totalVariance = pca.variances.reversed().reduce(0, +)
    let seTotal = (2 * pca.variances.reduce(0) { $0 + $1 * $1 } / Double(s)).squareRoot()
    run.check(
      "samples of N(m, C): E||x - m||^2 = trace C", slide: slide,
      expected: totalVariance, observed: sq.reduce(0, +) / Double(s),
      tolerance: .standardErrors(4, standardError: seTotal))
    // Variance along the first axis: E (a_1^T (x - m))^2 = lambda_1, SE = lambda_1 sqrt(2/S).
    run.check(
      "samples of N(m, C): variance along a_1 = lambda_1", slide: slide,
      expected: pca.variances[0], observed: along1.reduce(0, +) / Double(s),
      tolerance: .standardErrors(4, standardError: pca.variances[0] * (2 / Double(s)).squareRoot()))
  }
}
