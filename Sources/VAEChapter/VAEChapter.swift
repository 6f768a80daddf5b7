// vae: the VAE and its ELBO.
//
// What it shows, in the order of the slides:
//   KL Distance / VAE Mathematics   the closed-form KL of a diagonal and of a full-covariance
//                          Gaussian (against N(0, I) and against each other) vs Monte Carlo
//                          estimates with their standard errors; the log-variance form equals
//                          the sigma^2 form.
//   VAE Mathematics (ELBO) every line of the derivation as a number, on probabilistic PCA where
//                          log p(x), p(z|x) and every term have closed forms: the identity
//                          log p(x) - KL(q || p(z|x)) = E_q log p(x|z) - KL(q || p(z)) to
//                          rounding error, ELBO <= log p(x) for random q, equality at p(z|x).
//                          p(x) = integral p(x|z) p(z) dz by importance sampling and by
//                          quadrature against the closed form.
//   Reparameterization     z = mu + sigma * eps has the right moments; pathwise, score-function
//                          and analytic gradients of an expectation agree (pathwise has the
//                          lower variance); the slide's numerical example.
//   Example (MNIST 500-500-2-500-500)  the MLP VAE trained with the autodiff core: test ELBO,
//                          importance-sampled log p(x) above it (independent draws), the loss's
//                          two terms as values and its gradient checked, the pixel-mean
//                          baseline, latent scatter, manifold grid,
//                          prior samples, reconstructions.
//   Convolutional VAE      keras.io's conv encoder and transposed-conv decoder (Z = 2) trained
//                          with the same loss: its test ELBO against the pixel-mean baseline
//                          and the MLP VAE (stated), reconstructions, manifold grid.
//   Latent space dimension effect   test ELBO for latent sizes 2, 5, 10, 20; per size,
//                          reconstructions and prior samples.
//   beta-VAE               the constraint KL < delta and its Lagrangian agree on a linear-Gaussian
//                          VAE, whose optima are known (beta is the constraint's shadow price);
//                          the rate (KL) and distortion (reconstruction) as beta grows.
//   HVAE                   a two-level hierarchical VAE whose ELBO terms add up to its total;
//                          top-down inference Q(z2|x) Q(z1|z2) on a linear-Gaussian HVAE.
// Figures: vae-kl-convergence, vae-elbo-gap, vae-reparameterization-gradients, vae-latent-scatter,
//          vae-manifold, vae-prior-samples, vae-reconstructions, vae-conv-reconstructions,
//          vae-conv-manifold, vae-latent-size, vae-latent-size-images, vae-beta-exact,
//          vae-beta.
// Run: swift run -c release vae [--quick] [--dataset mnist] [--seed N] (see --help).
// Symbols: x an image (D = 784 pixels in [0, 1]), z the latent code (Z coordinates),
//          q(z|x) = N(mu, diag(sigma^2)) the encoder, v = log sigma^2, p(z) = N(0, I) the prior,
//          p(x|z) the Bernoulli decoder, beta the KL weight, K importance samples.
// Reference: Kingma & Welling (2014); Rezende et al. (2014); Burda et al. (2016) for the
//            importance-sampled bound; Higgins et al. (2017) for beta-VAE; Tipping & Bishop
//            (1999) for probabilistic PCA.

import Datasets
import Foundation
import Lecture
import Probability

/// The VAE chapter.
public enum VAEChapter: Chapter {
  public static let name = "vae"
  public static let title = "The VAE and its ELBO"

  /// The slides' hyperparameters of the main VAE as flags, with the slides' values as defaults.
  public static let knobs: [Knob] = [
    .integer(
      "latent", slide: "Example (500-500-2)", help: "latent size Z of the main VAE", default: "2", range: 1...256),
    .real(
      "beta", slide: "beta-VAE", help: "weight of the KL term in the main VAE's loss", default: "1", range: 0...1_000),
    .integers(
      "hidden", slide: "Example (500-500-2)", help: "hidden layer widths of encoder (decoder mirrored)",
      default: "500,500", each: 1...4_096, count: 1...4),
    .integer(
      "epochs", slide: "Example (500-500-2)", help: "epochs of the main VAE", default: "10 (quick: 4)", range: 1...1_000
    ),
    .integer(
      "conv-epochs", slide: "Convolutional VAE", help: "epochs of the convolutional VAE", default: "1",
      range: 1...1_000),
    .integer(
      "batch", slide: "Example (500-500-2)", help: "minibatch size of every model", default: "128", range: 1...60_000),
    .real(
      "learning-rate", slide: "Example (500-500-2)", help: "Adam's learning rate for every model", default: "0.001",
      range: 0...1, lowerOpen: true),
  ]

  /// Sizes and schedules; `--quick` trades statistical precision and training for seconds.
  struct Config {
    /// Monte Carlo draws of the KL and ELBO checks (Double, cheap).
    var monteCarloCount: Int
    /// The main VAE: training images, test images, epochs, batch size.
    var trainCount: Int
    var testCount: Int
    var epochs: Int
    var batchSize = 128
    var learningRate: Float = 1e-3
    /// Importance samples per test image.
    var importanceSamples: Int
    /// Latent-size and beta sweeps: images and epochs per model.
    var sweepTrainCount: Int
    var sweepEpochs: Int
    var latentSizes: [Int]
    var betas: [Double]
    /// Hierarchical VAE epochs.
    var hierarchicalEpochs: Int
    /// keras.io's convolutional VAE: training images and epochs (its convolutions cost about 20
    /// times the MLP VAE's time per image).
    var convolutionalTrainCount: Int
    var convolutionalEpochs = 1
    /// The main VAE's latent size, KL weight and hidden widths (the slide's 2, 1 and 500-500).
    var latentSize = 2
    var beta = 1.0
    var hidden = [500, 500]

