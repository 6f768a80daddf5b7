// autoencoder: vanilla, deep and convolutional autoencoders.
//
// What it shows, in the order of the slides:
//   Autoencoder - Loss          the five losses L2, L1, CE, EXP (tau), MCC (sigma): each value
//                               against the slide's formula in Double, each backward against
//                               finite differences; tied weights W_dec = W_enc^T (gradient =
//                               encoder share + transposed decoder share); the loss shapes;
//                               what each loss does on data with outlier pixels.
//   Autoencoder - Regularization  the weight-decay term 0.5 lambda (||W_enc||^2 + ||W_dec||^2).
//   Vanilla AE / Deep AE (Keras) 784-32-784 and 784-128-64-32-64-128-784, Adam + binary
//                               cross-entropy, test loss against the Keras reference.
//   AE vs PCA                   reconstructions of the same test images by both AEs, PCA-32 and
//                               PCA-100; error at equal code size.
//   AE for dimension reduction  the 2-D code of 784-1000-500-250-2 vs PC1/PC2, scored by k-NN
//                               accuracy on held-out images; bag-of-words AE (2000-500-250-125-2)
//                               vs LSA on a corpus generated from a known topic model.
//   Convolutional AE (CAE)      Conv2D (im2col + sgemm), max pooling and upsampling, each with
//                               a gradient check; a CAE trained on the same images.
// Figures: ae-loss-functions, ae-loss-outliers, ae-loss-curves, ae-reconstructions, ae-pc-scatter,
//          ae-code-scatter, ae-bow-lsa, ae-bow-code, ae-cae-reconstructions.
// Run: swift run -c release autoencoder [--quick] [--dataset mnist] [--seed N] (see --help).
// Symbols: x [B, D] images as rows (D = 784), z [B, d] codes, x' reconstructions, s = x - x'.
// Reference: Lecture slides "Autoencoder (AE)" to "Deep Convolutional Autoencoder (CAE)";
//            Hinton & Salakhutdinov (2006) for the 2-D codes and the bag-of-words example;
//            Chollet, "Building Autoencoders in Keras" (2016) for the Keras configurations.

import Datasets
import Foundation
import Lecture
import LinearAlgebra
import TensorCore

/// The autoencoder chapter.
public enum AutoencoderChapter: Chapter {
  public static let name = "autoencoder"
  public static let title = "Vanilla, deep and convolutional autoencoders"

  /// Sizes and schedules; `--quick` trades precision for seconds.
  struct Config {
    /// Training images (the first N of the training split) and held-out test images.
    var trainCount: Int
    var testCount: Int
    /// The Keras configurations: epochs, and the batch (256 as in Keras' blog; 64 in quick
    /// runs, for more steps).
    var kerasEpochs: Int
    var kerasBatch: Int
    /// The 784-1000-500-250-2 autoencoder: epochs; k-NN reference points and queries.
    var codeEpochs: Int
    var codeCount: Int
    var codeBatch: Int
    var codeLearningRate: Float = 2e-3
    var knnReference: Int
    var knnQueries: Int
    var knnK = 10
    /// The loss comparison on images with outlier pixels: images and epochs per loss.
    var outlierCount: Int
    var outlierEpochs: Int
    /// The bag-of-words corpus: documents for training and held out, epochs.
    var corpusTrain: Int
    var corpusTest: Int
    var corpusEpochs: Int
    var corpusBatch = 32
    var corpusLearningRate: Float = 3e-3
    /// The convolutional AE: training images and epochs.
    var caeCount: Int
    var caeEpochs: Int

    init(quick: Bool) {
      trainCount = quick ? 20_000 : 60_000
      testCount = quick ? 2_000 : 10_000
      kerasBatch = quick ? 64 : 256
      kerasEpochs = quick ? 6 : 10
      codeEpochs = quick ? 3 : 8
      codeCount = quick ? 10_000 : 30_000
      codeBatch = quick ? 128 : 256
      knnReference = quick ? 3_000 : 10_000
      knnQueries = quick ? 2_000 : 5_000
      outlierCount = quick ? 10_000 : 30_000
      outlierEpochs = quick ? 4 : 8
      corpusTrain = quick ? 1_000 : 4_000
      corpusTest = quick ? 500 : 2_000
      corpusEpochs = quick ? 10 : 15
      caeCount = quick ? 2_000 : 15_000
      caeEpochs = quick ? 3 : 4
    }
  }

  /// The Keras reference: test binary cross-entropy (mean over pixels) of both slide models
  /// on Fashion-MNIST after 10 epochs of Adam (lr 1e-3, batch 256), and the margin we allow.
  static let kerasReference = (loss: 0.287, epochs: 10, margin: 0.01)

  public static func run(_ run: ChapterRun) throws {
    let config = Config(quick: run.options.quick)
    let (train, test) = try run.trainingAndTestImages(training: config.trainCount, test: config.testCount)

    let formulas = Formulas.planted(run.mistake)
    try losses(run, formulas: formulas)
    try tiedWeights(run, formulas: formulas)
    try lossesOnOutliers(run, train: train, test: test, config: config, formulas: formulas)
    try regularization(run, formulas: formulas)
    let pca = try PrincipalComponents(fitting: Matrix(train.images))
    let models = try kerasModels(run, train: train, test: test, config: config, formulas: formulas)
    try versusPCA(run, models: models, pca: pca, test: test)
    try twoDimensionalCode(run, pca: pca, train: train, test: test, config: config, formulas: formulas)
    try bagOfWords(run, config: config, formulas: formulas)
    try convolutional(run, pca: pca, train: train, test: test, config: config, formulas: formulas)
  }
}
