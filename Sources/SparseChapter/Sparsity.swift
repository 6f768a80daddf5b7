// Slides "Sparse Autoencoder (SAE)": a sigmoid code h, rho_hat_i = mean over the batch S of
// h_i(x), and the extra term sum_i KL(rho || rho_hat_i). Checked: the op against the formula in
// Double, its backward against finite differences; then a 784-1000-784 AE trained with rho = 0.2,
// rho = 0.05 and without the penalty, and the mean activation each reaches on test images.

import Autodiff
import AutoencoderKit
import Datasets
import Foundation
import Lecture
import LectureChecks
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

  /// The sparsity term's checks, in Double: the op against the slide's formula, its backward.
  package static func sparsityChecks(_ run: ChapterRun, formulas: Formulas = .honest) {
    let slide = "Sparse Autoencoder (SAE)"
    var rng = run.random("sparsity-check")
    let h = Tensor.uniform([8, 6], low: 0.01, high: 0.99, using: &rng)
    for rho: Float in [0.2, 0.05] {  // the slide's values: the formula does not depend on training
      run.check(
        "KL(rho || rho_hat), rho = \(rho): op vs formula in Double", slide: slide,
        expected: referenceSparsityKL(h, rho: Double(rho)),
        observed: Double(formulas.sparsity(Variable(h), rho).value.scalar),
        tolerance: .relative(1e-5))
    }
    let a = Tensor.normal([6, 5], using: &rng)
    run.gradientRow(
      "KL sparsity penalty through a sigmoid code", slide: slide,
      checkGradients(at: [a]) { p in
        formulas.sparsity(p[0].sigmoid(), 0.05)
      })
  }

  static func sparsity(_ run: ChapterRun, train: LabeledImages, test: LabeledImages, config: Config, formulas: Formulas)
    throws
  {
    run.section("Sparse Autoencoder (SAE): sum_i KL(rho || rho_hat_i), rho_hat_i = mean over the batch of h_i")
    let slide = "Sparse Autoencoder (SAE)"
    sparsityChecks(run, formulas: formulas)
    try sparsityPenaltyFigure(run, rhos: config.rhos, formulas: formulas)

    run.autoencoderLossGradientRow(
      "training loss: BCE + beta KL (rho = 0.05) of a 7-5-7 AE, sigmoid code", slide: slide,
      sizes: [7, 5], codeActivation: .sigmoid, penalty: { formulas.sparsity($0, 0.05) * config.beta })

    // Training: the same architecture and schedule with and without the penalty.
    let d = train.images.shape[1]
    run.say(
      "784-\(config.sparseHidden)-784, sigmoid code, Adam lr 1e-3, batch \(config.batch), \(config.sparseEpochs) "
        + "epochs on \(train.count) images; loss per image = BCE summed over pixels + beta sum_i KL(rho || rho_hat_i), "
        + "beta = \(config.beta)"
    )
    var models: [(label: String, rho: Float?, model: SigmoidCodeAutoencoder)] = []
    for rho: Float? in [nil] + config.rhos.map(Optional.some) {
      var initial = run.random("sparse-init")  // the same initial weights for all three
      let label = rho.map { "rho = \($0)" } ?? "no penalty"
      let model = SigmoidCodeAutoencoder(
        name: "sparse AE (\(label))", inputs: d, code: config.sparseHidden, using: &initial)
      var shuffle = run.random("sparse-shuffle")
      try model.train(
        images: train.images, epochs: config.sparseEpochs, batchSize: config.batch,
        penalty: rho.map { rho in
          { h in formulas.sparsity(h, rho) * config.beta }
        }, using: &shuffle)
      models.append((label, rho, model))
    }

    var histogram: [(title: String, x: [Double], y: [Double])] = []
    var filterRows: [[[Float]]] = []
    var plainImageMeans: [Double] = []
    for (label, rho, model) in models {
      let codes = model.codes(test.images)  // [N, n]
      let mean = codes.storage.reduce(0.0) { $0 + Double($1) } / Double(codes.count)
      let unitMeans = (0..<codes.shape[1]).map { j in
        (0..<codes.shape[0]).reduce(0.0) { $0 + Double(codes[$1, j]) } / Double(codes.shape[0])
      }
      let nearZero = Double(codes.storage.filter { $0 < 0.01 }.count) / Double(codes.count)
      run.say(
        String(
          format:
            "%@: test BCE %.4f per pixel; mean activation %.4f (units' means %.4f to %.4f); %.1f%% of activations "
            + "below 0.01",
          label, model.testLoss(test.images), mean, unitMeans.min() ?? 0, unitMeans.max() ?? 0, 100 * nearZero))
      // Each test image's mean activation, against the same image's without the penalty.
      let imageMeans = (0..<codes.shape[0]).map { r in
        (0..<codes.shape[1]).reduce(0.0) { $0 + Double(codes[r, $1]) } / Double(codes.shape[1])
      }
      if let rho {
        run.fact("mean test activation after training, rho = \(rho)", slide: slide, value: mean)
        run.pairedLower(
          "rho = \(rho): |mean activation of a test image - rho| below the unpenalised AE's", slide: slide,
          imageMeans.map { abs($0 - Double(rho)) }, than: plainImageMeans.map { abs($0 - Double(rho)) })
      } else {
        plainImageMeans = imageMeans
      }
      let bins = activationHistogram(codes.storage, bins: 50)
      histogram.append((label, bins.x, bins.y))
      // The 16 units that fire most on the test images, busiest first: a unit that rarely
      // fires (most of them at a small rho) has a filter of noise, which says nothing.
      let busiest = unitMeans.indices.sorted { unitMeans[$0] > unitMeans[$1] }.prefix(16)
      filterRows.append(filterTiles(model.encoder.weight.value, units: busiest))
    }

    try run.figure(
      .lines(
        name: "sparse-activations",
        title: "Code activations on test images (fraction per bin of width 0.02)\(run.settingsNote)",
        series: histogram, xLabel: "activation h_i(x)", yLabel: "fraction", logY: true))
    try run.figure(
      .imageGrid(
        name: "sparse-filters",
        title: "Learned filters: the columns of W of the 16 units with the largest mean activation on the test "
          + "images, busiest first, each scaled to its range\(run.settingsNote)",
        rows: filterRows, imageWidth: train.width, imageHeight: train.height, rowLabels: models.map(\.label),
        columnLabels: (1...max(1, filterRows.map(\.count).max() ?? 1)).map { "rank \($0)" }))
  }

  /// Fractions of `values` in `bins` equal bins of [0, 1] (empty bins left out, for a log axis).
  static func activationHistogram(_ values: [Float], bins: Int) -> (x: [Double], y: [Double]) {
    var counts = [Double](repeating: 0, count: bins)
    for v in values { counts[min(bins - 1, max(0, Int(Double(v) * Double(bins))))] += 1 }
    let kept = (0..<bins).filter { counts[$0] > 0 }
    return (kept.map { (Double($0) + 0.5) / Double(bins) }, kept.map { counts[$0] / Double(values.count) })
  }
}
