// Poisson draws at means that recur: the low-dose corruption x~ = Poisson(N x) / N draws one
// count per pixel, and an image's pixels take at most 256 grey levels, so N x takes at most
// 256 values. `SeededRandom.poisson(mean:)` sums the cumulative probabilities of its inversion
// afresh on every call (an exp and a division per step); these tables sum them once per mean.
// Every number in them is formed by the same operations in the same order as in the call, so a
// uniform gives the same count bit for bit, and a draw consumes the generator as the call does.

import Foundation

/// The inversion of `SeededRandom.poisson(mean:)` at one mean below 10, its cumulative sums kept.
public struct PoissonInversion: Sendable {
  public let mean: Double
  /// P(k) and P(0) + ... + P(k) for k = 0, 1, ..., as far as a draw has needed them.
  private var probability: [Double]
  private var cumulative: [Double]

  /// `mean` in [0, 10): from 10 on, `poisson(mean:)` draws by transformed rejection instead.
  public init(mean: Double) {
    precondition(mean >= 0 && mean < 10, "PoissonInversion needs a mean in [0, 10)")
    self.mean = mean
    let p = Foundation.exp(-mean)
    probability = [p]
    cumulative = [p]
  }

  /// The count for the uniform `u`: the first k with u < P(0) + ... + P(k), or the first k whose
  /// P(k) rounded to zero.
  public mutating func count(forUniform u: Double) -> Int {
    var k = 0
    while true {
      if k == cumulative.count {
        let p = probability[k - 1] * (mean / Double(k))
        probability.append(p)
        cumulative.append(cumulative[k - 1] + p)
      }
      if !(u >= cumulative[k] && probability[k] > 0) { return k }
      k += 1
    }
  }

  /// `rng.poisson(mean:)`: the same count, drawing the same uniform (none at a mean of 0).
  public mutating func draw(_ rng: inout SeededRandom) -> Int {
    mean == 0 ? 0 : count(forUniform: rng.uniform())
  }
}

/// `rng.poisson(mean: photons * x)` for pixels x, with one `PoissonInversion` per grey level met.
public struct PoissonGreyLevels: Sendable {
  public let photons: Double
  /// Slot round(255 x) holds the table of the first x met there; another x in the same slot
  /// (an image that is not 8-bit) and means of 10 or more are drawn by `poisson(mean:)` itself.
  private var levels: [(x: Float, table: PoissonInversion)?] = Array(repeating: nil, count: 256)

  public init(photons: Double) { self.photons = photons }

  /// A count of mean `photons * max(x, 0)`, exactly as `rng.poisson(mean:)` draws it.
  public mutating func draw(_ x: Float, _ rng: inout SeededRandom) -> Int {
    let mean = photons * Double(Swift.max(x, 0))
    let scaled = (Swift.max(x, 0) * 255).rounded()
    guard mean < 10, scaled <= 255 else { return rng.poisson(mean: mean) }
    let slot = Int(scaled)
    if levels[slot] == nil { levels[slot] = (Swift.max(x, 0), PoissonInversion(mean: mean)) }
    guard levels[slot]!.x == Swift.max(x, 0) else { return rng.poisson(mean: mean) }
    return levels[slot]!.table.draw(&rng)
  }
}
