// stacked: greedy layer-wise pretraining and fine-tuning.
//
// What it shows, in the order of the slides:
//   Stacked Autoencoder (SAE)   greedy layer-wise learning, x -> z1 -> z2 -> z3 (784 -> 256 ->
//                               128 -> 64): stage k is a one-layer autoencoder trained on the
//                               codes of stage k - 1, and each stage must reconstruct its own
//                               held-out inputs better than their mean does; the stacked
//                               encoder is the composition of the stages' encoders.
//   Variants: SDA               the same stages trained as denoising autoencoders (masking
//                               noise at every stage).
//   Fine tuning                 the stacked encoder plus a softmax layer, fine-tuned with
//                               backpropagation on small labelled sets (100 to 3,000 labels),
//                               against the same network from random initial weights: test
//                               accuracy over several draws of the labelled set, with its spread.
// Figures: stacked-accuracy, stacked-features.
// Run: swift run -c release stacked [--quick] [--dataset mnist] [--seed N] (see --help).
// Symbols: x [B, D] images as rows (D = 784), z_k [B, n_k] the codes of stage k.
// Reference: Lecture slides "Stacked Autoencoder (SAE)"; Bengio, Lamblin, Popovici & Larochelle,
//            "Greedy Layer-Wise Training of Deep Networks" (2007); Vincent et al., "Stacked
//            Denoising Autoencoders" (JMLR 2010); Erhan et al., "Why Does Unsupervised
//            Pre-training Help Deep Learning?" (JMLR 2010).

import AutoencoderKit
import Datasets
import Lecture

/// The stacked-autoencoder chapter.
public enum StackedChapter: Chapter {
  public static let name = "stacked"
  public static let title = "Stacked autoencoders: greedy layer-wise pretraining and fine-tuning"

  /// Sizes and schedules; `--quick` trades precision for seconds.
  package struct Config {
    /// Training images (the first N of the training split: all of them unlabelled for
    /// pretraining) and held-out test images.
    var trainCount: Int
    var testCount: Int
    /// The stages' code widths (sigmoid codes, as in the greedy-training papers).
    var widths = [256, 128, 64]
    /// Epochs per stage. The quick run trains on a sixth of the images, so it takes more
    /// epochs: with 2 (160 steps a stage) its features were still noisy and pretraining did
    /// not help (seed 1: 0.58 against 0.61 at 100 labels); with 6, it does on seeds 1 to 3.
    var pretrainEpochs: Int
    var batch = 128
    /// The SDA's masking fraction at every stage (Vincent et al. 2010 used 0.25 on MNIST).
    var masking = 0.25
    /// Labelled-set sizes, and how many random draws of each.
    var budgets: [Int]
    var draws: Int  // 5 in both modes: the claim is judged at 4 standard errors of the paired draws
    /// Labelled sets for the 1-NN claim at `claimBudget` (no training: cheap to draw more).
    var nearestClaimDraws = 20
    /// Fine-tuning: Adam 1e-3, batch 32, at least `fineTuneEpochs` epochs and `minimumSteps`
    /// steps (so the smallest sets are not under-trained).
    var fineTuneEpochs = 20
    var minimumSteps = 200
    var fineTuneBatch = 32
    /// The labelled-set size at which the chapter tests the claim that pretraining helps: the
    /// slides' setting, few labels and many unlabelled images.
    var claimBudget = 100

    package init(quick: Bool) {
      trainCount = quick ? 10_000 : 60_000
      testCount = quick ? 2_000 : 10_000
      pretrainEpochs = quick ? 6 : 5
      budgets = quick ? [100, 1_000] : [100, 300, 1_000, 3_000]
      draws = 5
    }
  }

  public static func run(_ run: ChapterRun) throws {
    let config = Config(quick: run.options.quick)
    let (train, test) = try run.trainingAndTestImages(training: config.trainCount, test: config.testCount)

    let formulas = Formulas.planted(run.mistake)
    run.section("Stacked Autoencoder (SAE): greedy layer-wise learning")
    stageLossCheck(run, formulas: formulas)
    let sae = try pretrain(run, name: "SAE", corruption: nil, train: train, test: test, config: config, formulas: formulas)
    run.section("Stacked Denoising Autoencoder (SDA): the same stages, each a denoising AE")
    let sda = try pretrain(
      run, name: "SDA", corruption: .masking(fraction: config.masking), train: train, test: test, config: config, formulas: formulas)
    run.section("Fine tuning for the main task: pretrained against random initial weights")
    try fineTuning(run, stacks: [sae, sda], train: train, test: test, config: config, formulas: formulas)
  }
}
