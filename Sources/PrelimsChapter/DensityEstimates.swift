// Slide "Probability Density Estimation": the nonparametric estimates of a pdf, histogram and
// KDE, on a bimodal density whose truth is known. Both are averages over the data, so both
// converge as N grows: the integrated squared error ISE = int (p^ - p)^2 dx falls (in theory as
// N^(-2/3) for a histogram with Scott's bins and N^(-4/5) for a KDE with Silverman's bandwidth).
// At a point each is a Monte Carlo estimate of a known quantity: the histogram of the truth
// averaged over the bin, the KDE of the truth smoothed by the kernel.

import Foundation
import Lecture
import Plotting
import Probability
import Stochastic

extension PrelimsChapter {
  /// The slide "Probability Density Estimation", shortened to fit the table's slide column.
  package static let slideDensity = "Prob. Density Estimation"
  /// The density to estimate: two normal bumps of different widths.
  package static let densityTruth = NormalMixture(
    weights: [0.6, 0.4],
    components: [Normal(mean: -1.5, standardDeviation: 0.6), Normal(mean: 1.5, standardDeviation: 1)])
  /// The interval the estimates and their errors live on (the truth has mass about 1e-6 outside it).
  static let densityRange = (lower: -6.0, upper: 6.0)

  package static func densityEstimation(_ run: ChapterRun, config: Config, formulas: Formulas) throws {
    run.section("Probability Density Estimation: histogram and KDE")
    let slide = slideDensity
    let truth = densityTruth
    let (lo, hi) = densityRange
    var rng = run.random("density")
    run.say("truth p(x) = \(truth.name); data drawn by ancestral sampling")
    // The squared errors of every estimate at the same random points, for paired comparisons.
    var pointsRandom = run.random("density-test-points")
    let testPoints = (0..<config.testPoints).map { _ in lo + (hi - lo) * pointsRandom.uniform() }
    let truthAtTest = testPoints.map(truth.pdf)

    var histogramErrors = [Double]()
    var kdeErrors = [Double]()
    var histogramSquares = [[Double]]()
    var kdeSquares = [[Double]]()
    var largest: (data: [Double], histogram: DensityHistogram, kde: KernelDensityEstimate)?
    var shown: (data: [Double], histogram: DensityHistogram, kde: KernelDensityEstimate)?
    for n in config.densitySizes {
      let data = (0..<n).map { _ in truth.ancestralSample(using: &rng) }
      let bins = DensityHistogram.scottBinCount(data, lower: lo, upper: hi)
      let histogram = DensityHistogram(data, bins: bins, lower: lo, upper: hi, height: formulas.histogramHeight)
      let kde = KernelDensityEstimate(data, bandwidth: formulas.kdeBandwidth(data))
      func squaredErrors(_ estimate: (Double) -> Double) -> [Double] {
        zip(testPoints, truthAtTest).map { x, p in
          let error = estimate(x) - p
          return error * error
        }
      }
      histogramSquares.append(squaredErrors(histogram.density(at:)))
      kdeSquares.append(squaredErrors(kde.density(at:)))
      // ISE = (hi - lo) E_x[(p^(x) - p(x))^2], x ~ uni[lo, hi], by Monte Carlo at the test points.
      let hISE = (hi - lo) * MeanEstimate(histogramSquares[histogramSquares.count - 1]).mean
      let kISE = (hi - lo) * MeanEstimate(kdeSquares[kdeSquares.count - 1]).mean
      histogramErrors.append(hISE)
      kdeErrors.append(kISE)
      run.say(
        String(
          format: "N = %6d: histogram %3d bins, ISE %.2e;  KDE h = %.3f, ISE %.2e", n, bins, hISE, kde.bandwidth, kISE))
      if n == 1_000 { shown = (data, histogram, kde) }
      largest = (data, histogram, kde)
    }
    // The difference of two ISEs is the mean of paired differences at the same random points,
    // with its standard error.
    for i in 1..<config.densitySizes.count {
      let (a, b) = (config.densitySizes[i - 1], config.densitySizes[i])
      for (label, squares) in [("histogram", histogramSquares), ("KDE", kdeSquares)] {
        let drop = MeanEstimate(zip(squares[i - 1], squares[i]).map { (hi - lo) * ($0 - $1) })
        run.check(
          "\(label) ISE(N = \(a)) - ISE(N = \(b)) >= 4 SE (paired, \(config.testPoints) random x)", slide: slide,
          expected: 4 * drop.standardError, observed: drop.mean, tolerance: .atLeast(margin: 0))
      }
    }
    if let shown {
      // Normalisation: the histogram's bars have area count / N by construction (a stated fact);
      // the KDE integrates to 1 only if each kernel does.
      run.fact(
        "histogram integral = fraction of the N = \(shown.data.count) data in [\(Int(lo)), \(Int(hi))]", slide: slide,
        value: shown.histogram.heights.reduce(0, +) * shown.histogram.binWidth)
      run.check(
        "KDE integral over [-12, 12] = 1", slide: slide, expected: 1,
        observed: integrate(shown.kde.density(at:), lower: -12, upper: 12, points: 4_000), tolerance: .relative(1e-6))
    }
    if let largest {
      checkHistogramMeansBinProbability(
        run, histogram: largest.histogram, count: largest.data.count, truth: truth, at: [-1.5, 0, 1.5])
      checkKDEMeansSmoothedTruth(
        run, kde: largest.kde, smoothed: formulas.smoothedTruth(truth, largest.kde.bandwidth), at: [-1.5, 0, 1.5])
    }

    guard let shown else { return }
    let grid = stride(from: lo, through: hi, by: 0.02).map { $0 }
    var figure = Figure(
      name: "prelims-histogram-kde", title: "Density estimates from N = \(shown.data.count) samples",
      xLabel: "x", yLabel: "density",
      commands: [KeyPlacement.inside(.topRight).command, "set grid", "set yrange [0:*]"])
    figure.layers = [
      .columns(
        [
          shown.histogram.centres, shown.histogram.heights,
          [Double](repeating: shown.histogram.binWidth, count: shown.histogram.heights.count),
        ],
        using: "1:2:3", style: .boxes(.blue, fill: 0.35),
        title: "histogram (\(shown.histogram.heights.count) bins, Scott)"),
      .columns(
        [grid, grid.map(shown.kde.density(at:))], style: .line(.orange, width: 2.5),
        title: String(format: "Gaussian KDE (h = %.3f, Silverman)", shown.kde.bandwidth)),
      .columns([grid, grid.map(truth.pdf)], style: .line(.black, dash: 2), title: "true p(x)"),
    ]
    try run.figure(figure)

    let sizes = config.densitySizes.map(Double.init)
    var convergence = Figure.lines(
      name: "prelims-density-convergence", title: "Integrated squared error of the density estimates",
      series: [("histogram (Scott bins)", sizes, histogramErrors), ("KDE (Silverman h)", sizes, kdeErrors)],
      xLabel: "N (samples)", yLabel: "ISE = ∫ (p_{est} - p)^2 dx", logY: true)
    convergence.commands += [
      LogAxis.x.command, LogAxis.x.powerLabels, "set grid", KeyPlacement.inside(.topRight).command,
    ]
    for layer in 0..<2 {
      convergence.layers.append(
        .columns(
          [sizes, layer == 0 ? histogramErrors : kdeErrors],
          style: .points(layer == 0 ? .blue : .orange, size: 1.3)))
    }
    // The asymptotic rates, drawn through the N = 100 points: N^(-2/3) (histogram), N^(-4/5) (KDE).
    for (errors, rate, label) in [(histogramErrors, 2.0 / 3, "N^{-2/3}"), (kdeErrors, 0.8, "N^{-4/5}")] {
      convergence.layers.append(
        .columns(
          [sizes, sizes.map { errors[0] * Foundation.pow($0 / sizes[0], -rate) }],
          style: .line(.grey(0x66), width: 1, dash: 2), title: "rate \(label)"))
    }
    try run.figure(convergence)
  }

