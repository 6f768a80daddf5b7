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

  /// The slides' hyperparameters as flags, with the slides' values as defaults.
  public static let knobs: [Knob] = [
    .realsInside(
      "rho", slide: "Sparse Autoencoder (SAE)", help: "target mean activations of the sparse AEs",
      default: "0.2,0.05", range: 0...1, count: 1...4),
    .real(
      "beta", slide: "Sparse Autoencoder (SAE)", help: "weight of the sparsity penalty", default: "3", range: 0...100,
      lowerOpen: true),
    .integers(
      "k", slide: "K-sparse Autoencoder", help: "the k swept by the k-sparse AE (code of 1000)",
      default: "10,20,40,80", each: 1...100, count: 1...6),
    .integer(
      "alpha", slide: "K-sparse Autoencoder", help: "alpha k units kept at encoding", default: "3", range: 1...10),
    .real(
      "contractive", slide: "Contractive Autoencoder (CAE)", help: "lambda, the weight of ||J_h(x)||_F^2",
      default: "0.1", range: 0...100, lowerOpen: true),
    .integer(
      "epochs", slide: "Sparse Autoencoder (SAE)", help: "epochs of every model",
      default: "5, 4 for k-sparse (quick: 3, 2)",
      range: 1...1_000),
    .integer(
      "batch", slide: "Sparse Autoencoder (SAE)", help: "minibatch size of every model", default: "128",
      range: 1...60_000),
  ]

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
    /// The targets of the sparse AEs (the slide's 0.2, and 0.05).
    var rhos: [Float] = [0.2, 0.05]
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

    /// The slides' settings with the run's knobs applied.
    package init(_ run: ChapterRun) {
      self.init(quick: run.options.quick)
      rhos = run.reals("rho", default: rhos.map(Double.init)).map(Float.init)
      beta = Float(run.real("beta", default: Double(beta)))
      kValues = run.integers("k", default: kValues)
      alpha = run.integer("alpha", default: alpha)
      lambda = Float(run.real("contractive", default: Double(lambda)))
      if let epochs = run.settings["epochs"].flatMap({ Int($0) }) {
        (sparseEpochs, kEpochs, caeEpochs) = (epochs, epochs, epochs)
      }
      batch = run.integer("batch", default: batch)
    }
  }

  public static func run(_ run: ChapterRun) throws {
    let config = Config(run)
    let (train, test) = try run.trainingAndTestImages(training: config.trainCount, test: config.testCount)

    let formulas = Formulas.planted(run.mistake)
    if run.wants("sparsity") { try sparsity(run, train: train, test: test, config: config, formulas: formulas) }
    if run.wants("k-sparse") { try kSparseCodes(run, train: train, test: test, config: config, formulas: formulas) }
    if run.wants("contractive") { try contractive(run, train: train, test: test, config: config, formulas: formulas) }
  }
}
