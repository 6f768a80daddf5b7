// What each loss of "Autoencoder - Loss" does differently, on data: the same 784-32-784
// autoencoder trained with L2, L1, CE, EXP and MCC on images where a fraction of the pixels
// are outliers (salt noise: set to 1), then asked to reconstruct corrupted test images and
// scored against the CLEAN test images. A loss that listens to the outliers learns to draw
// them; MCC's kernel H_sigma(s) gives residuals |s| >> sigma almost no weight, so the
// outliers barely move it (the robustness claim of correntropy).

import Autodiff
import AutoencoderKit
import Datasets
import Foundation
import Lecture
import LectureChecks
import NeuralNet
import Plotting
import Stochastic
import TensorCore

extension AutoencoderChapter {
  /// Fraction of pixels replaced by 1 in every corrupted image.
  static let outlierFraction = 0.1

  /// `x` with a fraction of each image's pixels set to 1.
  static func withSaltNoise(_ x: Tensor, fraction: Double, using rng: inout SeededRandom) -> Tensor {
    x.map { v in rng.uniform() < fraction ? 1 : v }
  }

  static func lossesOnOutliers(
    _ run: ChapterRun, train: LabeledImages, test: LabeledImages, config: Config, formulas: Formulas = .honest
  ) throws {
    run.section(
      "Autoencoder - Loss on data: 784-32-784 trained on images with \(Int(outlierFraction * 100))% outlier pixels")
    let slide = "Autoencoder - Loss"
    var noise = run.random("outlier-noise")
    let clean = train.prefix(config.outlierCount).images  // [N, 784]
    let corrupted = withSaltNoise(clean, fraction: outlierFraction, using: &noise)
    let testClean = test.images
    let testCorrupted = withSaltNoise(testClean, fraction: outlierFraction, using: &noise)
    run.say(
      "\(clean.shape[0]) corrupted training images, \(config.outlierEpochs) epochs of Adam per loss; score: per-pixel "
        + "MSE of the reconstruction of a corrupted test image against the clean one"
    )

    let meanImage = corrupted.mean(axis: 0)  // [784]
    let meanLogit = meanImage.map { p in
      let q = min(max(p, 0.01), 0.99)
      return Foundation.log(q / (1 - q))
    }
    let losses: [ReconstructionLoss] = [.l2, .l1, .crossEntropy, .exponential(tau: tau), .correntropy(sigma: sigma)]
    var perImage: [String: [Double]] = [:]
    let shown = test.firstOfEachClass
    var rows: [[[Float]]] = [tiles(testClean.rows(shown)), tiles(testCorrupted.rows(shown))]
    var labels = ["clean", "corrupted"]
    for loss in losses {
      var rng = run.random("outlier-\(loss)")
      let model = DenseAutoencoder(name: "\(loss)", sizes: [clean.shape[1], 32], codeActivation: .relu, using: &rng)
      // Start the output at the mean training image (bias = its logit) rather than at 0.5
      // everywhere: every loss then starts from the same sensible point, and the short
      // schedule is spent on the code, not on moving 784 biases by lr per step.
      if let output = model.decoder.layers.last { output.bias.value = meanLogit }
      var adam = Adam(learningRate: 1e-3)
      let trainer = Trainer(name: "784-32-784 with \(loss)", epochs: config.outlierEpochs, batchSize: 64)
      try trainer.fit(sampleCount: corrupted.shape[0], parameters: model.parameters, optimizer: &adam, using: &rng) {
        batch in
        let x = corrupted.rows(batch)  // [B, 784]
        let logits = model.logits(Variable(x))
        // CE through the logits: the same loss as the slide's formula, without log(0) once
        // the sigmoid saturates, summed over the pixels of each image as the other losses.
        if loss == .crossEntropy { return binaryCrossEntropy(logits: logits, targets: x, reduction: .perImageSum) }
        if case .correntropy(let sigma) = loss { return formulas.trainingCorrentropy(logits.sigmoid(), x, sigma) }
        return loss(logits.sigmoid(), x)
      }
      let back = model.reconstruct(testCorrupted)
      let error = meanSquaredError(back, testClean)
      perImage["\(loss)"] = perImageMeanSquaredError(back, testClean)
      rows.append(tiles(back.rows(shown)))
      labels.append(String(format: "%@ %.4f", "\(loss)".components(separatedBy: " ").first ?? "", error))
      run.say(String(format: "%-20@ clean-image MSE %.5f", "\(loss)" as NSString, error))
    }
    let identity = meanSquaredError(testCorrupted, testClean)
    run.say(String(format: "(copying the corrupted input would score %.5f)", identity))
    run.pairedLower(
      "MCC clean-image MSE below L2's", slide: slide,
      perImage["\(ReconstructionLoss.correntropy(sigma: sigma))"] ?? [],
      than: perImage["\(ReconstructionLoss.l2)"] ?? [])
    try run.figure(
      .imageGrid(
        name: "ae-loss-outliers",
        title: "Corrupted test images reconstructed by AEs trained with each loss (MSE to clean)",
        rows: rows, imageWidth: test.width, imageHeight: test.height, rowLabels: labels,
        columnLabels: test.classNames(of: shown)))
  }
}
