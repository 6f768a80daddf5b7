// Slides "Discriminative Model" and "Generative Model" on one small 1-D two-class problem:
// Y ~ Bernoulli(pi_1), X | Y = k ~ N(mu_k, sigma^2) (one variance for both classes).
//   Generative: P(Y) and P(X | Y) estimated from the data (class frequencies, class means, the
//   pooled variance), then P(Y = 1 | X) by Bayes' rule.
//   Discriminative: P(Y = 1 | X) = sigmoid(w x + b) assumed, w and b fitted directly to the
//   labelled data by Newton's method (logistic regression).
// With equal variances Bayes' rule is exactly a logistic curve, w = (mu_1 - mu_0) / sigma^2,
// b = (mu_0^2 - mu_1^2) / (2 sigma^2) + log(pi_1 / pi_0): the two views fit the same family.
// Checks: Bayes' rule against that closed form (Double rounding), and the logistic fit against
// the closed form of the generative fit, within 4 standard errors of the logistic fit: when the
// model holds, the generative fit is the efficient estimate, so the difference has a variance of
// at most the logistic fit's own (Efron 1975).

import Foundation
import Lecture
import Plotting
import Probability
import Stochastic

extension PrelimsChapter {
  package static let slideDiscriminative = "Discriminative Model"
  package static let slideGenerative = "Generative Model"

  /// The data-generating model: P(Y = 1) = 0.3, means -1 and 1.5, sigma = 1.5 (weights are P(Y = k)).
  package static let twoClassTruth = NormalMixture(
    weights: [0.7, 0.3],
    components: [Normal(mean: -1, standardDeviation: 1.5), Normal(mean: 1.5, standardDeviation: 1.5)])

  package static let bayesVersusLogisticName =
    "Bayes' rule P(Y = 1 | x) = sigmoid(w x + b), w, b from the fitted means, variance, priors: max |diff| on [-6, 6]"
  package static let logisticSlopeName =
    "logistic regression (Newton) w = (mu_1 - mu_0) / sigma^2 of the generative fit, 4 SE of the logistic fit"
  package static let logisticInterceptName =
    "logistic regression (Newton) b = (mu_0^2 - mu_1^2) / (2 sigma^2) + log(pi_1 / pi_0) of the generative fit, 4 SE"

  /// P(Y = 1 | x) by Bayes' rule: P(x | 1) P(1) / sum_k P(x | k) P(k), in logs for stability.
  package static func bayesPosterior(_ model: NormalMixture, _ x: Double) -> Double {
    let joint = zip(model.weights, model.components).map { Foundation.log($0) + $1.logPdf(x) }
    let m = joint.max() ?? 0
    return Foundation.exp(joint[1] - m) / joint.reduce(0) { $0 + Foundation.exp($1 - m) }
  }

  /// The logistic form of Bayes' rule for two normals of one variance.
  package static func logisticForm(_ model: NormalMixture) -> (w: Double, b: Double) {
    let (m0, m1) = (model.components[0].mean, model.components[1].mean)
    let v = model.components[0].variance
    return ((m1 - m0) / v, (m0 * m0 - m1 * m1) / (2 * v) + Foundation.log(model.weights[1] / model.weights[0]))
  }

  static func sigmoid(_ t: Double) -> Double { 1 / (1 + Foundation.exp(-t)) }

  /// Class frequencies, class means and the pooled maximum-likelihood variance.
  package static func generativeFit(x: [Double], y: [Int]) -> NormalMixture {
    let n = Double(x.count)
    let counts = [0, 1].map { k in Double(y.filter { $0 == k }.count) }
    let means = [0, 1].map { k in zip(x, y).filter { $0.1 == k }.reduce(0) { $0 + $1.0 } / counts[k] }
    let variance = zip(x, y).reduce(0) { $0 + ($1.0 - means[$1.1]) * ($1.0 - means[$1.1]) } / n
    let sd = variance.squareRoot()
    return NormalMixture(
      weights: counts.map { $0 / n }, components: means.map { Normal(mean: $0, standardDeviation: sd) })
  }

