// The formulas of the denoising slides that the chapter's checks hold against each other, as
// one value passed to its sections: the honest ones, or one replaced by a classic mistake
// (`--mistake NAME`), built here and nowhere else.

import Autodiff
import AutoencoderKit
import Foundation
import Lecture
import NeuralNet
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
    Mistake(
      "gaussian-noise-uniform", slide: "Denoising Autoencoder (DAE): corruptions",
      wrong: "Gaussian noise drawn uniform on [0, sigma): neither centred nor normal",
      catches: [
        "Gaussian: mean of x~ - x over \(Config(quick: true).statisticsCount * 784) pixels",
        "Gaussian: variance of x~ - x (sigma^2 = 0.25)",
      ]),
    Mistake(
      "masking-by-expectation", slide: "Denoising Autoencoder (DAE): corruptions",
      wrong: "masking noise replaced by its expectation: every pixel scaled by 1 - nu, none set to 0",
      catches: [
        "masking: fraction of pixels set to 0 (nu = 0.5)",
        "masking: fraction of pixels set to 0 (nu = \(secondMaskingFraction))",
        "masking: pixels neither 0 nor unchanged",
      ]),
    Mistake(
      "salt-and-pepper-random-values", slide: "Denoising Autoencoder (DAE): corruptions",
      wrong: "salt-and-pepper noise that sets the chosen pixels to uniform random values, not the min 0 or the max 1",
      catches: [
        "salt-and-pepper: share of the changed set to the max 1 (1/2)",
        "salt-and-pepper: changed pixels neither min 0 nor max 1",
      ]),
    Mistake(
      "salt-and-pepper-rate-per-side", slide: "Denoising Autoencoder (DAE): corruptions",
      wrong: "salt-and-pepper noise with salt and pepper each drawn at the rate nu (2 nu of the pixels changed)",
      catches: ["salt-and-pepper: fraction of pixels changed (0.2)"]),
    Mistake(
      "dropout-gaussian", slide: "Denoising Autoencoder (DAE): corruptions",
      wrong: "Gaussian dropout (x times N(1, p / (1 - p))) under input dropout's name: the same mean, no pixel dropped",
      catches: ["input dropout: fraction of pixels set to 0 (p = 0.5)"]),
    Mistake(
      "block-position-off-by-its-size", slide: "Denoising Autoencoder (DAE): corruptions",
      wrong: "the block's corner drawn over the whole image (0 ..< 28), not 0 ... 28 - side: blocks cut at the border",
      catches: [
        "block: images whose zeros are not one 12x12 square",
        "block: fraction of holes covering pixel (14, 14), from 0 (uniform position)",
      ]),
    Mistake(
      "bce-backward-for-probabilities", slide: "Denoising Autoencoder (DAE)",
      wrong: "the BCE's backward at the logits as (p - x) / (p (1 - p)), its derivative in p: the sigmoid's "
        + "p (1 - p) not applied",
      catches: [
        "gradient training loss: BCE of a 7-5-3-5-7 DAE, masked input, clean target: backprop vs finite differences",
        "gradient training loss: BCE of a 2x2 -> 4x4 super-resolution network (2 channels): "
          + "backprop vs finite differences",
      ]),
    // A plain AE reconstructing the clean image has lost nothing to the corruption, the DAE
    // works from the corrupted one: the baseline wins every ordering against it at any seed
    // (its test PSNR on clean images is above every DAE's on corrupted ones, and it fills a
    // hole it can see).
    Mistake(
      "plain-ae-on-clean-input", slide: "Denoising Autoencoder (DAE)",
      wrong: "the plain AE baseline scored on the clean test images (its own test set) where the DAE gets "
        + "the corrupted ones",
      catches: [
        "gaussian: plain AE's PSNR on the corrupted input below the DAE's (dB) (paired, by > 4 SE)",
        "masking: plain AE's PSNR on the corrupted input below the DAE's (dB) (paired, by > 4 SE)",
        "salt-and-pepper: plain AE's PSNR on the corrupted input below the DAE's (dB) (paired, by > 4 SE)",
        "inpainting DAE error in the holes below the plain AE's fill (paired, by > 4 SE)",
        featureReductionRows()[1] + " (paired, by > 4 SE)",
      ]),
    // Reading output pixel o at o / 2 shifts the whole upsampled image by half an output pixel
    // in both directions; nearest neighbour's copies stay aligned, and on these images the shift
    // costs more than bicubic gains (a systematic loss on every image, not a seed's luck).
    Mistake(
      "bicubic-corners-not-centres", slide: "Examples and Applications: image super resolution",
      wrong: "bicubic upsampling with output pixel o at source coordinate o / 2 (corners aligned) "
        + "for (o + 1/2) / 2 - 1/2 (centres)",
      catches: ["nearest neighbour's PSNR below bicubic's (dB) (paired, by > 4 SE)"]),
    // The residual of masking and of a missing block is -x where pixels are missing and 0
    // elsewhere, which drives the sigmoid output to black; the Gaussian and salt-and-pepper
    // residuals are the noise, unpredictable but for its sign on the background. Read as the
    // image, the output is near black: below the corrupted input, the plain AE and the
    // mean-image fill at any seed (a black image scores under 8 dB on these images).
    Mistake(
      "dae-predicts-the-noise", slide: "Denoising Autoencoder (DAE)",
      wrong: "the DAE trained on the residual x~ - x as its target (what a residual denoiser predicts), "
        + "its output read as the clean image",
      catches: trainedCorruptions(Config(quick: true)).flatMap { c in
        [
          "\(c.shortName): corrupted input's PSNR below the DAE's (dB) (paired, by > 4 SE)",
          "\(c.shortName): plain AE's PSNR on the corrupted input below the DAE's (dB) (paired, by > 4 SE)",
        ]
      } + [
        "inpainting DAE error in the holes below the mean-image fill's (paired, by > 4 SE)",
        "inpainting DAE error in the holes below the plain AE's fill (paired, by > 4 SE)",
      ] + featureReductionRows().map { $0 + " (paired, by > 4 SE)" }
        + Config(quick: true).photonCounts.map { lowDoseRow($0) + " (paired, by > 4 SE)" }),
    // The logits of the background pixels are large and negative; read as pixels, their
    // squared error dwarfs any interpolation's, at any seed.
    Mistake(
      "sigmoid-forgotten-at-test", slide: "Examples and Applications: image super resolution",
      wrong: "the super-resolution network's logits read as pixels at test time, the output sigmoid forgotten",
      catches: ["bicubic PSNR below the super-resolution network's (dB) (paired, by > 4 SE)"]),
    // A Gaussian of the noise's size at intensity 1 keeps the mean but not the variance x / N,
    // which the dark pixels show, and lights up black ones, which record no photon.
    Mistake(
      "poisson-as-gaussian", slide: "Examples and Applications: low dose CT",
      wrong: "low-dose noise drawn Gaussian with a fixed SD 1 / sqrt(N) (the photon noise at intensity 1) for "
        + "Poisson(N x) / N",
      catches: Config(quick: true).photonCounts.map(lowDoseVarianceCheckName) + [lowDoseBlackCheckName]),
    Mistake(
      "photons-not-divided", slide: "Examples and Applications: low dose CT",
      wrong: "the photon count Poisson(N x) used as the image, not divided by the dose N",
      catches: Config(quick: true).photonCounts.filter { $0 > 1 }.flatMap {  // at N = 1 the division is by 1
        [lowDoseMeanCheckName($0), lowDoseVarianceCheckName($0)]
      }),
    // Counts above N put a bright pixel above 1; clipping them removes the upper tail, so the
    // mean falls below x and the variance below x / N at every dose.
    Mistake(
      "poisson-clipped", slide: "Examples and Applications: low dose CT",
      wrong: "the low-dose image clipped to [0, 1] (Poisson(N x) / N exceeds 1 where more than N photons arrive)",
      catches: Config(quick: true).photonCounts.flatMap { [lowDoseMeanCheckName($0), lowDoseVarianceCheckName($0)] }),
  ]

  /// The formulas one run uses.
  package struct Formulas {
    /// A corruption applied to images (`Corruption.apply`, or a planted wrong one).
    package var corrupt: Corrupter = { corruption, x, rng in corruption.apply(to: x, using: &rng) }
    /// Mean over images of PSNR in dB.
    package var psnr: (Tensor, Tensor) -> Double = { meanPSNR($0, $1) }
    /// Keys' parameter of the bicubic kernel.
    package var bicubicA = -0.5
    /// A DAE's training target from its corrupted input and the clean image (nil: the clean image).
    package var daeTarget: ((_ corrupted: Tensor, _ clean: Tensor) -> Tensor)?
    /// Where output pixel o of a 2x upsampling sits in the source image (pixel centres aligned).
    package var bicubicCoordinate: (Int) -> Double = sourceCoordinate
    /// The reconstruction loss of the gradient rows: BCE from logits against the target, in the
    /// reduction the row asks for.
    package var reconstructionLoss: (_ logits: Variable, _ targets: Tensor, _ reduction: LossReduction) -> Variable = {
      binaryCrossEntropy(logits: $0, targets: $1, reduction: $2)
    }
    /// What the plain AE baseline is given: the corrupted test images (the DAE's input).
    package var plainAEInput: (_ corrupted: Tensor, _ clean: Tensor) -> Tensor = { corrupted, _ in corrupted }
    /// The super-resolution network's pixels from its logits.
    package var pixels: (Tensor) -> Tensor = { sigmoid($0) }

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
      case "gaussian-noise-uniform":
        f.corrupt = { corruption, x, rng in
          guard case .gaussian(let sd) = corruption else { return corruption.apply(to: x, using: &rng) }
          return x.map { $0 + sd * Float(rng.uniform()) }
        }
      case "masking-by-expectation":
        f.corrupt = { corruption, x, rng in
          guard case .masking(let nu) = corruption else { return corruption.apply(to: x, using: &rng) }
          return x * Float(1 - nu)
        }
      case "salt-and-pepper-random-values":
        f.corrupt = { corruption, x, rng in
          guard case .saltAndPepper(let fraction) = corruption else { return corruption.apply(to: x, using: &rng) }
          return x.map { v in rng.uniform() < fraction ? Float(rng.uniform()) : v }
        }
      case "salt-and-pepper-rate-per-side":
        f.corrupt = { corruption, x, rng in
          guard case .saltAndPepper(let fraction) = corruption else { return corruption.apply(to: x, using: &rng) }
          return x.map { v in
            let u = rng.uniform()
            return u < fraction ? 0 : (u < 2 * fraction ? 1 : v)
          }
        }
      case "dropout-gaussian":
        f.corrupt = { corruption, x, rng in
          guard case .dropout(let p) = corruption else { return corruption.apply(to: x, using: &rng) }
          let sd = (p / (1 - p)).squareRoot()
          return x.map { $0 * Float(1 + sd * rng.normal()) }
        }
      case "block-position-off-by-its-size":
        f.corrupt = { corruption, x, rng in
          guard case .block(let side, let width, let height) = corruption else {
            return corruption.apply(to: x, using: &rng)
          }
          var s = x.storage
          for image in 0..<x.shape[0] {
            let top = rng.index(below: height)
            let left = rng.index(below: width)
            for r in top..<min(top + side, height) {
              for c in left..<min(left + side, width) { s[image * x.shape[1] + r * width + c] = 0 }
            }
          }
          return Tensor(shape: x.shape, storage: s)
        }
      case "poisson-as-gaussian":
        f.corrupt = { corruption, x, rng in
          guard case .poisson(let n) = corruption else { return corruption.apply(to: x, using: &rng) }
          let sd = 1 / Double(n).squareRoot()
          return x.map { $0 + Float(sd * rng.normal()) }
        }
      case "photons-not-divided":
        f.corrupt = { corruption, x, rng in
          guard case .poisson(let n) = corruption else { return corruption.apply(to: x, using: &rng) }
          return corruption.apply(to: x, using: &rng) * Float(n)
        }
      case "poisson-clipped":
        f.corrupt = { corruption, x, rng in
          guard case .poisson = corruption else { return corruption.apply(to: x, using: &rng) }
          return clippedToUnitRange(corruption.apply(to: x, using: &rng))
        }
      case "bce-backward-for-probabilities": f.reconstructionLoss = binaryCrossEntropyWithProbabilityBackward
      case "plain-ae-on-clean-input": f.plainAEInput = { _, clean in clean }
      case "sigmoid-forgotten-at-test": f.pixels = { $0 }
      case "dae-predicts-the-noise": f.daeTarget = { corrupted, clean in corrupted - clean }
      case "bicubic-corners-not-centres": f.bicubicCoordinate = { Double($0) / 2 }
      case "psnr-20-log10-mse": f.psnr = { 2 * meanPSNR($0, $1) }
      case "bicubic-a-0.75": f.bicubicA = -0.75
      default: break
      }
      return f
    }

    /// The BCE of logits z against targets x (in `reduction`, divisor N) with the honest value,
    /// but the backward (p - x) / (p (1 - p)) / N, p = sigmoid(z): the derivative in the
    /// probability p, passed to the logits as if the sigmoid were not between them.
    static func binaryCrossEntropyWithProbabilityBackward(
      _ z: Variable, _ x: Tensor, _ reduction: LossReduction
    ) -> Variable {
      let value = binaryCrossEntropy(logits: Variable(z.value), targets: x, reduction: reduction).value
      let p = sigmoid(z.value)
      let count = Float(reduction.divisor(p.shape))
      return Variable(op: "bceWithProbabilityBackward", value: value, inputs: [z]) { g in
        [
          Tensor(
            shape: p.shape,
            storage: p.storage.indices.map { i in
              let q = p.storage[i]
              return g.scalar * (q - x.storage[i]) / (q * (1 - q)) / count
            })
        ]
      }
    }
  }
}
