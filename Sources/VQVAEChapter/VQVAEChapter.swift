// vqvae: the vector-quantised VAE.
//
// What it shows, in the order of the slides:
//   Latent Space Discretization  2-D points snapped to K codes: the Voronoi cells of a random
//                            codebook (dead codes) and of one learnt by EMA; the learnt one
//                            quantises better (paired SE over the points).
//   VQ-VAE Steps / Details   nearest-codebook assignment (matrix-product form against brute
//                            force in Double); the straight-through gradient: the encoder
//                            receives exactly the decoder-input gradient, the codebook none.
//   Variational interpretation  q(z|x) is one-hot, and its KL to a uniform prior over K codes
//                            is log K whatever x is (arithmetic: a stated fact).
//   Capacity                 K^(h w) code maps: the slides' 5x5 example and Dall-E's
//                            8192^(32x32), and this chapter's 7x7 map (facts, in log2).
//   Loss function            the stop-gradients: the codebook term moves only the codebook (by
//                            its formula), the commitment term only the encoder.
//   Dictionary learning      EMA updates N, m, e = m / N against their closed form, converging to
//                            the k-means means of fixed assignments.
//   A convolutional VQ-VAE on 28x28 images with a 7x7 code map, its codebook learnt by the loss
//   or by EMA: reconstructions, codebook usage (perplexity, dead codes), code maps.
// Mistakes: `vqvae --mistakes`, planted through `Seams` (Bottleneck+Seams.swift).
// Figures: vqvae-discretization, vqvae-reconstructions, vqvae-code-maps, vqvae-codebook-usage.
// Run: swift run -c release vqvae [--quick] [--dataset mnist] [--seed N] (see --help).
// Symbols: z_e the encoder's output vectors (D numbers each, one per position of the h x w
//          map), e_1..e_K the codebook, z_q the quantised vectors, sg the stop-gradient,
//          beta the commitment weight, gamma the EMA decay.
// Reference: Lecture slides "Vector Quantized VAE (VQ-VAE)" to "VQ-VAE Dictionary Learning";
//            van den Oord, Vinyals & Kavukcuoglu, "Neural Discrete Representation Learning" (2017).

import Datasets
import Lecture

/// The VQ-VAE chapter.
public enum VQVAEChapter: Chapter {
  public static let name = "vqvae"
  public static let title = "The vector-quantised VAE"

  /// The slides' hyperparameters of the convolutional VQ-VAE as flags, the chapter's values as defaults.
  public static let knobs: [Knob] = [
    .integer("codes", slide: "VQ-VAE Details", help: "K, the codebook size", default: "64", range: 2...4_096),
    .integer("code-dim", slide: "VQ-VAE Details", help: "D, the size of a code vector", default: "8", range: 1...256),
    .real(
      "commitment", slide: "VQ-VAE Loss Function", help: "beta, the weight of the commitment term", default: "0.25",
      range: 0...100),
    .choice(
      "codebook", slide: "VQ-VAE Dictionary Learning", help: "how the codebook learns: by the loss, by EMA, or both",
      default: "both", choices: ["both", "loss", "ema"]),
    .integer(
      "epochs", slide: "VQ-VAE Example", help: "epochs of each VQ-VAE", default: "3 (quick: 1)", range: 1...1_000),
    .integer("batch", slide: "VQ-VAE Example", help: "minibatch size", default: "64", range: 1...60_000),
    .real(
      "learning-rate", slide: "VQ-VAE Example", help: "Adam's learning rate", default: "0.002", range: 0...1,
      lowerOpen: true),
  ]

  /// Sizes and schedules; `--quick` trades precision for seconds.
  package struct Config {
    var trainCount: Int
    var testCount: Int
    /// Codebook size K and vector size D; the commitment weight beta; the EMA decay gamma.
    package var codes = 64
    package var codeSize = 8
    package var beta: Float = 0.25
    var decay = 0.99
    var epochs: Int
    package var batch = 64
    package var learningRate: Float = 2e-3
    /// Which codebooks are trained: by the loss (false), by EMA (true), in this order.
    var codebooks = [false, true]

    package init(quick: Bool) {
      trainCount = quick ? 3_000 : 20_000
      testCount = quick ? 1_000 : 10_000
      epochs = quick ? 1 : 3
    }

    /// The chapter's settings with the run's knobs applied.
    package init(_ run: ChapterRun) {
      self.init(quick: run.options.quick)
      codes = run.integer("codes", default: codes)
      codeSize = run.integer("code-dim", default: codeSize)
      beta = Float(run.real("commitment", default: Double(beta)))
      codebooks = ["loss": [false], "ema": [true]][run.settings["codebook"] ?? "both"] ?? codebooks
      epochs = run.integer("epochs", default: epochs)
      batch = run.integer("batch", default: batch)
      learningRate = Float(run.real("learning-rate", default: Double(learningRate)))
    }
  }

  public static func run(_ run: ChapterRun) throws {
    let config = Config(run)
    let seams = Seams.planted(run.mistake)
    if run.wants("discretization") { try discretization(run, seams: seams) }
    if run.wants("details") { bottleneckChecks(run, seams: seams) }
    if run.wants("dictionary") { dictionaryLearningChecks(run, seams: seams) }
    guard run.wants("convolutional") else { return }
    let (train, test) = try run.trainingAndTestImages(training: config.trainCount, test: config.testCount)
    try convolutionalVQVAE(run, train: train, test: test, config: config, seams: seams)
  }
}
