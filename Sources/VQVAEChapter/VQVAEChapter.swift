// vqvae: the vector-quantised VAE.
//
// What it shows, in the order of the slides:
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
// Figures: vqvae-reconstructions, vqvae-code-maps, vqvae-codebook-usage.
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

  /// Sizes and schedules; `--quick` trades precision for seconds.
  package struct Config {
    var trainCount: Int
    var testCount: Int
    /// Codebook size K and vector size D; the commitment weight beta; the EMA decay gamma.
    var codes = 64
    var codeSize = 8
    var beta: Float = 0.25
    var decay = 0.99
    var epochs: Int
    var batch = 64
    var learningRate: Float = 2e-3

    package init(quick: Bool) {
      trainCount = quick ? 3_000 : 20_000
      testCount = quick ? 1_000 : 10_000
      epochs = quick ? 1 : 3
    }
  }

  public static func run(_ run: ChapterRun) throws {
    let config = Config(quick: run.options.quick)
    let seams = Seams.planted(run.mistake)
    bottleneckChecks(run, seams: seams)
    dictionaryLearningChecks(run, seams: seams)
    let (train, test) = try run.trainingAndTestImages(training: config.trainCount, test: config.testCount)
    try convolutionalVQVAE(run, train: train, test: test, config: config, seams: seams)
  }
}
