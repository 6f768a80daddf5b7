// Slide "PCA - MSE Perspective":
//   min_W ||X - (X W) W^T||_F^2  s.t. W^T W = I_k,  W in R^{d x k}
// solved by the top-k eigenvectors, with the minimum equal to (N - 1) * (sum of the discarded
// eigenvalues) (Eckart-Young). X is the centred data here.

import Foundation
import Lecture
import LinearAlgebra
import Plotting

extension PCAChapter {
  /// ||X_c - X_c W W^T||_F^2, computed from the data (no eigenvalues involved).
  package static func residual(_ xc: Matrix, _ w: Matrix) -> Double {
    squaredResidual(xc, encoder: w, decoder: w.transposed)
  }

  /// How far rounding in Double can move the two sides of an Eckart-Young row at k, whatever
  /// k is. A backward-stable symmetric eigensolver returns each eigenvalue to within about
  /// d eps lambda_1, so the d - k discarded ones sum to within (d - k) d eps lambda_1; the
  /// residual X - X W W^T carries about d eps ||X|| per entry, so its squared norm per image is
  /// off by about 2 d eps sqrt(total variance x discarded variance). When k keeps nearly all
  /// the variance (the last eigenvalues of images are tiny, some pixels never vary) these
  /// bounds, not 1e-9 of a vanishing sum, are what the two sides can honestly agree to.
  static func eckartYoungRounding(_ pca: PrincipalComponents, keeping k: Int) -> Double {
    let d = Double(pca.dimension)
    let eps = Double.ulpOfOne
    let lambda1 = pca.variances.max() ?? 0
    let total = pca.variances.reduce(0, +)
    let discarded = max(pca.discardedVariance(keeping: k), 0)
    return (d - Double(k)) * d * eps * lambda1 + 2 * d * eps * (total * discarded).squareRoot()
  }

  package static func msePerspective(
    _ run: ChapterRun, pca: PrincipalComponents, x: Matrix, formulas: Formulas = .honest,
    config: Config = Config(quick: true)
  ) throws {
    run.section("PCA - MSE Perspective: min ||X - X W W^T||_F^2, W^T W = I")
    let slide = "PCA - MSE Perspective"
    let xc = x.centered(by: pca.mean)
    let n = Double(x.rows)

    // Eckart-Young: the error per image equals the discarded variance (scaled (N-1)/N).
    for k in config.components {
      let discarded = (n - 1) / n * pca.discardedVariance(keeping: k)
      run.check(
        "k = \(k): ||X - XWW^T||^2 / N = sum discarded lambda", slide: slide,
        expected: discarded, observed: residual(xc, pca.basis(k)) / n,
        tolerance: .absolute(max(1e-9 * discarded, eckartYoungRounding(pca, keeping: k))))
    }

    // The same subspace from the SVD of the data: X_c = U S V^T, lambda_i = s_i^2 / (N - 1).
    let svd = try xc.svd()
    let top = 100
    var worst = 0.0
    for i in 0..<top {
      worst = max(
        worst, abs(formulas.eigenvalueFromSingularValue(svd.singularValues[i], x.rows) / pca.variances[i] - 1))
    }
    run.check(
      "SVD s_i^2/(N-1) = eigenvalue, top \(top), max rel diff", slide: slide,
      expected: 0, observed: worst, tolerance: .absolute(1e-9))
    let k = 10
    let v = svd.vt.transposed.columns(0..<k)
    let angles = try principalAngles(between: v, and: pca.basis(k))
    run.check(
      "SVD vs eigenvectors, k = \(k): largest angle (rad)", slide: slide,
      expected: 0, observed: angles.max() ?? .nan, tolerance: .absolute(1e-6))

    // No orthonormal W does better than the top-k eigenvectors...
    let best = residual(xc, pca.basis(k))
    var rng = run.random("random-orthonormal")
    let trials = 20
    var bestRandom = Double.infinity
    for _ in 0..<trials {
      bestRandom = min(bestRandom, residual(xc, .randomOrthonormal(rows: pca.dimension, columns: k, using: &rng)))
    }
    run.say(
      String(
        format: "k = %d: per-image error %.4f with the eigenvectors, %.4f with the best of %d random orthonormal W", k,
        best / n, bestRandom / n, trials))
    run.check(
      "top-\(k) eigenvectors <= best of \(trials) random W", slide: slide,
      expected: bestRandom / n, observed: best / n, tolerance: .atMost(margin: 0))
    // ...not even a small tilt of them (a local check of the optimum)...
    var tilt = pca.basis(k)
    let noise = Matrix.randomOrthonormal(rows: pca.dimension, columns: k, using: &rng)
    tilt = (tilt + 0.05 * noise).qrOrthonormal()
    run.check(
      "a 0.05 tilt of the eigenvectors raises the error", slide: slide,
      expected: best / n, observed: residual(xc, tilt) / n, tolerance: .atLeast(margin: 0))
    // ...and the answer is a subspace: rotating W within it changes nothing. (W R R^T W^T =
    // W W^T for any orthonormal W, right or wrong, so this is a stated fact, not a check.)
    let r = Matrix.randomOrthonormal(rows: k, columns: k, using: &rng)
    run.fact(
      "W R (R orthogonal k x k): relative change of the error", slide: slide,
      value: abs(residual(xc, matmul(pca.basis(k), r)) - best) / best)
  }
}