  /// A histogram bar is count / (N w), count ~ Binomial(N, P(bin)): an unbiased estimate of
  /// P(bin) / w, the truth averaged over the bin (P from the truth's distribution function),
  /// with standard error sqrt(P (1 - P) / N) / w; checked within 4 SE.
  package static func checkHistogramMeansBinProbability(
    _ run: ChapterRun, histogram: DensityHistogram, count: Int, truth: NormalMixture, at points: [Double]
  ) {
    let w = (histogram.upper - histogram.lower) / Double(histogram.heights.count)
    for x in points {
      let bin = Swift.min(histogram.heights.count - 1, Int((x - histogram.lower) / w))
      let (a, b) = (histogram.lower + Double(bin) * w, histogram.lower + Double(bin + 1) * w)
      let p = truth.cdf(b) - truth.cdf(a)
      let standardError = (p * (1 - p) / Double(count)).squareRoot() / w
      run.check(
        String(format: "histogram(%g) = P(bin) / w, N = %d", x, count), slide: slideDensity,
        expected: p / w, observed: histogram.density(at: x), tolerance: .standardErrors(4, standardError: standardError)
      )
    }
  }

  /// The KDE at x is the mean of N kernel values, an unbiased estimate of (p * K_h)(x), the
  /// truth smoothed by the kernel: closed form for a normal mixture (`smoothed`), within 4 SE.
  package static func checkKDEMeansSmoothedTruth(
    _ run: ChapterRun, kde: KernelDensityEstimate, smoothed: NormalMixture, at points: [Double]
  ) {
    for x in points {
      let estimate = MeanEstimate(kde.kernelTerms(at: x))
      run.check(
        String(format: "KDE(%g) = (p * N(0, h^2))(%g), N = %d", x, x, kde.data.count), slide: slideDensity,
        expected: smoothed.pdf(x), observed: estimate.mean,
        tolerance: .standardErrors(4, standardError: estimate.standardError))
    }
  }

  /// int f over [lower, upper] by the midpoint rule.
  static func integrate(_ f: (Double) -> Double, lower: Double, upper: Double, points: Int) -> Double {
    let h = (upper - lower) / Double(points)
    return (0..<points).reduce(0) { $0 + f(lower + (Double($1) + 0.5) * h) } * h
  }
}
