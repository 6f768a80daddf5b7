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
//   Feature reduction          the slides' 784-100-32-100-784 AE and a DAE of the same setting:
//                               the DAE's PSNR on Gaussian-noised test images against the noisy
//                               input and against the plain AE on the same noisy images.
//   Image super resolution      a convolutional network trained like a DAE (2x2-averaged input,
//                               full-resolution target) against bicubic interpolation, itself
//                               checked: Keys' kernel (a = -1/2) reproduces quadratics exactly.
//   Low dose CT                 x~ = Poisson(N x) / N at photon counts N: mean x and variance x / N
//                               from the pixels' moments; a DAE per count against the noisy input.
// Figures: denoising-examples, denoising-psnr, denoising-inpainting, denoising-feature-reduction,
//          denoising-superres, denoising-low-dose.
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

  /// The slides' corruptions and the DAEs' schedule as flags, the chapter's values as defaults.
  public static let knobs: [Knob] = [
    .levels(
      "noise", slide: "Denoising Autoencoder (DAE): corruptions",
      help: "the corruptions the DAEs are trained and scored with, one DAE per entry (gaussian: sigma, "
        + "the noise's SD; masking, salt-pepper: the fraction of pixels hit), and the levels the corruption "
        + "statistics check; "
        + "a kind left out gets no DAE and is checked at its default level; no gaussian entry, no PSNR-against-"
        + "noise curve",
      default: "gaussian:0.5,masking:0.5,salt-pepper:0.2",
      kinds: [("gaussian", .aboveUpTo(0, 2)), ("masking", .open(0, 1)), ("salt-pepper", .open(0, 1))]),
    .integer(
      "block", slide: "Examples and Applications: image reconstruction",
      help: "side of the missing square block: the block statistics and the inpainting section's holes",
      default: "12", range: 1...28),
    .integer(
      "epochs", slide: "Examples and Applications: Denoising AE",
      help: "epochs of the plain AEs and of every DAE (denoising, inpainting, feature reduction, low dose; super "
        + "resolution keeps its own)",
      default: "10 (quick: 3)", range: 1...1_000),
    .integer(
      "batch", slide: "Examples and Applications: Denoising AE",
      help: "minibatch size of the plain AEs and of every DAE", default: "128", range: 1...60_000),
    .real(
      "learning-rate", slide: "Examples and Applications: Denoising AE",
      help: "Adam's learning rate of the plain AEs and of every DAE", default: "0.001", range: 0...1,
      lowerOpen: true),
    .integers(
      "photons", slide: "Examples and Applications: low dose CT",
      help: "photon counts N per pixel at intensity 1 of the low-dose corruption x~ = Poisson(N x) / N: its "
        + "statistics are checked and one DAE is trained at each (repeats are dropped)",
      default: "1,2,5", each: 1...100_000, count: 1...5),
  ]

  /// Sizes and schedules; `--quick` trades precision for seconds.
  package struct Config {
    /// Training images (the first N of the training split) and held-out test images.
    package var trainCount: Int
    package var testCount: Int
    /// Images for the corruption statistics (each corruption draws 784 values per image).
    package var statisticsCount: Int
    /// The dense AE and DAEs: hidden sizes after the input (ReLU, the last is the code).
    package var hidden = [256, 64]
    package var epochs: Int
    package var batch = 128
    package var learningRate: Float = 1e-3
    /// The corruptions of the slide, at the levels the corruption statistics check them.
    var gaussianSigma: Float = 0.5
    var maskingFraction = 0.5
    var saltAndPepperFraction = 0.2
    var dropoutRate = 0.5
    package var blockSide = 12
    /// The corruptions a DAE is trained with, one DAE each (`--noise` names them).
    var trainedKinds = ["gaussian", "masking", "salt-pepper"]
    /// Noise levels of the PSNR curve.
    var sigmaSweep: [Float] = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0]
    /// The feature-reduction slides' dense AE and DAE: 784-100-32-100-784 (ReLU, sigmoid output).
    package var featureReductionHidden = [100, 32]
    /// Low dose: the photon counts N per pixel at intensity 1 (`--photons`), one DAE each.
    package var photonCounts = [1, 2, 5]
    /// Super resolution: training images, epochs, batch and the network's channels. Quick runs
    /// train on 6,000 images: on 3,000 the network's lead over bicubic was within the noise of
    /// training (0.15 dB at seeds 7 and 12, none at seed 13); on 6,000 it is 1.0 to 1.7 dB, over
    /// 36 paired SE, at seeds 1 to 16.
    package var superResolutionCount: Int
    package var superResolutionEpochs: Int
    var superResolutionBatch = 32
    var superResolutionChannels = 16

    package init(quick: Bool) {
      trainCount = quick ? 10_000 : 60_000
      testCount = quick ? 2_000 : 10_000
      statisticsCount = quick ? 1_000 : 10_000
      epochs = quick ? 3 : 10
      superResolutionCount = quick ? 6_000 : 20_000
      superResolutionEpochs = quick ? 2 : 4
    }

    /// The chapter's settings with the run's knobs applied.
    package init(_ run: ChapterRun) {
      self.init(quick: run.options.quick)
      let levels = run.levels("noise", default: [])
      for (kind, value) in levels {
        switch kind {
        case "gaussian": gaussianSigma = Float(value)
        case "masking": maskingFraction = value
        default: saltAndPepperFraction = value
        }
      }
      if !levels.isEmpty { trainedKinds = levels.map(\.kind) }
      blockSide = run.integer("block", default: blockSide)
      epochs = run.integer("epochs", default: epochs)
      batch = run.integer("batch", default: batch)
      learningRate = Float(run.real("learning-rate", default: Double(learningRate)))
      photonCounts = run.integers("photons", default: photonCounts).reduce(into: []) { kept, n in
        if !kept.contains(n) { kept.append(n) }
      }
    }
  }

  public static func run(_ run: ChapterRun) throws {
    let config = Config(run)
    let (train, test) = try run.trainingAndTestImages(training: config.trainCount, test: config.testCount)

    let formulas = Formulas.planted(run.mistake)
    let statisticsImages = test.images.rows(0..<min(config.statisticsCount, test.count))
    if run.wants("corruptions") {
      corruptionStatistics(
        run, images: statisticsImages, width: test.width, height: test.height, config: config, corrupt: formulas.corrupt
      )
    }
    if run.wants("psnr") { psnrChecks(run, images: statisticsImages, formulas: formulas) }
    if run.wants("denoising") {
      let plain = try denoising(run, train: train, test: test, config: config, formulas: formulas)
      if run.wants("inpainting") {
        try inpainting(run, plain: plain, train: train, test: test, config: config, formulas: formulas)
      }
    }
    if run.wants("feature-reduction") {
      try featureReduction(run, train: train, test: test, config: config, formulas: formulas)
    }
    if run.wants("super-resolution") {
      try superResolution(run, train: train, test: test, config: config, formulas: formulas)
    }
    if run.wants("low-dose") {
      try lowDose(run, train: train, test: test, statisticsImages: statisticsImages, config: config, formulas: formulas)
    }
  }
}
