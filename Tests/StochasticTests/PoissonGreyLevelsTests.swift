// The low-dose corruption's Poisson tables must draw exactly what `SeededRandom.poisson(mean:)`
// draws: the same counts from the same seed, and the generator left in the same state.

import Foundation
import Stochastic
import Testing

@Suite("Poisson draws by grey level")
struct PoissonGreyLevelsTests {
  /// Pixels of every 8-bit grey level, in a shuffled order and repeated, with a few that are
  /// not 8-bit levels (another value in an occupied slot), negative and zero.
  private func pixels() -> [Float] {
    var order = SeededRandom(seed: 3)
    let levels = (0..<256).map { Float($0) / 255 }
    let others: [Float] = [0.5, 0.3, 1e-6, -0.25, -0.0, 1.0, 0.999, 0.0019]
    let all = (0..<20).flatMap { _ in levels } + others + others
    return order.permutation(all.count).map { all[$0] }
  }

  @Test(arguments: [1.0, 2.0, 5.0, 9.0, 37.0])
  func tablesDrawWhatTheCallDraws(photons: Double) {
    var direct = SeededRandom(seed: 11)
    var tabled = SeededRandom(seed: 11)
    var counts = PoissonGreyLevels(photons: photons)
    let x = pixels()
    let byCall = x.map { direct.poisson(mean: photons * Double(max($0, 0))) }
    let byTable = x.map { counts.draw($0, &tabled) }
    #expect(byCall == byTable)
    #expect(byCall.contains { $0 > 3 })
    #expect(direct.next() == tabled.next(), "the generators end in the same state")
  }

  /// The inversion transcribed from `poisson(mean:)`, for a given uniform.
  private func inversion(_ mean: Double, _ u: Double) -> Int {
    var p = exp(-mean)
    var cumulative = p
    var k = 0
    while u >= cumulative && p > 0 {
      k += 1
      p *= mean / Double(k)
      cumulative += p
    }
    return k
  }

  // Uniforms up to the largest below 1, which the cumulative sums may never exceed: the scan
  // then runs until P(k) rounds to zero, extending the table as it goes.
  @Test func extremeUniformsCountAsTheInversion() {
    for mean in [1e-300, 0.3, 4.0, 9.99] {
      var table = PoissonInversion(mean: mean)
      for u in [0, 0.5, 0.999, 1 - 1e-12, 1.0.nextDown, 0.25] {
        #expect(table.count(forUniform: u) == inversion(mean, u), "mean \(mean), u \(u)")
      }
    }
  }
}
