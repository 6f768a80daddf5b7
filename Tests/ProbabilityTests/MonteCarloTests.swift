import Probability
import Stochastic
import Testing

@Suite("Monte Carlo estimates")
struct MonteCarloTests {
  @Test func meanAndStandardErrorOfKnownTerms() {
    let e = MeanEstimate([1, 2, 3, 4])
    #expect(e.mean == 2.5)
    #expect(abs(e.variance - 5.0 / 3.0) < 1e-12)
    #expect(abs(e.standardError - (5.0 / 12.0).squareRoot()) < 1e-12)
  }

  @Test func estimateOfASecondMomentIsWithinFourStandardErrors() {
    var rng = SeededRandom(seed: 9)
    let e = monteCarlo(count: 20_000, using: &rng) { r in
      let z = r.normal()
      return z * z
    }
    #expect(abs(e.mean - 1) < 4 * e.standardError)
    // Var z^2 = 2 for a standard normal.
    #expect(abs(e.variance - 2) < 0.15)
  }
}
