// Slide "Generate Random Variables": from u ~ uni[0, 1] to any p(x) by x = P^-1(u), and from one
// distribution to another by x -> G^-1(P(x)). Why it works: Prob(P^-1(u) <= x) = Prob(u <= P(x))
// = P(x); and P(x) of x ~ p is itself uniform, so G^-1(P(x)) ~ g.
// The test of "matches the target" is Kolmogorov-Smirnov: D_n = sup |F_n - P| stays below
// c(alpha) / sqrt(n), c(alpha) = sqrt(-log(alpha / 2) / 2) (asymptotic), with probability 1 - alpha
// when the samples do follow P; c(0.01) = 1.6276. The chapter has nine KS rows, and nine tests at
// 1% each would fail somewhere on about 9% of seeds by chance alone; so the 1% is the chapter's
// budget, split over the rows (Bonferroni): each row at alpha = 0.01 / 9, c = 1.936.
// P in the test is the slide's step 1, P(x) = int_{-inf}^x p(t) dt, integrated numerically from
// the pdf (Probability.distributionFunction): the sampler is held to the density it claims,
// not to a closed-form cdf written beside its quantile.

import Foundation
import Lecture
import Plotting
import Probability
import Stochastic

extension PrelimsChapter {
  package static let slideGenerate = "Generate Random Variables"

  /// The inverse-CDF targets: closed-form P^-1 for four, bisection for the bimodal mixture.
  static let inverseCDFTargets: [any ContinuousDistribution] = [
    Normal(mean: 1, standardDeviation: 2), Exponential(rate: 1.5), Laplace(location: 0, scale: 1),
    Cauchy(location: 0, scale: 1), densityTruth,
  ]

  /// The KS rows of the chapter: five inverse-CDF targets, two transports, the ring's radius and angle.
  package static let ksRowCount = 9
  /// Each KS row's level: the chapter's 1% false-alarm budget split over its KS rows (Bonferroni).
  static let ksLevel = 0.01 / Double(ksRowCount)

