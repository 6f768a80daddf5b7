// Nonparametric density estimates (slide "Probability Density Estimation"): the histogram and
// the kernel density estimate (KDE). Both are averages of N local bumps, so at a fixed x they
// are Monte Carlo estimates of a smoothed density; as N grows and the bin width / bandwidth
// shrinks slowly, they converge to p(x). The integrated squared error int (p^ - p)^2 dx measures
// how close a whole estimate is.

import Foundation

/// A density histogram: counts / (N * width) on equal bins over [lower, upper); zero outside.
public struct DensityHistogram: Sendable {
  public let lower: Double
  public let upper: Double
  public let heights: [Double]
  public var binWidth: Double { (upper - lower) / Double(heights.count) }

  /// The slide's height of a bin: count / (N width), so that the bars have area count / N.
  public static func normalisedHeight(count: Double, total: Int, width: Double) -> Double {
    count / (Double(total) * width)
  }

  /// Bins `values` into `bins` equal bins over [lower, upper]. Values outside count towards N
  /// but land in no bin, so the histogram integrates to the fraction inside. `height` turns a
  /// bin's count into its height (a chapter passes another to plant a mistake).
  public init(
    _ values: [Double], bins: Int, lower: Double, upper: Double,
    height: (_ count: Double, _ total: Int, _ width: Double) -> Double = DensityHistogram.normalisedHeight
  ) {
    precondition(bins > 0 && lower < upper && !values.isEmpty, "need bins > 0, lower < upper and data")
    var counts = [Double](repeating: 0, count: bins)
    let width = (upper - lower) / Double(bins)
    for v in values where v >= lower && v <= upper {
      counts[Swift.min(bins - 1, Int((v - lower) / width))] += 1
    }
    self.lower = lower
    self.upper = upper
    self.heights = counts.map { height($0, values.count, width) }
  }

  /// Scott's rule for the number of bins on [lower, upper]: width 3.49 s N^(-1/3), which
  /// minimises the asymptotic integrated squared error for near-normal data.
  public static func scottBinCount(_ values: [Double], lower: Double, upper: Double) -> Int {
    let width = 3.49 * sampleStandardDeviation(values) * Foundation.pow(Double(values.count), -1.0 / 3)
    return Swift.max(1, Int(((upper - lower) / width).rounded()))
  }

  public func density(at x: Double) -> Double {
    guard x >= lower && x <= upper else { return 0 }
    return heights[Swift.min(heights.count - 1, Int((x - lower) / binWidth))]
  }

  /// The bin centres, for plotting.
  public var centres: [Double] { (0..<heights.count).map { lower + (Double($0) + 0.5) * binWidth } }
}

/// A Gaussian-kernel density estimate p^(x) = (1/N) sum_i N(x | x_i, h^2).
public struct KernelDensityEstimate: Sendable {
  public let data: [Double]
  public let bandwidth: Double
  /// The kernel's normaliser 1 / (h sqrt(2 pi)).
  private let norm: Double

  public init(_ data: [Double], bandwidth: Double) {
    precondition(!data.isEmpty && bandwidth > 0, "a KDE needs data and a positive bandwidth")
    self.data = data
    self.bandwidth = bandwidth
    norm = 1 / (bandwidth * (2 * Double.pi).squareRoot())
  }

  /// With Silverman's rule of thumb h = 0.9 min(s, IQR / 1.34) N^(-1/5).
  public init(silverman data: [Double]) {
    self.init(data, bandwidth: Self.silvermanBandwidth(data))
  }

  public static func silvermanBandwidth(_ data: [Double]) -> Double {
    let sorted = data.sorted()
    let iqr = quantileOfSorted(sorted, 0.75) - quantileOfSorted(sorted, 0.25)
    let spread = Swift.min(sampleStandardDeviation(data), iqr / 1.34)
    return 0.9 * spread * Foundation.pow(Double(data.count), -0.2)
  }

  /// The N kernel values N(x | x_i, h^2) whose mean is p^(x): a Monte Carlo sample of the
  /// smoothed density (p * K_h)(x).
  public func kernelTerms(at x: Double) -> [Double] {
    data.map { kernel(x, $0) }
  }

  /// The mean of `kernelTerms(at: x)`, summed in the same order without the array.
  public func density(at x: Double) -> Double {
    var total = 0.0
    for xi in data { total += kernel(x, xi) }
    return total / Double(data.count)
  }

  /// N(x | xi, h^2).
  private func kernel(_ x: Double, _ xi: Double) -> Double {
    let z = (x - xi) / bandwidth
    return norm * Foundation.exp(-0.5 * z * z)
  }
}

/// int (f - g)^2 dx over [lower, upper] by the midpoint rule on `points` cells. Histograms are
/// discontinuous, so a fine grid (thousands of cells) is used rather than a higher-order rule.
public func integratedSquaredError(
  _ f: (Double) -> Double, _ g: (Double) -> Double, lower: Double, upper: Double, points: Int = 4_000
) -> Double {
  let h = (upper - lower) / Double(points)
  var sum = 0.0
  for i in 0..<points {
    let x = lower + (Double(i) + 0.5) * h
    let d = f(x) - g(x)
    sum += d * d
  }
  return sum * h
}

/// The unbiased sample standard deviation.
public func sampleStandardDeviation(_ values: [Double]) -> Double {
  let n = Double(values.count)
  let mean = values.reduce(0, +) / n
  return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
}

/// The q-quantile of sorted data by linear interpolation between order statistics.
public func quantileOfSorted(_ sorted: [Double], _ q: Double) -> Double {
  precondition(!sorted.isEmpty, "no data")
  let position = q * Double(sorted.count - 1)
  let i = Int(position.rounded(.down))
  let j = Swift.min(i + 1, sorted.count - 1)
  return sorted[i] + (position - Double(i)) * (sorted[j] - sorted[i])
}
