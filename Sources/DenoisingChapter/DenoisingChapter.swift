// denoising: the denoising autoencoder and its applications.
//
// What it shows, in the order of the slides:
//   How to corrupt input data   Gaussian noise, masking noise, salt-and-pepper, input dropout
//                               and a missing block: each corruption's statistics (variance,
//                               fractions, values, the dropout mean, the block's shape and
//                               position) against what it claims, within 4 standard errors.
//   Denoising Autoencoder (DAE) one dense AE trained on clean images and one DAE per corruption
//                               (corrupted input, clean target), at equal architecture and
//                               initial weights: PSNR on corrupted test images against the
//                               corrupted input itself and against the plain AE; PSNR against
//                               the noise level, with where the DAE stops paying off.
//   Image reconstruction        inpainting a missing block: error inside the hole against
//                               filling it with the mean training image and against the plain AE.
//   Image super resolution      a convolutional network trained like a DAE (2x2-averaged input,
//                               full-resolution target) against bicubic interpolation, itself
//                               checked: Keys' kernel (a = -1/2) reproduces quadratics exactly.
// Figures: denoising-examples, denoising-psnr, denoising-inpainting, denoising-superres.
// Run: swift run -c release denoising [--quick] [--dataset mnist] [--seed N] (see --help).
// Symbols: x [B, D] clean images as rows (D = 784), x~ = corrupt(x), x' the reconstruction.
// Reference: Lecture slides "Denoising Autoencoder (DAE)" and "Examples and Applications";
//            Vincent et al., "Extracting and Composing Robust Features with Denoising
//            Autoencoders" (2008); Keys, "Cubic Convolution Interpolation for Digital Image
//            Processing" (1981); Dong et al., "Image Super-Resolution Using Deep Convolutional
//            Networks" (2014).

import Datasets
import Lecture

/// The denoising-autoencoder chapter.
public enum DenoisingChapter: Chapter {
  public static let name = "denoising"
  public static let title = "Denoising autoencoders: corruptions, denoising, inpainting, super resolution"

  /// Sizes and schedules; `--quick` trades precision for seconds.
  package struct Config {
    /// Training images (the first N of the training split) and held-out test images.
    var trainCount: Int
    var testCount: Int
    /// Images for the corruption statistics (each corruption draws 784 values per image).
    var statisticsCount: Int
    /// The dense AE and DAEs: hidden sizes after the input (ReLU, the last is the code).
    var hidden = [256, 64]
    var epochs: Int
    var batch = 128
    /// The corruptions of the slide, at the levels the DAEs are trained with.
    var gaussianSigma: Float = 0.5
    var maskingFraction = 0.5
    var saltAndPepperFraction = 0.2
    var dropoutRate = 0.5
    var blockSide = 12
    /// Noise levels of the PSNR curve.
    var sigmaSweep: [Float] = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0]
    /// Super resolution: training images, epochs, batch and the network's channels.
    var superResolutionCount: Int
    var superResolutionEpochs: Int
    var superResolutionBatch = 32
    var superResolutionChannels = 16

    package init(quick: Bool) {
      trainCount = quick ? 10_000 : 60_000
      testCount = quick ? 2_000 : 10_000
      statisticsCount = quick ? 1_000 : 10_000
      epochs = quick ? 3 : 10
      superResolutionCount = quick ? 3_000 : 20_000
      superResolutionEpochs = quick ? 2 : 4
    }
  }

  public static func run(_ run: ChapterRun) throws {
    let config = Config(quick: run.options.quick)
    let (train, test) = try run.trainingAndTestImages(training: config.trainCount, test: config.testCount)

    let formulas = Formulas.planted(run.mistake)
    corruptionStatistics(
      run, images: test.images.rows(0..<min(config.statisticsCount, test.count)), width: test.width, height: test.height, config: config,
      corrupt: formulas.corrupt)
    psnrChecks(run, images: test.images.rows(0..<min(config.statisticsCount, test.count)), formulas: formulas)
    let plain = try denoising(run, train: train, test: test, config: config, formulas: formulas)
    try inpainting(run, plain: plain, train: train, test: test, config: config, formulas: formulas)
    try superResolution(run, train: train, test: test, config: config, formulas: formulas)
  }
}
