// Slide "Major and minor axes": PCA of a 2-D Gaussian cloud with known axes.
// The cloud is itself drawn with the generative recipe x = mu + R diag(sigma) z.

import Foundation
import Lecture
import LinearAlgebra
import Plotting

extension PCAChapter {
  /// The true cloud: axes at 30 degrees, variances 9 and 1 (standard deviations 3 and 1),
  /// centred at (2, 1).
  static let cloudAngle = Double.pi / 6
  static let cloudVariances = (major: 9.0, minor: 1.0)
  static let cloudMean = (2.0, 1.0)

  package static func axes(_ run: ChapterRun, config: Config, formulas: Formulas = .honest) throws {
    run.section("Major and minor axes: a 2-D Gaussian cloud")
    let slide = "Major and minors axes"
    var rng = run.random("cloud")
    let n = config.cloudCount
    let (c, s) = (cos(cloudAngle), sin(cloudAngle))
    let sigmas = (
      major: formulas.standardDeviation(cloudVariances.major), minor: formulas.standardDeviation(cloudVariances.minor)
    )
    var points = Matrix.zeros(rows: n, columns: 2)
    for i in 0..<n {
      let z1 = rng.normal() * sigmas.major
      let z2 = rng.normal() * sigmas.minor
      points[i, 0] = cloudMean.0 + c * z1 - s * z2
      points[i, 1] = cloudMean.1 + s * z1 + c * z2
    }
    let pca = try formulas.fit(points)
    let (l1, l2) = (cloudVariances.major, cloudVariances.minor)
    let m = Double(n - 1)
    // Sampling distributions for Gaussian data (Anderson 1963): Var(lambda^_i) = 2 lambda_i^2 / (N-1),
    // Var(theta^) = lambda_1 lambda_2 / ((N-1) (lambda_1 - lambda_2)^2).
    run.check(
      "lambda_1 = sigma_major^2", slide: slide, expected: l1, observed: pca.variances[0],
      tolerance: .standardErrors(4, standardError: l1 * (2 / m).squareRoot()))
    run.check(
      "lambda_2 = sigma_minor^2", slide: slide, expected: l2, observed: pca.variances[1],
      tolerance: .standardErrors(4, standardError: l2 * (2 / m).squareRoot()))
    // The axis is a direction without sign: fold the angle into (-pi/2, pi/2].
    var theta = atan2(pca.axes[1, 0], pca.axes[0, 0])
    if theta > .pi / 2 { theta -= .pi } else if theta <= -.pi / 2 { theta += .pi }
    run.check(
      "major axis angle (degrees)", slide: slide, expected: cloudAngle * 180 / .pi, observed: theta * 180 / .pi,
      tolerance: .standardErrors(4, standardError: (l1 * l2 / (m * (l1 - l2) * (l1 - l2))).squareRoot() * 180 / .pi))

    // Arrows from the mean along +-2 sqrt(lambda_i) a_i.
    var arrows: [[Double]] = [[], [], [], []]
    for i in 0..<2 {
      let len = 2 * pca.variances[i].squareRoot()
      for sign in [-1.0, 1.0] {
        arrows[0].append(pca.mean[0])
        arrows[1].append(pca.mean[1])
        arrows[2].append(sign * len * pca.axes[0, i])
        arrows[3].append(sign * len * pca.axes[1, i])
      }
    }
    let majorArrows = arrows.map { Array($0[0..<2]) }
    let minorArrows = arrows.map { Array($0[2..<4]) }
    try run.figure(
      Figure(
        name: "pca-axes", title: "PCA axes of a 2-D Gaussian cloud (arrows: ±2√λ_i a_i)",
        xLabel: "x_1", yLabel: "x_2",
        commands: ["set size ratio -1", KeyPlacement.inside(.topLeft).command, "set grid"],
        layers: [
          .columns(
            [points.column(0), points.column(1)], style: .points(.lightBlue, size: 0.3), title: "samples"),
          .columns(
            majorArrows, using: "1:2:3:4", style: .arrows(.red), title: "major axis a_1"),
          .columns(
            minorArrows, using: "1:2:3:4", style: .arrows(.green), title: "minor axis a_2"),
        ]))
  }
}
