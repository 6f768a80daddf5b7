// Slide "Latent Space Discretization": the continuous encoder outputs z_e in R^D are snapped to
// the nearest of K codebook vectors, so the latent space becomes K cells (the Voronoi cells of
// the codebook). Drawn in D = 2 where the cells can be seen: points from a Gaussian mixture,
// snapped once to a random initial codebook (codes far from the data, some with no point at
// all: dead) and once to a codebook learnt from the same points by the slide's EMA updates
// (re-snapping every step: k-means with a running average), started from K of the points.
// Checks: the learnt codebook quantises better than the random one and than a single code at the
// points' mean, each by 4 paired standard errors over the points.

import Foundation
import LatentModels
import Lecture
import Plotting
import Probability
import Stochastic
import TensorCore

extension VQVAEChapter {
  /// The 2-D example's sizes: points, their mixture components, codes, EMA steps.
  struct DiscretizationExample {
    var points = 600
    var components = 6
    var codes = 10
    var steps = 300
    var decay = 0.99
    /// The mixture's centres lie on a circle of this radius, each with this standard deviation.
    var radius = 3.0
    var spread = 0.6
  }

  static let discretizationSlide = "Latent Space Discretization"
  static let discretizationCheckName =
    "squared quantisation error: random codebook - EMA-learnt codebook >= 4 SE (paired, per point)"
  static let discretizationBaselineCheckName =
    "squared quantisation error: one code at the points' mean - EMA-learnt codebook >= 4 SE (paired, per point)"

  /// ||z - e_k||^2 of every row of z for its code k, in Double.
  static func squaredErrors(_ z: Tensor, codebook: Tensor, codes: [Int]) -> [Double] {
    (0..<z.shape[0]).map { i in
      (0..<z.shape[1]).reduce(0.0) { $0 + pow(Double(z[i, $1]) - Double(codebook[codes[i], $1]), 2) }
    }
  }

  package static func discretization(_ run: ChapterRun, seams: Seams) throws {
    let example = DiscretizationExample()
    let (n, k) = (example.points, example.codes)
    run.section(
      "Latent space discretization: \(n) points of R^2 snapped to K = \(k) codes, random vs learnt by EMA")
    var rng = run.random("discretization")
    let centres = (0..<example.components).map { c -> (Double, Double) in
      let angle = 2 * Double.pi * Double(c) / Double(example.components)
      return (example.radius * cos(angle), example.radius * sin(angle))
    }
    let z = Tensor(
      shape: [n, 2],
      storage: (0..<n).flatMap { _ -> [Float] in
        let c = centres[rng.index(below: centres.count)]
        return [Float(c.0 + example.spread * rng.normal()), Float(c.1 + example.spread * rng.normal())]
      })
    let random = Tensor.normal([k, 2], using: &rng)
    // The learnt codebook starts at K distinct points and follows the EMA of its snapped points.
    var start: [Int] = []
    while start.count < k {
      let i = rng.index(below: n)
      if !start.contains(i) { start.append(i) }
    }
    var ema = EMACodebook(codebook: z.rows(start), decay: seams.emaDecay(example.decay))
    for _ in 0..<example.steps { ema.update(z, indices: seams.assign(z, seams.emaCodebook(ema))) }
    let learnt = seams.emaCodebook(ema)

    let books = [("random initial codebook e ∼ N(0, I)", random), ("learnt by \(example.steps) EMA steps", learnt)]
    let snapped = books.map { seams.assign(z, $0.1) }
    let errors = zip(books, snapped).map { squaredErrors(z, codebook: $0.1, codes: $1) }
    for ((title, _), (codes, e)) in zip(books, zip(snapped, errors)) {
      let used = Set(codes).count
      run.say(
        String(
          format: "%@: mean ||z - e_k||^2 = %.3f; %d of %d codes used (%d dead)", title, MeanEstimate(e).mean, used,
          k, k - used))
    }
    let gain = MeanEstimate(zip(errors[0], errors[1]).map { $0 - $1 })
    run.say(
      String(format: "the learnt codebook quantises better by %.3f +- %.3f per point", gain.mean, gain.standardError))
    run.check(
      discretizationCheckName, slide: discretizationSlide, expected: 4 * gain.standardError, observed: gain.mean,
      tolerance: .atLeast(margin: 0))
    // The baseline of the same points: one code at their mean (K = 1), the best single code.
    // Snapped to their farthest code, K codes can never beat it: max_j ||z - e_j||^2 is at least
    // ||z - e_1||^2, whose mean over the points is at least that of ||z - mean||^2.
    let mean = (0..<2).map { j in (0..<n).reduce(0.0) { $0 + Double(z[$1, j]) } / Double(n) }
    let single = (0..<n).map { i in (0..<2).reduce(0.0) { $0 + pow(Double(z[i, $1]) - mean[$1], 2) } }
    let overSingle = MeanEstimate(zip(single, errors[1]).map { $0 - $1 })
    run.say(
      String(
        format: "one code at the mean: mean ||z - mean||^2 = %.3f; the learnt codebook is better by %.3f +- %.3f",
        MeanEstimate(single).mean, overSingle.mean, overSingle.standardError))
    run.check(
      discretizationBaselineCheckName, slide: discretizationSlide, expected: 4 * overSingle.standardError,
      observed: overSingle.mean, tolerance: .atLeast(margin: 0))
    try discretizationFigure(run, z: z, books: books, snapped: snapped, assign: seams.assign)
  }

