// Slide "Contractive Autoencoder (CAE)": the sensitivity of the code to small changes of the
// input, ||J_h(x)||_F^2 = sum_j sum_i (dh_i/dx_j)^2, used as a regulariser summed over the batch.
// For a sigmoid encoder h = sigmoid(x W + b), dh_i/dx_j = h_i (1 - h_i) W_ji, so
// ||J_h(x)||_F^2 = sum_i (h_i (1 - h_i))^2 sum_j W_ji^2. Checked: that closed form (the library
// op) against a Jacobian by central differences in Double, its backward against finite
// differences; then a CAE against the same AE without the penalty: the Jacobian norm on test
// images and how far the code moves under input noise.

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

extension SparseChapter {
  /// sum over the rows of x of ||J_h(x)||_F^2 for h = sigmoid(x W + b), by central differences
  /// in Double (step 1e-5): 2 D encoder evaluations per row, independent of the closed form.
  package static func finiteDifferenceJacobianNorm(x: Tensor, weight w: Tensor, bias: Tensor) -> Double {
    let (d, k) = (w.shape[0], w.shape[1])
    func encode(_ xs: [Double]) -> [Double] {
      (0..<k).map { i in
        let a = (0..<d).reduce(Double(bias.storage[i])) { $0 + xs[$1] * Double(w[$1, i]) }
        return 1 / (1 + Foundation.exp(-a))
      }
    }
    let step = 1e-5
    var total = 0.0
    for n in 0..<x.shape[0] {
      let xn = (0..<d).map { Double(x[n, $0]) }
      for j in 0..<d {
        var plus = xn
        var minus = xn
        plus[j] += step
        minus[j] -= step
        let (hp, hm) = (encode(plus), encode(minus))
        for i in 0..<k { total += Foundation.pow((hp[i] - hm[i]) / (2 * step), 2) }
      }
    }
    return total
  }

  /// The closed form as the op computes it (Float autodiff), summed over the rows.
  package static func closedFormJacobianNorm(x: Tensor, weight w: Tensor, bias: Tensor, formulas: Formulas = .honest)
    -> Double
  {
    let h = (Variable.matmul(Variable(x), Variable(w)) + Variable(bias)).sigmoid()
    return Double(formulas.contractive(h, Variable(w)).value.scalar)
  }

  /// ||J_h(x)||_F^2 of each row of the codes h [N, k] of a sigmoid encoder with weights W
  /// [D, k], by the closed form (checked above), in Double.
  static func perImageJacobianNorms(codes h: Tensor, weight w: Tensor) -> [Double] {
    let columnNorms = (0..<w.shape[1]).map { i in
      (0..<w.shape[0]).reduce(0.0) { $0 + Double(w[$1, i]) * Double(w[$1, i]) }
    }
    return (0..<h.shape[0]).map { r in
      (0..<h.shape[1]).reduce(0.0) { total, i in
        let slope = Double(h[r, i]) * (1 - Double(h[r, i]))
        return total + slope * slope * columnNorms[i]
      }
    }
  }

  /// The name of the closed form's check (for the catalogue).
  static let contractiveCheckName =
    "sum over 4 inputs of ||J_h(x)||_F^2: closed form vs finite-difference Jacobian in Double"

  /// The penalty's checks in Double: against a finite-difference Jacobian, its backward.
  package static func contractiveChecks(_ run: ChapterRun, formulas: Formulas = .honest) {
    let slide = "Contractive Autoencoder (CAE)"
    var rng = run.random("cae-check")
    let x = Tensor.uniform([4, 20], using: &rng)
    let w = Tensor.normal([20, 6], standardDeviation: 0.5, using: &rng)
    let bias = Tensor.normal([6], standardDeviation: 0.3, using: &rng)
    run.check(
      contractiveCheckName, slide: slide,
      expected: finiteDifferenceJacobianNorm(x: x, weight: w, bias: bias),
      observed: closedFormJacobianNorm(x: x, weight: w, bias: bias, formulas: formulas), tolerance: .relative(1e-5))
    run.gradientRow(
      "contractive penalty (W, b) through h = sigmoid(x W + b)", slide: slide,
      checkGradients(at: [w, bias]) { p in
        formulas.contractive((Variable.matmul(Variable(x), p[0]) + p[1]).sigmoid(), p[0])
      })
  }

