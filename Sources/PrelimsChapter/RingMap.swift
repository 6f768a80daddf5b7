// Slide "Generate Random Variables" (second): a 2-D Gaussian z pushed through
// y = z/10 + z/|z| lands on a ring. The map keeps the direction of z, so the angle stays
// uniform, and sets the radius to r = |y| = |z|/10 + 1. For a 2-D standard normal |z| is
// Rayleigh(1): P(|z| <= t) = 1 - exp(-t^2/2), E|z| = sqrt(pi/2), Var|z| = (4 - pi)/2. Hence
// E r = 1 + sqrt(pi/2)/10 = 1.1253 and Var r = (4 - pi)/200 = 0.0042915.

import Foundation
import Lecture
import Plotting
import Probability
import Stochastic

extension PrelimsChapter {
  /// y = z / 10 + z / |z|.
  package static func ring(_ z: Point2) -> Point2 {
    z / 10 + z / (z * z).sum().squareRoot()
  }

  package static func ringMap(_ run: ChapterRun, config: Config, formulas: Formulas) throws {
    run.section("Generate Random Variables: the ring z/10 + z/|z|")
    var rng = run.random("ring")
    let z = (0..<config.ringCount).map { _ in formulas.ringNoise(&rng) }
    let y = z.map(formulas.ring)
    checkRing(run, points: y)
    try run.figure(
      Figure(
        name: "prelims-ring", title: "z ∼ N(0, I_2) and y = z/10 + z/|z|\(run.settingsNote)",
        xLabel: "x_1", yLabel: "x_2", size: (760, 720),
        commands: [
          "set size ratio -1", KeyPlacement.below.command, "set grid", "set xrange [-3.6:3.6]", "set yrange [-3.6:3.6]",
        ],
        layers: [
          .columns(
            [z.map(\.x), z.map(\.y)], style: .points(.grey(0x99).transparent(0x80), size: 0.35),
            title: "z (2-D Gaussian)"),
          .columns(
            [y.map(\.x), y.map(\.y)], style: .points(.blue.transparent(0x20), size: 0.35), title: "y = z/10 + z/|z|"),
        ]))
  }

  /// The radius distribution 1 + Rayleigh(1)/10 (mean, variance, whole-distribution KS) and a
  /// uniform angle (KS), from the points alone.
  package static func checkRing(_ run: ChapterRun, points y: [Point2]) {
    let slide = "Generate Random Variables"
    let radius = ShiftedRayleigh(shift: 1, scale: 0.1)
    let r = y.map { ($0 * $0).sum().squareRoot() }
    let mean = MeanEstimate(r)
    run.check(
      "ring radius E r = 1 + sqrt(pi/2)/10", slide: slide, expected: radius.mean, observed: mean.mean,
      tolerance: .standardErrors(4, standardError: mean.standardError))
    // The sample variance is the mean of (r - rbar)^2 (times n/(n-1)); its SE from those terms.
    let spread = MeanEstimate(r.map { ($0 - mean.mean) * ($0 - mean.mean) })
    run.check(
      "ring radius Var r = (4 - pi)/200", slide: slide, expected: radius.variance, observed: mean.variance,
      tolerance: .standardErrors(4, standardError: spread.standardError))
    checkKS(run, samples: r, cdf: radius.cdf, label: "ring radius ∼ 1 + Rayleigh(1)/10")
    let angles = y.map { (atan2($0.y, $0.x) + Double.pi) / (2 * Double.pi) }
    checkKS(run, samples: angles, cdf: { min(max($0, 0), 1) }, label: "ring angle / 2 pi ∼ uni[0, 1]")
  }
}
