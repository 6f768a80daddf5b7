// The slide "Denoising Autoencoder (DAE): how to corrupt input data", as one type: a DAE is
// trained on corrupt(x) with x as the target, a fresh corruption for every batch. Shared by
// the denoising chapter and by the stacked chapter's denoising variant.

import Stochastic
import TensorCore

/// A random corruption of images with pixels in [0, 1], applied independently per image.
public enum Corruption: Sendable, CustomStringConvertible {
  /// x + e, e ~ N(0, sigma^2 I). Not clipped: the noise is exactly the slide's, and pixels
  /// leave [0, 1] (the denoising chapter says how many).
  case gaussian(standardDeviation: Float)
  /// Masking noise: each pixel set to 0 with probability `fraction`, independently.
  case masking(fraction: Double)
  /// Salt-and-pepper: each pixel, with probability `fraction`, set to the minimum 0 or the
  /// maximum 1 (each with probability 1/2).
  case saltAndPepper(fraction: Double)
  /// Dropout on the input ("merge with dropout"): masking with rate p, the kept pixels
  /// scaled by 1/(1 - p) so that the corrupted image equals x in expectation.
  case dropout(rate: Double)
  /// A `side` x `side` square at a uniformly drawn position set to 0 (inpainting's holes).
  case block(side: Int, imageWidth: Int, imageHeight: Int)
  /// Low-dose imaging: x~ = Poisson(N x) / N, N the photon count per pixel at intensity 1. The
  /// mean stays x, the variance is x / N: the fewer the photons, the noisier, and black stays black.
  case poisson(photons: Int)

  public var description: String {
    switch self {
    case .gaussian(let s): return "Gaussian noise, sigma = \(s)"
    case .masking(let f): return "masking noise, fraction \(f)"
    case .saltAndPepper(let f): return "salt-and-pepper noise, fraction \(f)"
    case .dropout(let p): return "input dropout, rate \(p)"
    case .block(let side, _, _): return "a missing \(side)x\(side) block"
    case .poisson(let n): return "Poisson noise, N = \(n) photons"
    }
  }

  /// A short name for files and table rows.
  public var shortName: String {
    switch self {
    case .gaussian: return "gaussian"
    case .masking: return "masking"
    case .saltAndPepper: return "salt-and-pepper"
    case .dropout: return "dropout"
    case .block: return "block"
    case .poisson: return "poisson"
    }
  }

  /// `x` [N, D] corrupted: one independent draw per image (and per pixel where it applies).
  public func apply(to x: Tensor, using rng: inout SeededRandom) -> Tensor {
    var s = x.storage
    switch self {
    case .gaussian(let sd):
      // One normal per pixel, its logarithm, sine and cosine the cost: drawn side by side.
      rng = Corruption.sideBySide(&s, rng, skip: { $0.afterNormals($1.count) }) { x, rng in
        x += sd * Float(rng.normal())
      }
    case .masking(let fraction):
      for i in s.indices where rng.uniform() < fraction { s[i] = 0 }
    case .saltAndPepper(let fraction):
      for i in s.indices {
        // One uniform decides both: below fraction/2 pepper, below fraction salt.
        let u = rng.uniform()
        if u < fraction { s[i] = u < fraction / 2 ? 0 : 1 }
      }
    case .dropout(let rate):
      let scale = Float(1 / (1 - rate))
      for i in s.indices { s[i] = rng.uniform() < rate ? 0 : s[i] * scale }
    case .block(let side, let width, let height):
      precondition(x.shape[1] == width * height && side <= width && side <= height, "block larger than the image")
      for image in 0..<x.shape[0] {
        let top = rng.index(below: height - side + 1)
        let left = rng.index(below: width - side + 1)
        for r in top..<(top + side) {
          let start = image * x.shape[1] + r * width + left
          for i in start..<(start + side) { s[i] = 0 }
        }
      }
    case .poisson(let photons):
      let n = Double(photons)
      func count(_ x: inout Float, _ rng: inout SeededRandom) {
        x = Float(Double(rng.poisson(mean: n * Double(max(x, 0)))) / n)
      }
      // Below a mean of 10 a count draws one uniform, none at a mean of 0 (a black pixel), so
      // the pixels can be drawn side by side; from 10 on, one after another.
      if n * Double(s.max() ?? 0) < 10 {
        let skip = { (rng: SeededRandom, before: ArraySlice<Float>) in
          rng.afterUniforms(before.lazy.filter { $0 > 0 }.count)
        }
        rng = Corruption.sideBySide(&s, rng, skip: skip, count)
      } else {
        for i in s.indices { count(&s[i], &rng) }
      }
    }
    return Tensor(shape: x.shape, storage: s)
  }
}

extension Corruption {
  /// Corrupts every pixel of `pixels` in order, `draw` taking the pixel's random numbers from
  /// `rng`, in one piece per core: a piece starts from `skip(rng, pixels before it)`, the
  /// generator as it will be after the pixels before it. The pixels and the returned generator
  /// are then those of one loop over all the pixels, bit for bit, on any number of cores.
  static func sideBySide(
    _ pixels: inout [Float], _ rng: SeededRandom, skip: (SeededRandom, ArraySlice<Float>) -> SeededRandom,
    _ draw: (inout Float, inout SeededRandom) -> Void
  ) -> SeededRandom {
    let n = pixels.count
    // Below about 16,000 pixels (a few images) the hand-off costs more than it saves.
    let parts = n < (1 << 14) ? 1 : Parallel.width
    let starts = (0...parts).map { n * $0 / parts }
    var generators = (0..<parts).map { skip(rng, pixels[0..<starts[$0]]) }
    pixels.withUnsafeMutableBufferPointer { x in
      generators.withUnsafeMutableBufferPointer { g in
        Parallel.perform(parts: parts) { c in
          for i in starts[c]..<starts[c + 1] { draw(&x[i], &g[c]) }
        }
      }
    }
    return generators[parts - 1]
  }
}
