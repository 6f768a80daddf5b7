// cvae: the conditional VAE.
//
// What it shows, in the order of the slides:
//   CVAE loss function     log p(x|c) - KL(q(z|x,c) || p(z|x,c)) = E_q log p(x|z,c) - KL(q(z|x,c) || p(z|c)),
//                          line by line on a conditional linear-Gaussian model where every term
//                          has a closed form (one prior mean and one offset per class), to
//                          rounding error; the ELBO below log p(x|c), equal at the posterior.
//   One-hot concatenation  the slides' 784-500-500-2-500-500-784 VAE conditioned by
//                          concatenating c to the encoder's and the decoder's inputs, trained
//                          beside the plain VAE; its test ELBO and importance-sampled log p(x|c).
//   CVAE inference         z ~ N(0, I) decoded with a chosen label: samples judged by a
//                          classifier trained separately on real images; one z decoded with every
//                          label keeps the style (the ink of the source image); the code carries
//                          less label information than the plain VAE's (k-NN accuracy from z).
// Figures: cvae-samples, cvae-style, cvae-latent-vae, cvae-latent-cvae.
// Run: swift run -c release cvae [--quick] [--dataset mnist] [--seed N] (see --help).
// Symbols: x an image (D = 784), c its label as a one-hot vector (C = 10), z the code (Z = 2),
//          q(z|x,c) the encoder, p(x|z,c) the Bernoulli decoder, p(z|c) = N(0, I) the prior.
// Reference: Lecture slides "Conditional Variational Autoencoder (CVAE)"; Sohn, Lee & Yan,
//            "Learning Structured Output Representation using Deep Conditional Generative
//            Models" (2015); Kingma, Rezende, Mohamed & Welling, "Semi-supervised Learning with
//            Deep Generative Models" (2014).

import Datasets
import Lecture

/// The conditional-VAE chapter.
public enum CVAEChapter: Chapter {
  public static let name = "cvae"
  public static let title = "The conditional VAE"

  /// Sizes and schedules; `--quick` trades precision for seconds.
  package struct Config {
    var trainCount: Int
    var testCount: Int
    /// The VAE and the CVAE: 784-500-500-Z-500-500-784, Adam 1e-3, batch 128.
    var hidden = [500, 500]
    var latentSize = 2
    var epochs: Int
    var batch = 128
    var importanceSamples: Int
    /// The judge: 784-256-10, trained on the real training images.
    var classifierHidden = 256
    var classifierEpochs: Int
    /// Generated samples per label; test images whose style is transferred.
    var samplesPerLabel: Int
    var styleImages: Int
    /// k of the k-NN label prediction from the codes, and its reference images.
    var neighbours = 10
    var referenceCount: Int

    package init(quick: Bool) {
      trainCount = quick ? 10_000 : 60_000
      testCount = quick ? 2_000 : 10_000
      epochs = quick ? 4 : 10
      importanceSamples = quick ? 20 : 50
      classifierEpochs = quick ? 2 : 5
      samplesPerLabel = quick ? 200 : 1_000
      styleImages = quick ? 500 : 2_000
      referenceCount = quick ? 2_000 : 10_000
    }
  }

  /// The sections that need no data (the conditional ELBO identity, the training loss's
  /// gradient on a tiny CVAE) with the run's seams, planted or honest: what the tests call.
  package static func sectionsWithoutData(_ run: ChapterRun) throws {
    let seams = Seams.planted(run.mistake)
    try conditionalELBO(run, formulas: seams.identity)
    trainingLossGradient(run, sampler: seams.sampler)
  }

  public static func run(_ run: ChapterRun) throws {
    let config = Config(quick: run.options.quick)
    let seams = Seams.planted(run.mistake)
    try conditionalELBO(run, formulas: seams.identity)
    let (train, test) = try run.trainingAndTestImages(training: config.trainCount, test: config.testCount)
    let models = try trainModels(run, train: train, test: test, config: config, seams: seams)
    try generation(run, models: models, test: test, config: config, seams: seams)
    try latentInformation(run, models: models, train: train, test: test, config: config)
  }
}
