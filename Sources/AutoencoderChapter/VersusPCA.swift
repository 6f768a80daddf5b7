// Slides "Autoencoder for Dimension Reduction: Autoencoder vs PCA": the same test images
// through the shallow AE (784-32-784), the deep AE (784-128-64-32-64-128-784), PCA-32 and
// PCA-100. At equal code size (32) the comparison is fair: both see the same training images;
// PCA is the best LINEAR code for squared error (Eckart-Young), the AEs are nonlinear but
// trained by SGD on cross-entropy, so neither ordering is a theorem: it is measured.

import Autodiff
import AutoencoderKit
import Datasets
import Foundation
import Lecture
import LectureChecks
import LinearAlgebra
import NeuralNet
import Plotting
import TensorCore
import TensorMatrix

extension AutoencoderChapter {
  /// PCA-k reconstructions of `x` [N, D], clipped to [0, 1] (pixel range) as Float.
  static func pcaReconstruction(_ pca: PrincipalComponents, _ x: Tensor, components k: Int) -> Tensor {
    let back = pca.reconstruct(pca.project(Matrix(x), components: k))
    return Tensor(back).map { min(max($0, 0), 1) }
  }

  package static func versusPCA(
    _ run: ChapterRun, models: KerasModels, pca: PrincipalComponents, test: LabeledImages, config: Config
  ) throws {
    let code = config.code
    run.section("Autoencoder vs PCA at the same images: AE-\(code) (shallow, deep), PCA-\(code), PCA-100")
    let slide = "AE for Dimension Reduction"
    let x = test.images  // [N, 784]
    var reconstructions: [(String, Tensor)] = []
    for model in [models.shallow, models.deep] {
      reconstructions.append(("\(model.name) AE \(code)", model.reconstruct(x)))
    }
    for k in [code, 100] { reconstructions.append(("PCA-\(k)", pcaReconstruction(pca, x, components: k))) }
    var mse: [String: Double] = [:]
    for (name, back) in reconstructions {
      mse[name] = meanSquaredError(back, x)
      run.say(
        String(
          format: "%-14@ test MSE per pixel %.5f, binary cross-entropy %.4f", name as NSString, mse[name]!,
          binaryCrossEntropy(probabilities: back, targets: x)))
    }
    // Each AE judged by the loss it trained with (the vanilla's is the run's `--loss`, the
    // deep's cross-entropy; PCA clipped to [0, 1]); the squared error, PCA's own criterion, is
    // printed above and discussed in the chapter text.
    // Image by image, so the standard error of the paired differences sets the margin.
    let objectives = [config.vanilla, VanillaObjective(loss: .crossEntropy, lambda: 0)]
    for ((name, back), objective) in zip(reconstructions.prefix(2), objectives) {
      let pcaEqual = objective.perImage(probabilities: reconstructions[2].1, targets: x)
      run.pairedLower(
        "\(name) test \(objective.lossName) below PCA-\(code)'s (equal code)", slide: slide,
        objective.perImage(probabilities: back, targets: x), than: pcaEqual)
    }
    let shown = test.firstOfEachClass
    try run.figure(
      .imageGrid(
        name: "ae-reconstructions", title: "Test images (top) and their reconstructions\(run.settingsNote)",
        rows: [tiles(x.rows(shown))] + reconstructions.map { tiles($0.1.rows(shown)) },
        imageWidth: test.width, imageHeight: test.height, rowLabels: ["original"] + reconstructions.map(\.0),
        columnLabels: test.classNames(of: shown)))
  }
}