    /// The slide's settings with the run's knobs applied.
    init(_ run: ChapterRun) {
      self.init(quick: run.options.quick)
      epochs = run.integer("epochs", default: epochs)
      convolutionalEpochs = run.integer("conv-epochs", default: convolutionalEpochs)
      batchSize = run.integer("batch", default: batchSize)
      learningRate = Float(run.real("learning-rate", default: Double(learningRate)))
      latentSize = run.integer("latent", default: latentSize)
      beta = run.real("beta", default: beta)
      hidden = run.integers("hidden", default: hidden)
    }

    /// The main VAE is the slide's Keras model (latent 2, 500-500, beta 1, batch 128, Adam 1e-3).
    var isSlideModel: Bool {
      latentSize == 2 && beta == 1 && hidden == [500, 500] && batchSize == 128 && learningRate == 1e-3
    }

    init(quick: Bool) {
      monteCarloCount = quick ? 20_000 : 200_000
      trainCount = quick ? 6_000 : 60_000
      testCount = quick ? 1_000 : 10_000
      epochs = quick ? 4 : 10
      importanceSamples = quick ? 20 : 50
      sweepTrainCount = quick ? 3_000 : 60_000
      sweepEpochs = quick ? 2 : 3
      latentSizes = [2, 5, 10, 20]
      betas = quick ? [0.25, 1, 4] : [0.25, 0.5, 1, 2, 4, 8]
      hierarchicalEpochs = quick ? 3 : 5
      convolutionalTrainCount = quick ? 3_000 : 60_000
    }
  }

  public static func run(_ run: ChapterRun) throws {
    let config = Config(run)
    let f = Formulas.planted(run.mistake)
    try derivationSections(run, formulas: f, count: config.monteCarloCount)

    if ["mlp-vae", "conv-vae", "latent-size", "beta-vae", "hvae"].contains(where: run.wants) {
      try trainedSections(run, config: config, formulas: f)
    }
    if run.wants("hvae-top-down") { try topDownInference(run, count: config.monteCarloCount, formulas: f) }
  }

  /// The sections that train on images.
  static func trainedSections(_ run: ChapterRun, config: Config, formulas f: Formulas) throws {
    let trainAll = try run.images(.train)
    let testAll = try run.images(.test)
    let train = trainAll.prefix(config.trainCount)
    let test = testAll.prefix(config.testCount)
    run.say("")
    let mlp = run.wants("mlp-vae") ? try mlpVAE(run, train: train, test: test, config: config, formulas: f) : nil
    if run.wants("conv-vae") {
      try convolutionalVAE(
        run, train: trainAll.prefix(config.convolutionalTrainCount), test: test, mlp: mlp, config: config, formulas: f)
    }
    let sweepTrain = trainAll.prefix(config.sweepTrainCount)
    if run.wants("latent-size") { try latentSizeSweep(run, train: sweepTrain, test: test, config: config, formulas: f) }
    if run.wants("beta-vae") {
      try exactBetaVAE(run, train: sweepTrain, betas: config.betas, latentSize: 10, formulas: f)
      try betaSweep(run, train: sweepTrain, test: test, config: config, formulas: f)
    }
    if run.wants("hvae") { try hierarchicalVAE(run, train: sweepTrain, test: test, config: config, formulas: f) }
  }

  /// The hierarchical VAE's section alone, on the data and schedule `run` would give it, with
  /// the run's formulas: what the tests call (a few seconds with --quick).
  package static func hierarchicalSection(_ run: ChapterRun) throws {
    let config = Config(run)
    let train = try run.images(.train).prefix(config.sweepTrainCount)
    let test = try run.images(.test).prefix(config.testCount)
    try hierarchicalVAE(run, train: train, test: test, config: config, formulas: .planted(run.mistake))
  }

  /// The sections that train nothing (the KL, ELBO and reparameterisation derivations) with the
  /// run's formulas, planted or honest: what the tests call directly.
  package static func derivationSections(_ run: ChapterRun, count: Int) throws {
    try derivationSections(run, formulas: .planted(run.mistake), count: count)
  }

  /// The exact beta-VAE section on the images `run` would give the sweep, with the run's
  /// formulas: what the tests call (no training; well under a second with --quick).
  package static func exactBetaSection(_ run: ChapterRun) throws {
    let config = Config(run)
    let train = try run.images(.train).prefix(config.sweepTrainCount)
    try exactBetaVAE(run, train: train, betas: config.betas, latentSize: 10, formulas: .planted(run.mistake))
  }

  /// The top-down inference section with the run's formulas (it needs no data).
  package static func topDownSection(_ run: ChapterRun, count: Int) throws {
    try topDownInference(run, count: count, formulas: .planted(run.mistake))
  }

  static func derivationSections(_ run: ChapterRun, formulas f: Formulas, count: Int) throws {
    if run.wants("kl") { try klChecks(run, kl: f.kl, count: count) }
    if run.wants("elbo") { try elboIdentity(run, formulas: f, count: count) }
    if run.wants("reparameterization") { try reparameterization(run, count: count, formulas: f) }
  }
}
