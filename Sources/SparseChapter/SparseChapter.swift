// sparse: regularised autoencoders (sparse, k-sparse, contractive).
//
// What it shows, in the order of the slides:
//   Sparse Autoencoder (SAE)   the penalty sum_i KL(rho || rho_hat_i) against its formula in
//                              Double and its backward against finite differences; a 784-1000-784
//                              AE with a sigmoid code trained with rho = 0.2 and 0.05 (and
//                              without the penalty): the mean activation it reaches, the
//                              activation histograms, the learned filters.
//   K-sparse Autoencoder       tied weights, z = x W + b, only the k largest of each code kept in
//                              training and alpha k at encoding: exactly k (alpha k) non-zeros,
//                              the gradient through the kept units, test error against k.
//   Contractive Autoencoder    ||J_h(x)||_F^2 of a sigmoid encoder in closed form against a
//                              finite-difference Jacobian in Double; a CAE against a plain AE:
//                              the Jacobian norm it lowers and the code's sensitivity to noise.
// Figures: sparse-activations, sparse-filters, ksparse-error, cae-sensitivity.
// Run: swift run -c release sparse [--quick] [--dataset mnist] [--seed N] (see --help).
// Symbols: x [B, D] images as rows (D = 784), h or z [B, n] codes, W [D, n] encoder weights.
// Reference: Lecture slides "Sparse Autoencoder (SAE)" to "Contractive Autoencoder (CAE)";
//            A. Ng, "Sparse autoencoder" (CS294A notes) for the KL penalty; Makhzani & Frey,
//            "k-Sparse Autoencoders" (2014); Rifai et al., "Contractive Auto-Encoders" (2011).

import Datasets
import Lecture

/// The regularised-autoencoder chapter.
public enum SparseChapter: Chapter {
  public static let name = "sparse"
  public static let title = "Regularised autoencoders: sparse, k-sparse and contractive"

  /// Sizes and schedules; `--quick` trades precision for seconds.
  package struct Config {
    /// Training images (the first N of the training split) and held-out test images.
    var trainCount: Int
    var testCount: Int
    /// The sparse AE: code width, epochs, batch, the penalty's weight beta.
    var sparseHidden = 1000
    var sparseEpochs: Int
    var batch = 128
    var beta: Float = 3
    /// The k-sparse AE: code width, the k swept, epochs and training images per k, alpha.
    var kHidden = 1000
    package var kValues = [10, 20, 40, 80]
    var kEpochs: Int
    var kTrainCount: Int
    package var alpha = 3
    /// The contractive AE: code width, epochs, the penalty's weight lambda.
    var caeHidden = 256
    var caeEpochs: Int
    var lambda: Float = 0.1

    package init(quick: Bool) {
      trainCount = quick ? 10_000 : 60_000
      testCount = quick ? 2_000 : 10_000
      sparseEpochs = quick ? 3 : 5
      kEpochs = quick ? 2 : 4
      kTrainCount = quick ? 5_000 : 30_000
      caeEpochs = quick ? 3 : 5
    }
  }

  public static func run(_ run: ChapterRun) throws {
    let config = Config(quick: run.options.quick)
    let (train, test) = try run.trainingAndTestImages(training: config.trainCount, test: config.testCount)

    let formulas = Formulas.planted(run.mistake)
    try sparsity(run, train: train, test: test, config: config, formulas: formulas)
    try kSparseCodes(run, train: train, test: test, config: config, formulas: formulas)
    try contractive(run, train: train, test: test, config: config, formulas: formulas)
  }
}