  package static func generateRandomVariables(_ run: ChapterRun, config: Config, formulas: Formulas) throws {
    run.section("Generate Random Variables: x = P^-1(u), u ∼ uni[0, 1]")
    let n = config.samplerCount
    run.say(
      String(
        format: "KS critical values for n = %d (asymptotic): 1%% per test 1.6276 / sqrt(n) = %.5f;", n,
        kolmogorovSmirnovCriticalValue(sampleCount: n, alpha: 0.01)))
    run.say(
      String(
        format: "1%% for all %d KS rows together (Bonferroni, %.3g%% each) %.4f / sqrt(n) = %.5f, used below",
        ksRowCount, 100 * ksLevel,
        kolmogorovSmirnovCriticalValue(sampleCount: 1, alpha: ksLevel),
        kolmogorovSmirnovCriticalValue(sampleCount: n, alpha: ksLevel)))

    // The normal quantile (AS241) against the erfc-based Phi: two independent approximations.
    let probabilities =
      (1...300).map { Foundation.pow(10, -Double($0)) } + stride(from: 0.001, to: 0.999, by: 0.001).map { $0 }
    let roundTrip =
      probabilities.map { p in Swift.abs(Normal.standard.cdf(formulas.normalQuantile(p)) - p) / p }.max() ?? .nan
    run.check(
      "Phi(Phi^-1(p)) = p, max rel. error, p in [1e-300, 0.999]", slide: slideGenerate,
      expected: 0, observed: roundTrip, tolerance: .atMost(margin: 1e-12))
    run.check(
      "Phi^-1(0.975) = 1.959963984540054 (tables)", slide: slideGenerate,
      expected: 1.959963984540054, observed: formulas.normalQuantile(0.975), tolerance: .relative(1e-14))

    var rng = run.random("inverse-cdf")
    var shown: [Double] = []
    for target in inverseCDFTargets {
      let x = samples(n, of: target, quantile: formulas.quantile, using: &rng)  // x = P^-1(u)
      let name = target is NormalMixture ? "the bimodal mixture (P^-1 by bisection)" : target.name
      checkMatches(run, samples: x, target: target, label: "x = P^-1(u) ∼ \(name)")
      if target is NormalMixture { shown = x }
    }

    // Travelling between distributions: Box-Muller normals -> Laplace, and exponentials -> normal.
    var travel = run.random("transport")
    let normals = (0..<n).map { _ in travel.normal() }
    let laplace = Laplace(location: 0, scale: 1)
    let toLaplace = normals.map { formulas.quantile(laplace, Normal.standard.cdf($0)) }  // G^-1(P(x))
    checkMatches(run, samples: toLaplace, target: laplace, label: "G^-1(P(x)): N(0,1) -> Laplace(0, 1)")
    let exponential = Exponential(rate: 1.5)
    let exponentials = samples(n, of: exponential, quantile: formulas.quantile, using: &travel)
    let toNormal = exponentials.map { formulas.normalQuantile(exponential.cdf($0)) }
    checkMatches(run, samples: toNormal, target: Normal.standard, label: "G^-1(P(x)): Exponential(1.5) -> N(0,1)")
    let moments = MeanEstimate(toNormal.map { $0 * $0 })
    run.check(
      "E y^2 = 1 for y = Phi^-1(P(x))", slide: slideGenerate, expected: 1, observed: moments.mean,
      tolerance: .standardErrors(4, standardError: moments.standardError))

    // Figures: the bimodal target sampled by bisection-inverted P, and the transport map.
    let grid = stride(from: -5.0, through: 5.0, by: 0.02).map { $0 }
    let inRange = shown.filter { Swift.abs($0) <= 5 }
    var histogram = Figure.histogram(
      name: "prelims-inverse-cdf",
      title: "x = P^{-1}(u), u ∼ uni[0,1]: the \(inRange.count) of \(shown.count) samples in [-5, 5] vs the target pdf"
        + run.settingsNote,
      values: inRange, bins: 80, density: true,
      overlay: [("p(x) = 0.6 N(-1.5, 0.6^2) + 0.4 N(1.5, 1)", grid, grid.map(densityTruth.pdf))], xLabel: "x")
    histogram.commands += [KeyPlacement.inside(.topRight).command, "set grid"]
    try run.figure(histogram)

    let xs = stride(from: -3.5, through: 3.5, by: 0.01).map { $0 }
    try run.figure(
      Figure(
        name: "prelims-transport", title: "Travelling from p to g: y = G^{-1}(P(x))",
        xLabel: "x", yLabel: "y",
        commands: [
          KeyPlacement.inside(.topLeft).command, "set grid", "set size ratio -1", "set xrange [-3.5:3.5]",
          "set yrange [-3.5:3.5]",
        ],
        layers: [
          .columns(
            [xs, xs.map { laplace.quantile(Normal.standard.cdf($0)) }], style: .line(.blue, width: 2.5),
            title: "N(0,1) -> Laplace(0,1)"),
          .columns(
            [xs.filter { $0 > 0.002 }, xs.filter { $0 > 0.002 }.map { normalQuantile(exponential.cdf($0)) }],
            style: .line(.orange, width: 2.5), title: "Exponential(1.5) -> N(0,1)"),
          .function("x", style: .line(.grey(0x88), width: 1, dash: 2), title: "y = x"),
        ]))
  }

  /// `count` draws x = P^-1(u), u ~ uni(0, 1), with the chapter's quantile formula.
  static func samples(
    _ count: Int, of target: any ContinuousDistribution, quantile: (any ContinuousDistribution, Double) -> Double,
    using rng: inout SeededRandom
  ) -> [Double] {
    (0..<count).map { _ in
      var u = rng.uniform()
      while u == 0 { u = rng.uniform() }
      return quantile(target, u)
    }
  }

  /// One KS row: D_n of `samples` against P(x) = int_{-inf}^x p, integrated from `target`'s pdf
  /// (to 1e-12 per gap between samples: far below the critical value), at most the critical
  /// value at `ksLevel`.
  package static func checkMatches(
    _ run: ChapterRun, samples: [Double], target: any ContinuousDistribution, label: String
  ) {
    let integrated = distributionFunction(of: target.pdf, at: samples)
    var table = [Double: Double]()
    for (x, p) in zip(samples, integrated) { table[x] = p }
    checkKS(run, samples: samples, cdf: { table[$0] ?? .nan }, label: label)
  }

  /// D_n of `samples` against `cdf`, at most the critical value at `ksLevel`.
  static func checkKS(_ run: ChapterRun, samples: [Double], cdf: (Double) -> Double, label: String) {
    run.check(
      "KS D_n: \(label)", slide: slideGenerate,
      expected: kolmogorovSmirnovCriticalValue(sampleCount: samples.count, alpha: ksLevel),
      observed: kolmogorovSmirnovStatistic(samples, cdf: cdf), tolerance: .atMost(margin: 0))
  }
}
