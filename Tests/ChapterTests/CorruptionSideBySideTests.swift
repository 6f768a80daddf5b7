// The Gaussian and Poisson corruptions draw their pixels side by side, each piece of the batch
// from the generator skipped ahead past the pixels before it. They must give the pixels, and
// leave the generator, exactly as one loop over the pixels does.

import AutoencoderKit
import Stochastic
import TensorCore
import Testing

@Suite("corruptions drawn side by side")
struct CorruptionSideBySideTests {
  /// 30 images of 784 pixels (above the size the corruptions split), a third of them black,
  /// the others 8-bit grey levels.
  private func images() -> Tensor {
    var rng = SeededRandom(seed: 5)
    let pixels = (0..<(30 * 784)).map { _ in rng.uniform() < 1.0 / 3 ? Float(0) : Float(rng.index(below: 256)) / 255 }
    return Tensor(shape: [30, 784], storage: pixels)
  }

  /// The corruption as one loop, the slide's definition pixel after pixel.
  private func oneLoop(_ corruption: Corruption, _ x: Tensor, _ rng: inout SeededRandom) -> [Float] {
    switch corruption {
    case .gaussian(let sd): return x.storage.map { $0 + sd * Float(rng.normal()) }
    case .poisson(let photons):
      let n = Double(photons)
      return x.storage.map { Float(Double(rng.poisson(mean: n * Double(max($0, 0)))) / n) }
    default: fatalError("not drawn side by side")
    }
  }

  @Test(arguments: [
    Corruption.gaussian(standardDeviation: 0.3), .poisson(photons: 1), .poisson(photons: 5), .poisson(photons: 9),
    .poisson(photons: 37),
  ])
  func sideBySideIsOneLoop(corruption: Corruption) {
    let x = images()
    for spare in [false, true] {
      var loop = SeededRandom(seed: 7)
      if spare { _ = loop.normal() }  // a spare normal waiting when the corruption starts
      var split = loop
      let expected = oneLoop(corruption, x, &loop)
      let drawn = corruption.apply(to: x, using: &split).storage
      let differing = zip(expected, drawn).filter { $0.bitPattern != $1.bitPattern }.count
      #expect(differing == 0, "\(differing) of \(x.count) pixels differ (\(corruption), spare \(spare))")
      #expect(loop.next() == split.next() && loop.normal() == split.normal(), "the generators end alike")
    }
  }
}