  static func contractive(
    _ run: ChapterRun, train: LabeledImages, test: LabeledImages, config: Config, formulas: Formulas
  ) throws {
    run.section("Contractive Autoencoder (CAE): ||J_h(x)||_F^2 = sum_i (h_i (1 - h_i))^2 sum_j W_ji^2")
    let slide = "Contractive Autoencoder (CAE)"
    contractiveChecks(run, formulas: formulas)

    // Training: the same AE with and without the penalty.
    let d = train.images.shape[1]
    run.say(
      "784-\(config.caeHidden)-784, sigmoid code, Adam lr 1e-3, batch \(config.batch), \(config.caeEpochs) epochs on "
        + "\(train.count) images; loss per image = BCE summed over pixels + lambda ||J_h(x)||_F^2, lambda = "
        + "\(config.lambda)"
    )
    var models: [(label: String, model: SigmoidCodeAutoencoder)] = []
    for lambda: Float in [0, config.lambda] {
      var initial = run.random("cae-init")  // the same initial weights for both
      let label = lambda == 0 ? "plain AE" : "CAE (lambda = \(lambda))"
      let model = SigmoidCodeAutoencoder(name: label, inputs: d, code: config.caeHidden, using: &initial)
      var shuffle = run.random("cae-shuffle")
      try model.train(
        images: train.images, epochs: config.caeEpochs, batchSize: config.batch,
        penalty: lambda == 0
          ? nil
          : { h in
            formulas.contractive(h, model.encoder.weight) * (lambda / Float(h.shape[0]))
          }, using: &shuffle)
      models.append((label, model))
    }

    // The Jacobian norm on test images (closed form, exact for this encoder: checked above),
    // and the code's displacement under Gaussian input noise.
    let sigmas = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3]
    let probe = test.images.rows(0..<min(1_000, test.count))
    var jacobians: [[Double]] = []  // per test image, for each model
    var sensitivity: [(title: String, x: [Double], y: [Double])] = []
    for (label, model) in models {
      let perImage = perImageJacobianNorms(codes: model.codes(test.images), weight: model.encoder.weight.value)
      jacobians.append(perImage)
      let norm = perImage.reduce(0, +) / Double(test.count)
      run.say(
        String(
          format: "%@: test BCE %.4f per pixel; mean ||J_h(x)||_F^2 over test images %.3f", label,
          model.testLoss(test.images), norm))
      var noise = run.random("cae-noise")  // the same noise for both models
      let clean = model.codes(probe)
      // The code's own spread, sqrt(mean ||h(x) - mean h||^2) over the clean images: a code that is
      // merely smaller would move less, so the displacement is measured in units of it.
      let centre = (0..<clean.shape[1]).map { j in
        (0..<clean.shape[0]).reduce(0.0) { $0 + Double(clean[$1, j]) } / Double(clean.shape[0])
      }
      let spread = Foundation.sqrt(
        (0..<clean.shape[0]).reduce(0.0) { total, r in
          total + (0..<clean.shape[1]).reduce(0.0) { $0 + Foundation.pow(Double(clean[r, $1]) - centre[$1], 2) }
        } / Double(clean.shape[0]))
      let moves = sigmas.map { sigma -> Double in
        let noisy = model.codes(probe + Tensor.normal(probe.shape, standardDeviation: Float(sigma), using: &noise))
        return (0..<probe.shape[0]).reduce(0.0) { total, r in
          total
            + Foundation.sqrt(
              (0..<clean.shape[1]).reduce(0.0) { $0 + Foundation.pow(Double(noisy[r, $1] - clean[r, $1]), 2) })
        } / Double(probe.shape[0]) / spread
      }
      sensitivity.append((label, sigmas, moves))
    }
    run.pairedLower("||J_h(x)||_F^2 on test images: CAE below plain AE", slide: slide, jacobians[1], than: jacobians[0])
    try run.figure(
      .lines(
        name: "cae-sensitivity",
        title:
          "How far the code moves under input noise, relative to its spread over the \(probe.shape[0]) clean test "
          + "images"
          + run.settingsNote,
        series: sensitivity, xLabel: "noise standard deviation per pixel",
        yLabel: "mean ||h(x + noise) - h(x)|| / sqrt(mean ||h(x) - mean h||^2)"))
  }
}
