import Foundation
import Probability
import Stochastic
import Testing

@Suite("Histogram and kernel density estimates")
struct DensityEstimationTests {
  @Test func histogramHeightsAreCountsOverNWidth() {
    let h = DensityHistogram([0.1, 0.2, 0.6, 1.0, 5.0], bins: 2, lower: 0, upper: 1)
    // Bins [0, 0.5) and [0.5, 1]; 5.0 is outside but counts towards N.
    let height: Double = 2 / (5 * 0.5)
    #expect(h.heights == [height, height])
    #expect(h.density(at: 0.7) == 0.8)
    #expect(h.density(at: -0.1) == 0)
    #expect(h.centres == [0.25, 0.75])
  }

  @Test func kdeIsTheAverageOfGaussianKernels() {
    let kde = KernelDensityEstimate([0, 1], bandwidth: 0.5)
    let n = Normal(mean: 0, standardDeviation: 0.5)
    #expect(abs(kde.density(at: 0.3) - 0.5 * (n.pdf(0.3) + n.pdf(-0.7))) < 1e-15)
  }

  @Test func silvermanBandwidthOfAKnownSample() {
    let x = (1...9).map(Double.init)
    // s = sqrt(7.5), IQR = 7 - 3 = 4 (interpolated quartiles), min(s, IQR/1.34) = 2.7386...
    let expected = 0.9 * min(7.5.squareRoot(), 4 / 1.34) * pow(9, -0.2)
    #expect(abs(KernelDensityEstimate.silvermanBandwidth(x) - expected) < 1e-14)
  }

  @Test func integratedSquaredErrorOfTwoShiftedNormals() {
    // int (phi(x) - phi(x - 1))^2 dx = (1 - e^(-1/4)) / sqrt(pi).
    let a = Normal(mean: 0, standardDeviation: 1)
    let b = Normal(mean: 1, standardDeviation: 1)
    let ise = integratedSquaredError(a.pdf, b.pdf, lower: -12, upper: 13, points: 20_000)
    #expect(abs(ise - (1 - exp(-0.25)) / Double.pi.squareRoot()) < 1e-10)
  }

  @Test func kdeErrorShrinksWithN() {
    var rng = SeededRandom(seed: 2)
    let truth = Normal.standard
    let errors = [200, 20_000].map { n -> Double in
      let kde = KernelDensityEstimate(silverman: (0..<n).map { _ in rng.normal() })
      return integratedSquaredError(kde.density(at:), truth.pdf, lower: -6, upper: 6, points: 600)
    }
    #expect(errors[1] < errors[0] / 5, "\(errors)")
  }
}
