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

  /// The slides' VAE body and the label to generate as flags, the slides' values as defaults.
  public static let knobs: [Knob] = [
    .integer(
      "latent", slide: "Conditional Variational Autoencoder (CVAE): training",
      help: "Z, the code size of the VAE and the CVAE (every section after the ELBO identity); the scatter "
        + "figures show z_1 and z_2 (none for Z = 1)",
      default: "2", range: 1...64),
    .integers(
      "label", slide: "Conditional Variational Autoencoder (CVAE): inference",
      help: "the class numbers c the inference section decodes with: its samples, their check and the "
        + "cvae-samples figure's rows, and the cvae-style figure's columns (the style check transfers to "
        + "every label)",
      default: "0,1,...,9 (every class)", each: 0...9, count: 1...10),
    .integers(
      "hidden", slide: "Conditional Variational Autoencoder (CVAE): training",
      help: "hidden layer widths of the VAE's and the CVAE's encoder (decoder mirrored)",
      default: "500,500", each: 1...4_096, count: 1...4),
    .integer(
      "epochs", slide: "Conditional Variational Autoencoder (CVAE): training",
      help: "epochs of the VAE and the CVAE (the judge keeps its own)", default: "10 (quick: 4)",
      range: 1...1_000),
    .integer(
      "batch", slide: "Conditional Variational Autoencoder (CVAE): training",
      help: "minibatch size of the VAE and the CVAE (the judge keeps 128)", default: "128", range: 1...60_000),
    .real(
      "learning-rate", slide: "Conditional Variational Autoencoder (CVAE): training",
      help: "Adam's learning rate of the VAE and the CVAE (the judge keeps 0.001)", default: "0.001",
      range: 0...1, lowerOpen: true),
  ]

  /// Sizes and schedules; `--quick` trades precision for seconds.
  package struct Config {
    package var trainCount: Int
    package var testCount: Int
    /// The VAE and the CVAE: 784-500-500-Z-500-500-784, Adam 1e-3, batch 128.
    package var hidden = [500, 500]
    package var latentSize = 2
    package var epochs: Int
    package var batch = 128
    package var learningRate: Float = 1e-3
    package var importanceSamples: Int
    /// The judge: 784-256-10, trained on the real training images.
    package var classifierHidden = 256
    package var classifierEpochs: Int
    var classifierBatch = 128
    /// The labels generated from (nil: every class); samples per label; test images whose
    /// style is transferred.
    package var labels: [Int]?
    package var samplesPerLabel: Int
    package var styleImages: Int
    /// k of the k-NN label prediction from the codes, and its reference images.
    var neighbours = 10
    package var referenceCount: Int

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

    /// The chapter's settings with the run's knobs applied.
    package init(_ run: ChapterRun) {
      self.init(quick: run.options.quick)
      latentSize = run.integer("latent", default: latentSize)
      labels = run.settings["label"] == nil ? nil : run.integers("label", default: [])
      hidden = run.integers("hidden", default: hidden)
      epochs = run.integer("epochs", default: epochs)
      batch = run.integer("batch", default: batch)
      learningRate = Float(run.real("learning-rate", default: Double(learningRate)))
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
    let config = Config(run)
    let seams = Seams.planted(run.mistake)
    if run.wants("loss-function") { try conditionalELBO(run, formulas: seams.identity) }
    guard run.wants("training") else { return }
    let (train, test) = try run.trainingAndTestImages(training: config.trainCount, test: config.testCount)
    let models = try trainModels(run, train: train, test: test, config: config, seams: seams)
    if run.wants("inference") { try generation(run, models: models, test: test, config: config, seams: seams) }
    if run.wants("versus-vae") {
      try latentInformation(run, models: models, train: train, test: test, config: config, seams: seams)
    }
  }
}
