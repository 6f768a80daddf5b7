// Slides "Sparse Autoencoder (SAE)": a sigmoid code h, rho_hat_i = mean over the batch S of
// h_i(x), and the extra term sum_i KL(rho || rho_hat_i). Checked: the op against the formula in
// Double, its backward against finite differences; then a 784-1000-784 AE trained with rho = 0.2,
// rho = 0.05 and without the penalty, and the mean activation each reaches on test images.

import Autodiff
import AutoencoderKit
import Datasets
import Foundation
import Lecture
import NeuralNet
import Plotting
import TensorCore

extension SparseChapter {
  /// The slide's KL(rho || rho_hat) in Double, rho_hat the column means of h [B, k].
  package static func referenceSparsityKL(_ h: Tensor, rho: Double) -> Double {
    let (b, k) = (h.shape[0], h.shape[1])
    var total = 0.0
    for i in 0..<k {
      let hat = (0..<b).reduce(0.0) { $0 + Double(h[$1, i]) } / Double(b)
      total += rho * Foundation.log(rho / hat) + (1 - rho) * Foundation.log((1 - rho) / (1 - hat))
    }
    return total
  }

  /// How far the mean test activation may land from rho after training, as a fraction of rho:
  /// a training outcome, not a derivation. The full run (60,000 images, 5 epochs) measured
  /// 0.2009 and 0.0545 on seed 1 (0.5 % and 9 % off); the quick run (10,000 images, 3 epochs)
  /// stops earlier, 0.0634 to 0.0657 for rho = 0.05 on seeds 1 to 3 (27-31 % off), so it is held
  /// to its own, labelled bound.
  static let activationMargin = 0.25
  static let quickActivationMargin = 0.40

  static func sparsity(_ run: ChapterRun, train: LabeledImages, test: LabeledImages, config: Config) throws {
    run.section("Sparse Autoencoder (SAE): sum_i KL(rho || rho_hat_i), rho_hat_i = mean over the batch of h_i")
    let slide = "Sparse Autoencoder (SAE)"
    var rng = run.random("sparsity-check")
    let h = Tensor.uniform([8, 6], low: 0.01, high: 0.99, using: &rng)
    for rho: Float in [0.2, 0.05] {
      run.check("KL(rho || rho_hat), rho = \(rho): op vs formula in Double", slide: slide,
                expected: referenceSparsityKL(h, rho: Double(rho)), observed: Double(sparsityPenalty(Variable(h), rho: rho).value.scalar),
                tolerance: .relative(1e-5))
    }
    let a = Tensor.normal([6, 5], using: &rng)
    run.gradientRow("KL sparsity penalty through a sigmoid code", slide: slide, checkGradients(at: [a]) { p in
      sparsityPenalty(p[0].sigmoid(), rho: 0.05)
    })

    // Training: the same architecture and schedule with and without the penalty.
    let d = train.images.shape[1]
    run.say("784-\(config.sparseHidden)-784, sigmoid code, Adam lr 1e-3, batch \(config.batch), \(config.sparseEpochs) epochs on \(train.count) images; loss per image = BCE summed over pixels + beta sum_i KL(rho || rho_hat_i), beta = \(config.beta)")
    var models: [(label: String, rho: Float?, model: SigmoidCodeAutoencoder)] = []
    for rho: Float? in [nil, 0.2, 0.05] {
      var initial = run.random("sparse-init")  // the same initial weights for all three
      let label = rho.map { "rho = \($0)" } ?? "no penalty"
      let model = SigmoidCodeAutoencoder(name: "sparse AE (\(label))", inputs: d, code: config.sparseHidden, using: &initial)
      var shuffle = run.random("sparse-shuffle")
      try model.train(images: train.images, epochs: config.sparseEpochs, batchSize: config.batch, penalty: rho.map { rho in
        { h in sparsityPenalty(h, rho: rho) * config.beta }
      }, using: &shuffle)
      models.append((label, rho, model))
    }

    var histogram: [(title: String, x: [Double], y: [Double])] = []
    var filterRows: [[[Float]]] = []
    var plainMean = 0.0
    for (label, rho, model) in models {
      let codes = model.codes(test.images)  // [N, n]
      let mean = codes.storage.reduce(0.0) { $0 + Double($1) } / Double(codes.count)
      let unitMeans = (0..<codes.shape[1]).map { j in (0..<codes.shape[0]).reduce(0.0) { $0 + Double(codes[$1, j]) } / Double(codes.shape[0]) }
      let nearZero = Double(codes.storage.filter { $0 < 0.01 }.count) / Double(codes.count)
      run.say(String(format: "%@: test BCE %.4f per pixel; mean activation %.4f (units' means %.4f to %.4f); %.1f%% of activations below 0.01",
                     label, model.testLoss(test.images), mean, unitMeans.min() ?? 0, unitMeans.max() ?? 0, 100 * nearZero))
      if let rho {
        let margin = run.options.quick ? quickActivationMargin : activationMargin
        let bound = run.options.quick ? "quick-mode bound: within \(Int(margin * 100))% of rho" : "within \(Int(margin * 100))% of rho"
        run.check("mean test activation after training, rho = \(rho) (\(bound))", slide: slide,
                  expected: Double(rho), observed: mean, tolerance: .relative(margin))
        run.check("rho = \(rho): mean activation closer to rho than without the penalty", slide: slide,
                  expected: abs(plainMean - Double(rho)), observed: abs(mean - Double(rho)), tolerance: .atMost(margin: 0))
      } else {
        plainMean = mean
      }
      let bins = activationHistogram(codes.storage, bins: 50)
      histogram.append((label, bins.x, bins.y))
      filterRows.append(filterTiles(model.encoder.weight.value, units: 0..<16))
    }

    try run.figure(.lines(
      name: "sparse-activations", title: "Code activations on test images (fraction per bin of width 0.02)",
      series: histogram, xLabel: "activation h_i(x)", yLabel: "fraction", logY: true))
    try run.figure(.imageGrid(
      name: "sparse-filters", title: "Learned filters: columns of W (units 1-16), each scaled to its range",
      rows: filterRows, imageWidth: train.width, imageHeight: train.height, rowLabels: models.map(\.label)))
  }

  /// Fractions of `values` in `bins` equal bins of [0, 1] (empty bins left out, for a log axis).
  static func activationHistogram(_ values: [Float], bins: Int) -> (x: [Double], y: [Double]) {
    var counts = [Double](repeating: 0, count: bins)
    for v in values { counts[min(bins - 1, max(0, Int(Double(v) * Double(bins))))] += 1 }
    let kept = (0..<bins).filter { counts[$0] > 0 }
    return (kept.map { (Double($0) + 0.5) / Double(bins) }, kept.map { counts[$0] / Double(values.count) })
  }
}