  /// Logistic regression by Newton's method on the log-likelihood sum_n [y log p + (1 - y) log(1 - p)],
  /// p = sigmoid(w x + b), from w = b = 0; the standard errors from the inverse of the final Hessian.
  package static func logisticFit(x: [Double], y: [Int]) -> (w: Double, b: Double, seW: Double, seB: Double) {
    var (w, b) = (0.0, 0.0)
    var information = (bb: 0.0, bw: 0.0, ww: 0.0)
    for _ in 0..<100 {
      var gradient = (b: 0.0, w: 0.0)
      information = (0, 0, 0)
      for (xi, yi) in zip(x, y) {
        let p = sigmoid(w * xi + b)
        gradient.b += Double(yi) - p
        gradient.w += (Double(yi) - p) * xi
        let s = p * (1 - p)
        information.bb += s
        information.bw += s * xi
        information.ww += s * xi * xi
      }
      let det = information.bb * information.ww - information.bw * information.bw
      let stepB = (information.ww * gradient.b - information.bw * gradient.w) / det
      let stepW = (information.bb * gradient.w - information.bw * gradient.b) / det
      (b, w) = (b + stepB, w + stepW)
      if Swift.abs(stepB) + Swift.abs(stepW) < 1e-13 { break }
    }
    let det = information.bb * information.ww - information.bw * information.bw
    return (w, b, (information.bb / det).squareRoot(), (information.ww / det).squareRoot())
  }

  package static func discriminativeVersusGenerative(_ run: ChapterRun, config: Config, formulas: Formulas) throws {
    run.section("Discriminative vs generative: P(Y = 1 | X) for two 1-D classes")
    var rng = run.random("two-class")
    let n = config.twoClassCount
    var (x, y) = ([Double](), [Int]())
    for _ in 0..<n {
      let k = rng.uniform() < twoClassTruth.weights[1] ? 1 : 0
      y.append(k)
      x.append(twoClassTruth.components[k].sample(using: &rng))
    }
    let fit = generativeFit(x: x, y: y)
    run.say(
      String(
        format: "%d points; generative fit: P(Y = 1) = %.4f, mu_0 = %.4f, mu_1 = %.4f, sigma = %.4f "
          + "(truth 0.3, -1, 1.5, 1.5)",
        n, fit.weights[1], fit.components[0].mean, fit.components[1].mean, fit.components[0].standardDeviation))
    let closed = formulas.logisticForm(fit)
    let grid = (0...240).map { -6 + 12 * Double($0) / 240 }
    let worst =
      grid.map { Swift.abs(formulas.bayesPosterior(fit, $0) - sigmoid(closed.w * $0 + closed.b)) }.max() ?? .nan
    run.check(
      bayesVersusLogisticName, slide: slideGenerative, expected: 0, observed: worst, tolerance: .absolute(1e-12))
    let logistic = logisticFit(x: x, y: y)
    run.say(
      String(
        format: "logistic regression: w = %.4f +- %.4f, b = %.4f +- %.4f; the generative fit's w = %.4f, b = %.4f",
        logistic.w, logistic.seW, logistic.b, logistic.seB, closed.w, closed.b))
    run.check(
      logisticSlopeName, slide: slideDiscriminative, expected: closed.w, observed: logistic.w,
      tolerance: .standardErrors(4, standardError: logistic.seW))
    run.check(
      logisticInterceptName, slide: slideDiscriminative, expected: closed.b, observed: logistic.b,
      tolerance: .standardErrors(4, standardError: logistic.seB))
    try discriminativeGenerativeFigure(
      run, x: x, y: y, fit: fit, posterior: { formulas.bayesPosterior(fit, $0) },
      logistic: { sigmoid(logistic.w * $0 + logistic.b) })
  }

