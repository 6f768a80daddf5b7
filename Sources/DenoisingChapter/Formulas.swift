// The formulas of the denoising slides that the chapter's checks hold against each other, as
// one value passed to its sections: the honest ones, or one replaced by a classic mistake
// (`--mistake NAME`), built here and nowhere else.

import AutoencoderKit
import Foundation
import Lecture
import Stochastic
import TensorCore

extension DenoisingChapter {
  /// The catalogue of plantable mistakes and the checks each must fail.
  public static let mistakes: [Mistake] = [
    Mistake(
      "masking-rate-flipped", slide: "Denoising Autoencoder (DAE): corruptions",
      wrong: "masking noise that keeps a fraction nu of the pixels instead of zeroing it (nu used as 1 - nu)",
      catches: ["masking: fraction of pixels set to 0 (nu = \(secondMaskingFraction))"]),
    Mistake(
      "gaussian-variance-for-sd", slide: "Denoising Autoencoder (DAE): corruptions",
      wrong: "Gaussian noise drawn with standard deviation sigma^2 (the variance given where the SD belongs)",
      catches: ["Gaussian: variance of x~ - x (sigma^2 = 0.25)"]),
    Mistake(
      "dropout-without-rescale", slide: "Denoising Autoencoder (DAE): corruptions",
      wrong: "input dropout without the 1/(1 - p) rescale of the kept pixels (masking under dropout's name)",
      catches: ["input dropout: E[x~] = x (kept pixels scaled by 1/(1 - p))"]),
    Mistake(
      "salt-without-pepper", slide: "Denoising Autoencoder (DAE): corruptions",
      wrong: "salt-and-pepper noise that only ever sets the maximum 1",
      catches: ["salt-and-pepper: share of the changed set to the max 1 (1/2)"]),
    Mistake(
      "psnr-20-log10-mse", slide: "Examples and Applications",
      wrong: "PSNR as 20 log10(1 / MSE): the factor 20 of the RMSE form applied to the MSE",
      catches: [psnrOffsetCheckName, psnrQuarterCheckName]),
    Mistake(
      "bicubic-a-0.75", slide: "Examples and Applications: image super resolution",
      wrong: "bicubic interpolation with Keys' a = -0.75 (a common library default) instead of -1/2",
      catches: [bicubicCheckName]),
  ]

  /// The formulas one run uses.
  package struct Formulas {
    /// A corruption applied to images (`Corruption.apply`, or a planted wrong one).
    package var corrupt: Corrupter = { corruption, x, rng in corruption.apply(to: x, using: &rng) }
    /// Mean over images of PSNR in dB.
    package var psnr: (Tensor, Tensor) -> Double = { meanPSNR($0, $1) }
    /// Keys' parameter of the bicubic kernel.
    package var bicubicA = -0.5

    package static var honest: Formulas { Formulas() }

    /// The formulas with `mistake` planted (honest for nil or a name this chapter does not know).
    package static func planted(_ mistake: Mistake?) -> Formulas {
      var f = Formulas()
      switch mistake?.name {
      case "masking-rate-flipped":
        f.corrupt = { corruption, x, rng in
          guard case .masking(let nu) = corruption else { return corruption.apply(to: x, using: &rng) }
          return Corruption.masking(fraction: 1 - nu).apply(to: x, using: &rng)
        }
      case "gaussian-variance-for-sd":
        f.corrupt = { corruption, x, rng in
          guard case .gaussian(let sd) = corruption else { return corruption.apply(to: x, using: &rng) }
          return Corruption.gaussian(standardDeviation: sd * sd).apply(to: x, using: &rng)
        }
      case "dropout-without-rescale":
        f.corrupt = { corruption, x, rng in
          guard case .dropout(let p) = corruption else { return corruption.apply(to: x, using: &rng) }
          return Corruption.masking(fraction: p).apply(to: x, using: &rng)
        }
      case "salt-without-pepper":
        f.corrupt = { corruption, x, rng in
          guard case .saltAndPepper(let fraction) = corruption else { return corruption.apply(to: x, using: &rng) }
          return x.map { v in rng.uniform() < fraction ? 1 : v }
        }
      case "psnr-20-log10-mse": f.psnr = { 2 * meanPSNR($0, $1) }
      case "bicubic-a-0.75": f.bicubicA = -0.75
      default: break
      }
      return f
    }
  }
}
