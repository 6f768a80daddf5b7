import Foundation
import Probability
import Stochastic
import Testing

@Suite("Kolmogorov-Smirnov statistic")
struct KolmogorovSmirnovTests {
  @Test func statisticOfAHandWorkedSample() {
    // Against uni[0, 1]: the largest gaps are 1/3 - 0.1 and 0.9 - 2/3.
    let d = kolmogorovSmirnovStatistic([0.9, 0.1, 0.5]) { min(max($0, 0), 1) }
    #expect(abs(d - (1.0 / 3 - 0.1)) < 1e-15)
  }

  @Test(arguments: [
    // D+ = max(i/n - x_(i)) = 2/3 - 0.3 is the larger side; D- = 0.9 - 2/3.
    ([0.9, 0.2, 0.3], 2.0 / 3 - 0.3),
    // The mirror image: D- = max(x_(i) - (i-1)/n) = 0.7 - 1/3 is the larger side; D+ = 1/3 - 0.1.
    ([0.8, 0.1, 0.7], 0.7 - 1.0 / 3),
  ])
  func statisticWhenTheTwoSidesDiffer(sample: [Double], expected: Double) {
    let d = kolmogorovSmirnovStatistic(sample) { min(max($0, 0), 1) }
    #expect(abs(d - expected) < 1e-15, "D = \(d), expected \(expected)")
  }

  /// sup_x |F_n(x) - P(x)| by brute force: F_n counted afresh at every sample point, just below
  /// it (the left limit, P continuous) and on a grid between, sharing nothing with the sorted scan.
  func bruteForceSupremum(_ values: [Double], cdf: (Double) -> Double) -> Double {
    let n = Double(values.count)
    func distance(_ x: Double, strictly: Bool) -> Double {
      let below = values.filter { strictly ? $0 < x : $0 <= x }.count
      return abs(Double(below) / n - cdf(x))
    }
    let (low, high) = (values.min()! - 1, values.max()! + 1)
    let grid = (0...2000).map { low + (high - low) * Double($0) / 2000 }
    return
      (values.flatMap { [distance($0, strictly: false), distance($0, strictly: true)] }
      + grid.map { distance($0, strictly: false) }).max()!
  }

  @Test(arguments: [3, 17, 60] as [UInt64])
  func statisticIsTheSupremumByBruteForce(seed: UInt64) {
    var rng = SeededRandom(seed: seed)
    // A Laplace sample against the standard normal cdf, rounded to 0.1 so that ties occur.
    let sample = Laplace(location: 0.2, scale: 1).samples(40, using: &rng).map { ($0 * 10).rounded() / 10 }
    let d = kolmogorovSmirnovStatistic(sample, cdf: Normal.standard.cdf)
    let brute = bruteForceSupremum(sample, cdf: Normal.standard.cdf)
    #expect(abs(d - brute) < 1e-12, "sorted scan \(d), brute force \(brute)")
  }

  @Test func criticalValueIsTheAsymptoticFormula() {
    #expect(abs(kolmogorovSmirnovCriticalValue(sampleCount: 1, alpha: 0.01) - 1.6276236) < 1e-7)
    #expect(abs(kolmogorovSmirnovCriticalValue(sampleCount: 100, alpha: 0.05) - 0.13581015) < 1e-7)
  }

  @Test func rejectsAWrongDistributionAndAcceptsTheRightOne() {
    var rng = SeededRandom(seed: 11)
    let x = Laplace(location: 0, scale: 1).samples(4_000, using: &rng)
    let critical = kolmogorovSmirnovCriticalValue(sampleCount: x.count)
    #expect(kolmogorovSmirnovStatistic(x, cdf: Laplace(location: 0, scale: 1).cdf) <= critical)
    #expect(kolmogorovSmirnovStatistic(x, cdf: Normal.standard.cdf) > critical)
    #expect(kolmogorovSmirnovStatistic(x, cdf: Laplace(location: 0, scale: 1.15).cdf) > critical)
  }

  @Test func falseAlarmRateIsAboutAlpha() {
    // 400 honest samples of size 200 at alpha = 10%: about 40 rejections (binomial sd 6).
    var rng = SeededRandom(seed: 5)
    let target = Exponential(rate: 1)
    let critical = kolmogorovSmirnovCriticalValue(sampleCount: 200, alpha: 0.1)
    let rejections = (0..<400).filter { _ in
      kolmogorovSmirnovStatistic(target.samples(200, using: &rng), cdf: target.cdf) > critical
    }.count
    #expect(rejections > 16 && rejections < 64, "\(rejections) of 400")
  }
}
