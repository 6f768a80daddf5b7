// Slide "Probability Density Estimation": the nonparametric estimates of a pdf, histogram and
// KDE, on a bimodal density whose truth is known. Both are averages over the data, so both
// converge as N grows: the integrated squared error ISE = int (p^ - p)^2 dx falls (in theory as
// N^(-2/3) for a histogram with Scott's bins and N^(-4/5) for a KDE with Silverman's bandwidth).

import Foundation
import Lecture
import Plotting
import Probability
import Stochastic

extension PrelimsChapter {
  /// The slide "Probability Density Estimation", shortened to fit the table's slide column.
  static let slideDensity = "Prob. Density Estimation"
  /// The density to estimate: two normal bumps of different widths.
  package static let densityTruth = NormalMixture(
    weights: [0.6, 0.4], components: [Normal(mean: -1.5, standardDeviation: 0.6), Normal(mean: 1.5, standardDeviation: 1)])
  /// The interval the estimates and their errors live on (the truth has mass about 1e-6 outside it).
  static let densityRange = (lower: -6.0, upper: 6.0)

  static func densityEstimation(_ run: ChapterRun, config: Config) throws {
    run.section("Probability Density Estimation: histogram and KDE")
    let slide = slideDensity
    let truth = densityTruth
    let (lo, hi) = densityRange
    var rng = run.random("density")
    run.say("truth p(x) = \(truth.name); data drawn by ancestral sampling")

    var histogramErrors = [Double](), kdeErrors = [Double]()
    var largest: (data: [Double], kde: KernelDensityEstimate)?
    var shown: (data: [Double], histogram: DensityHistogram, kde: KernelDensityEstimate)?
    for n in config.densitySizes {
      let data = (0..<n).map { _ in truth.ancestralSample(using: &rng) }
      let bins = DensityHistogram.scottBinCount(data, lower: lo, upper: hi)
      let histogram = DensityHistogram(data, bins: bins, lower: lo, upper: hi)
      let kde = KernelDensityEstimate(silverman: data)
      let hISE = integratedSquaredError(histogram.density(at:), truth.pdf, lower: lo, upper: hi)
      let kISE = integratedSquaredError(kde.density(at:), truth.pdf, lower: lo, upper: hi, points: 1_000)
      histogramErrors.append(hISE)
      kdeErrors.append(kISE)
      run.say(String(format: "N = %6d: histogram %3d bins, ISE %.2e;  KDE h = %.3f, ISE %.2e", n, bins, hISE, kde.bandwidth, kISE))
      if n == 1_000 { shown = (data, histogram, kde) }
      largest = (data, kde)
    }
    for i in 1..<config.densitySizes.count {
      let (a, b) = (config.densitySizes[i - 1], config.densitySizes[i])
      run.check("histogram ISE(N = \(b)) <= ISE(N = \(a))", slide: slide,
                expected: histogramErrors[i - 1], observed: histogramErrors[i], tolerance: .atMost(margin: 0))
      run.check("KDE ISE(N = \(b)) <= ISE(N = \(a))", slide: slide,
                expected: kdeErrors[i - 1], observed: kdeErrors[i], tolerance: .atMost(margin: 0))
    }
    if let shown {
      // Normalisation: the histogram holds the fraction of the data inside [lo, hi]; the KDE integrates to 1.
      let inside = Double(shown.data.filter { $0 >= lo && $0 <= hi }.count) / Double(shown.data.count)
      run.check("histogram integral = fraction of data in range", slide: slide,
                expected: inside, observed: shown.histogram.heights.reduce(0, +) * shown.histogram.binWidth, tolerance: .relative(1e-12))
      run.check("KDE integral over [-12, 12] = 1", slide: slide, expected: 1,
                observed: integrate(shown.kde.density(at:), lower: -12, upper: 12, points: 4_000), tolerance: .relative(1e-6))
    }
    if let largest {
      checkKDEMeansSmoothedTruth(run, kde: largest.kde, truth: truth, at: [-1.5, 0, 1.5])
    }

    guard let shown else { return }
    let grid = stride(from: lo, through: hi, by: 0.02).map { $0 }
    var figure = Figure(
      name: "prelims-histogram-kde", title: "Density estimates from N = \(shown.data.count) samples",
      xLabel: "x", yLabel: "density", commands: ["set key top right", "set grid", "set yrange [0:*]"])
    let blue = "#1f77b4"
    figure.layers = [
      .columns([shown.histogram.centres, shown.histogram.heights, [Double](repeating: shown.histogram.binWidth, count: shown.histogram.heights.count)],
               using: "1:2:3", style: "boxes lc rgb '\(blue)' fs solid 0.35 border lc rgb '\(blue)'",
               title: "histogram (\(shown.histogram.heights.count) bins, Scott)"),
      .columns([grid, grid.map(shown.kde.density(at:))], style: "lines lw 2.5 lc rgb '#ff7f0e'",
               title: String(format: "Gaussian KDE (h = %.3f, Silverman)", shown.kde.bandwidth)),
      .columns([grid, grid.map(truth.pdf)], style: "lines lw 2 dt 2 lc rgb '#000000'", title: "true p(x)"),
    ]
    try run.figure(figure)

    let sizes = config.densitySizes.map(Double.init)
    var convergence = Figure.lines(
      name: "prelims-density-convergence", title: "Integrated squared error of the density estimates",
      series: [("histogram (Scott bins)", sizes, histogramErrors), ("KDE (Silverman h)", sizes, kdeErrors)],
      xLabel: "N (samples)", yLabel: "ISE = ∫ (p_{est} - p)^2 dx", logY: true)
    convergence.commands += ["set logscale x", "set format x '10^{%L}'", "set grid", "set key top right"]
    for layer in 0..<2 {
      convergence.layers.append(.columns([sizes, layer == 0 ? histogramErrors : kdeErrors],
                                         style: "points pt 7 ps 1.3 lc rgb '\(layer == 0 ? "#1f77b4" : "#ff7f0e")'"))
    }
    // The asymptotic rates, drawn through the N = 100 points: N^(-2/3) (histogram), N^(-4/5) (KDE).
    for (errors, rate, label) in [(histogramErrors, 2.0 / 3, "N^{-2/3}"), (kdeErrors, 0.8, "N^{-4/5}")] {
      convergence.layers.append(.columns([sizes, sizes.map { errors[0] * Foundation.pow($0 / sizes[0], -rate) }],
                                         style: "lines lw 1 dt 2 lc rgb '#666666'", title: "rate \(label)"))
    }
    try run.figure(convergence)
  }

  /// The KDE at x is the mean of N kernel values, an unbiased estimate of (p * K_h)(x), the
  /// truth smoothed by the kernel: closed form for a normal mixture, checked within 4 SE.
  package static func checkKDEMeansSmoothedTruth(_ run: ChapterRun, kde: KernelDensityEstimate, truth: NormalMixture, at points: [Double]) {
    let smoothed = truth.smoothed(bandwidth: kde.bandwidth)
    for x in points {
      let estimate = MeanEstimate(kde.kernelTerms(at: x))
      run.check(String(format: "KDE(%g) = (p * N(0, h^2))(%g), N = %d", x, x, kde.data.count), slide: slideDensity,
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