  /// Two panels side by side in one frame (the second shifted right): each code's cell in a
  /// light tint of its colour, its points in the full colour, the codes as black crosses.
  static func discretizationFigure(
    _ run: ChapterRun, z: Tensor, books: [(String, Tensor)], snapped: [[Int]],
    assign: (Tensor, Tensor) -> [Int]
  ) throws {
    let half = 5.0
    let shift = 2 * half + 1
    let k = books[0].1.shape[0]
    let colours = (0..<k).map { Palette.color($0) }
    let grid = 161
    var figure = Figure(
      name: "vqvae-discretization",
      title: "Latent space discretization: z_e ∈ R^2 snapped to the nearest of K = \(k) codes (cells: argmin_j "
        + "||z - e_j||; colour = code)\(run.settingsNote)",
      xLabel: "z_1", yLabel: "z_2", size: (1100, 620),
      commands: [
        "set size ratio -1", "unset colorbox", KeyPlacement.below.command, "set cbrange [0:\(k)]",
        "set palette defined ("
          + (0..<k).map { "\($0) '\(tint(colours[$0]))', \($0 + 1) '\(tint(colours[$0]))'" }
          .joined(separator: ", ") + ")",
        "set xrange [\(-half):\(shift + half)]", "set yrange [\(-half):\(half + 1)]",
        "set xtics ("
          + [-4, -2, 0, 2, 4].flatMap { t in ["'\(t)' \(t)", "'\(t)' \(Double(t) + shift)"] }
          .joined(separator: ", ") + ")",
      ])
    for (p, (title, codebook)) in books.enumerated() {
      let offset = Double(p) * shift
      var cells: [Float] = []
      for i in 0..<grid {
        for j in 0..<grid {
          cells += [-half + 2 * half * Double(j) / Double(grid - 1), -half + 2 * half * Double(i) / Double(grid - 1)]
            .map(Float.init)
        }
      }
      let cellCodes = assign(Tensor(shape: [grid * grid, 2], storage: cells), codebook)
      figure.layers.append(
        .heatmap(
          cellCodes.map { Double($0) + 0.5 }, width: grid, height: grid, x: (offset - half)...(offset + half),
          y: -half...half))
      figure.commands.append("set label \(p + 1) '\(title)' at \(offset),\(half + 0.5) center front")
      for c in 0..<k {
        let members = (0..<z.shape[0]).filter { snapped[p][$0] == c }
        guard !members.isEmpty else { continue }
        figure.layers.append(
          .columns(
            [members.map { Double(z[$0, 0]) + offset }, members.map { Double(z[$0, 1]) }],
            style: "points pt 7 ps 0.5 lc rgb '\(colours[c])'"))
      }
      let used = Set(snapped[p])
      for dead in [false, true] {
        let codes = (0..<k).filter { used.contains($0) != dead }
        guard !codes.isEmpty else { continue }
        figure.layers.append(
          .columns(
            [codes.map { Double(codebook[$0, 0]) + offset }, codes.map { Double(codebook[$0, 1]) }],
            style: dead ? "points pt 6 ps 2 lw 2 lc rgb 'black'" : "points pt 2 ps 2.5 lw 3 lc rgb 'black'"))
      }
    }
    figure.layers += [
      .keyEntry(style: "points pt 2 ps 2.5 lw 3 lc rgb 'black'", title: "code e_j with points"),
      .keyEntry(style: "points pt 6 ps 2 lw 2 lc rgb 'black'", title: "dead code (no point)"),
      .keyEntry(style: .points(.grey(0x55)), title: "z_e, coloured by its code"),
    ]
    try run.figure(figure)
  }

  /// A light tint of '#rrggbb': 30% of the colour on white, so that points of the full colour show on it.
  static func tint(_ hex: String) -> String {
    let digits = Array(hex.dropFirst())
    let channels = stride(from: 0, to: 6, by: 2).map { Int(String(digits[$0..<$0 + 2]), radix: 16) ?? 0 }
    return "#" + channels.map { String(format: "%02x", 255 - Int(Double(255 - $0) * 0.3)) }.joined()
  }
}