  /// Two panels in one frame, the right one shifted along x: the generative view (the fitted
  /// P(x | k) P(k) over each class's histogram / N) and the discriminative view (P(Y = 1 | x)
  /// by Bayes' rule and by logistic regression over the labelled points, on the right axis).
  static func discriminativeGenerativeFigure(
    _ run: ChapterRun, x: [Double], y: [Int], fit: NormalMixture, posterior: (Double) -> Double,
    logistic: (Double) -> Double
  ) throws {
    let (lo, hi, shift) = (-6.0, 6.0, 13.0)
    let grid = (0...300).map { lo + (hi - lo) * Double($0) / 300 }
    let colours = [Palette.color(0), Palette.color(1)]
    let middle = (hi + lo + shift) / 2  // the divider between the two panels
    let divider = Color.grey(0x88).hex
    let joint = [0, 1].map { k in grid.map { fit.weights[k] * fit.components[k].pdf($0) } }
    let top = 1.25 * (joint.flatMap { $0 }.max() ?? 1)
    var figure = Figure(
      name: "prelims-discriminative-generative",
      title: "Generative (left): P(x | Y = k) P(Y = k) fitted, then Bayes' rule; discriminative (right): "
        + "P(Y = 1 | x) = sigmoid(w x + b) fitted directly (\(x.count) points)\(run.settingsNote)",
      xLabel: "x", yLabel: "P(x | Y = k) P(Y = k)", size: (1200, 560),
      commands: [
        "set xrange [\(lo):\(hi + shift)]", "set yrange [0:\(top)]", "set y2range [-0.1:1.25]", "set y2tics 0.2",
        "set ytics nomirror", "set y2label 'P(Y = 1 | x)'", KeyPlacement.below.command,
        "set xtics ("
          + [-6, -3, 0, 3, 6].flatMap { t in ["'\(t)' \(t)", "'\(t)' \(Double(t) + shift)"] }
          .joined(separator: ", ") + ")",
        "set arrow from \(middle),graph 0 to \(middle),graph 1 nohead lc rgb '\(divider)'",
        "set label 1 'generative: P(x | k) P(k)' at 0,graph 0.95 center front",
        "set label 2 'discriminative: P(Y = 1 | x)' at \(shift),graph 0.95 center front",
      ])
    // Each class's histogram divided by N (bins of 0.5): an estimate of P(x | k) P(k).
    let width = 0.5
    let bins = Int((hi - lo) / width)
    for k in 0..<2 {
      var counts = [Double](repeating: 0, count: bins)
      for (xi, yi) in zip(x, y) where yi == k && xi >= lo && xi < hi { counts[Int((xi - lo) / width)] += 1 }
      let centres = (0..<bins).map { lo + (Double($0) + 0.5) * width }
      let heights = counts.map { $0 / (Double(x.count) * width) }
      figure.layers.append(
        .columns([centres, heights], style: "histeps lw 1 lc rgb '\(colours[k])'", title: "class \(k): histogram / N"))
      figure.layers.append(
        .columns(
          [grid, joint[k]], style: "lines lw 2.5 lc rgb '\(colours[k])'",
          title: String(format: "P(x | Y = %d) P(Y = %d), fitted", k, k)))
    }
    // The right panel: the first 400 labelled points at their label (jittered), and the two curves.
    var jitter = run.random("two-class-jitter")
    for k in 0..<2 {
      let shown = x.indices.prefix(400).filter { y[$0] == k }
      figure.layers.append(
        .columns(
          [shown.map { x[$0] + shift }, shown.map { _ in Double(k) + 0.06 * (jitter.uniform() - 0.5) }],
          using: "1:2 axes x1y2", style: "points pt 7 ps 0.5 lc rgb '#60\(colours[k].dropFirst())'"))
    }
    figure.layers.append(
      .columns(
        [grid.map { $0 + shift }, grid.map(posterior)], using: "1:2 axes x1y2",
        style: .line(.green, width: 3), title: "Bayes' rule from the generative fit"))
    figure.layers.append(
      .columns(
        [grid.map { $0 + shift }, grid.map(logistic)], using: "1:2 axes x1y2",
        style: "lines lw 2 dt 2 lc rgb 'black'", title: "logistic regression (Newton)"))
    try run.figure(figure)
  }
}
