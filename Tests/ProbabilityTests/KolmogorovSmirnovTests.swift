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
    let rejections = (0..<400).filter { _ in kolmogorovSmirnovStatistic(target.samples(200, using: &rng), cdf: target.cdf) > critical }.count
    #expect(rejections > 16 && rejections < 64, "\(rejections) of 400")
  }
}
