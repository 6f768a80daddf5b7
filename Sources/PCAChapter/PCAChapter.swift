// pca: PCA and its limits.
//
// What it shows, in the order of the slides:
//   PCA Formulation        analysis Y = A^T (X - m) decorrelates; whitening gives identity
//                          covariance; synthesis X = A Y + m is exact; PCA as a generative
//                          model: N(m, C) from N(0, I).
//   Major and minor axes   a 2-D Gaussian cloud: the axes PCA finds vs the true ones.
//   PCA - Example          reconstructions with k = 2, 10, 100, 506 components; PC1/PC2.
//   MSE perspective        Eckart-Young: the error of the top-k subspace is the sum of the
//                          discarded eigenvalues; SVD = eigendecomposition; no orthonormal W
//                          does better; the optimum is a subspace (rotations inside it are free).
//   PCA as MLP             a linear 784-k-784 network trained by gradient descent (autodiff,
//                          Adam) finds the PCA subspace, and cannot beat it.
//   PCA Limitation         on a curved 1-D manifold PCA-1 leaves a large error that a small
//                          nonlinear autoencoder removes.
// Figures: pca-axes, pca-pc-scatter, pca-reconstructions, pca-explained-variance,
//          pca-gaussian-samples, pca-linear-network, pca-limitation.
// Run: swift run -c release pca [--quick] [--dataset mnist] [--seed N] (see --help).
// Symbols: X [N, d] images as rows (d = 784), m the mean image, C the sample covariance,
//          A its eigenvectors (columns), lambda its eigenvalues (descending), k kept components.
// Reference: Lecture slides "PCA Formulation" to "PCA Limitation"; Eckart & Young (1936);
//            Baldi & Hornik (1989) for the linear network.

import Datasets
import Foundation
import Lecture
import LinearAlgebra
import TensorCore
import TensorMatrix

/// The PCA chapter.
public enum PCAChapter: Chapter {
  public static let name = "pca"
  public static let title = "PCA and its limits"

  /// Sizes and schedules; `--quick` trades statistical precision for seconds.
  package struct Config {
    /// Training images PCA is fitted on (the first N of the training split).
    package var trainCount: Int
    /// Samples of the 2-D Gaussian cloud.
    package var cloudCount: Int
    /// Linear network: code size, epochs, batch size.
    package var linearCode = 8
    package var linearEpochs: Int
    package var linearBatch = 128
    /// Nonlinear autoencoder of the limitation example: full-batch Adam steps.
    package var curveSteps: Int
    /// The numbers of components k of "PCA - Example" (reconstructions, explained variance)
    /// and of the Eckart-Young rows of "PCA - MSE Perspective", one row per k.
    package var components = slideComponentCounts
    /// Test images on the PC1/PC2 scatter; samples of the Gaussian generative model.
    package var scatterCount: Int
    package var gaussianCount: Int

    package init(quick: Bool) {
      trainCount = quick ? 10_000 : 60_000
      cloudCount = quick ? 2_000 : 10_000
      linearEpochs = quick ? 12 : 30
      curveSteps = quick ? 1_500 : 4_000
      scatterCount = quick ? 3_000 : 10_000
      gaussianCount = quick ? 2_000 : 10_000
    }

    /// The chapter's settings with the run's knobs applied.
    package init(_ run: ChapterRun) {
      self.init(quick: run.options.quick)
      components = run.integers("components", default: components)
    }
  }

  /// The number of components shown on the slide "PCA - Example".
  static let slideComponentCounts = [2, 10, 100, 506]

  /// The slide's k as a flag. Up to 783 = 28 x 28 - 1: an Eckart-Young row compares the
  /// discarded variance with a residual, and at k = d both are rounding noise around 0.
  public static let knobs: [Knob] = [
    .integers(
      "components", slide: "PCA - Example",
      help: "the numbers k of components kept: the reconstructions and explained variance of "
        + "\"PCA - Example\", and one Eckart-Young row per k in \"PCA - MSE Perspective\"",
      default: "2,10,100,506", each: 1...783, count: 1...8)
  ]

  public static func run(_ run: ChapterRun) throws {
    let config = Config(run)
    // The formulas every section computes with: honest, or with the --mistake planted.
    let formulas = Formulas.planted(run.mistake)
    // The images and the fit, loaded only when a section that uses them runs.
    var fitted: (train: LabeledImages, test: LabeledImages, x: Matrix, pca: PrincipalComponents)?
    if ["formulation", "example", "mse", "linear-network"].contains(where: run.wants) {
      let train = try run.images(.train).prefix(config.trainCount)
      let test = try run.images(.test)
      run.say(
        "\(run.options.dataset.displayName): fitting PCA on \(train.count) training images of "
          + "\(train.height)x\(train.width) pixels; \(test.count) test images for figures"
      )
      let x = Matrix(train.images)  // [N, d]
      fitted = (train, test, x, try formulas.fit(x))
    }

    if let d = fitted, run.wants("formulation") {
      try formulation(run, pca: d.pca, x: d.x, formulas: formulas, config: config)
    }
    if run.wants("axes") { try axes(run, config: config, formulas: formulas) }
    if let d = fitted, run.wants("example") {
      try example(run, pca: d.pca, test: d.test, formulas: formulas, config: config)
    }
    if let d = fitted, run.wants("mse") {
      try msePerspective(run, pca: d.pca, x: d.x, formulas: formulas, config: config)
    }
    if let d = fitted, run.wants("linear-network") {
      try linearNetwork(run, pca: d.pca, train: d.train, config: config, formulas: formulas)
    }
    if run.wants("limitation") { try limitation(run, config: config, formulas: formulas) }
  }

}
