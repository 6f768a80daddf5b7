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
      for i in s.indices { s[i] += sd * Float(rng.normal()) }
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
      for i in s.indices { s[i] = Float(Double(rng.poisson(mean: n * Double(max(s[i], 0)))) / n) }
    }
    return Tensor(shape: x.shape, storage: s)
  }
}
