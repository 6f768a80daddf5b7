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
import LinearAlgebra
import NeuralNet
import Plotting
import TensorCore

extension AutoencoderChapter {
  /// PCA-k reconstructions of `x` [N, D], clipped to [0, 1] (pixel range) as Float.
  static func pcaReconstruction(_ pca: PrincipalComponents, _ x: Tensor, components k: Int) -> Tensor {
    let back = pca.reconstruct(pca.project(Matrix(x), components: k))
    return Tensor(back).map { min(max($0, 0), 1) }
  }

  static func versusPCA(_ run: ChapterRun, models: KerasModels, pca: PrincipalComponents, test: LabeledImages) throws {
    run.section("Autoencoder vs PCA at the same images: AE-32 (shallow, deep), PCA-32, PCA-100")
    let slide = "AE for Dimension Reduction"
    let x = test.images  // [N, 784]
    var reconstructions: [(String, Tensor)] = []
    for model in [models.shallow, models.deep] {
      reconstructions.append((model.name == "shallow" ? "shallow AE 32" : "deep AE 32", model.reconstruct(x)))
    }
    for k in [32, 100] { reconstructions.append(("PCA-\(k)", pcaReconstruction(pca, x, components: k))) }
    var mse: [String: Double] = [:]
    for (name, back) in reconstructions {
      mse[name] = meanSquaredError(back, x)
      run.say(String(format: "%-14@ test MSE per pixel %.5f, binary cross-entropy %.4f", name as NSString, mse[name]!, binaryCrossEntropy(probabilities: back, targets: x)))
    }
    // Judged by the AE's training objective (cross-entropy, PCA clipped to [0, 1]); the squared
    // error, PCA's own criterion, is printed above and discussed in the chapter text.
    // Image by image, so the standard error of the paired differences sets the margin.
    let pca32 = perImageBinaryCrossEntropy(probabilities: reconstructions[2].1, targets: x)
    for (name, back) in reconstructions.prefix(2) {
      run.pairedLower("\(name) test BCE below PCA-32's (equal code)", slide: slide,
                      perImageBinaryCrossEntropy(probabilities: back, targets: x), than: pca32)
    }
    let shown = test.firstOfEachClass
    try run.figure(.imageGrid(
      name: "ae-reconstructions", title: "Test images (top) and their reconstructions",
      rows: [tiles(x.rows(shown))] + reconstructions.map { tiles($0.1.rows(shown)) },
      imageWidth: test.width, imageHeight: test.height, rowLabels: ["original"] + reconstructions.map(\.0)))
  }
}
