// Slide "PCA as MLP": a two-layer linear perceptron x -> x W_1 -> x W_1 W_2 trained to
// reconstruct its input by gradient descent (autodiff + Adam, no closed form). Without a
// constraint on the weights it learns the PCA subspace in some basis (Baldi & Hornik 1989),
// and by Eckart-Young it cannot get below the PCA error.

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

extension PCAChapter {
  package static func linearNetwork(
    _ run: ChapterRun, pca: PrincipalComponents, train: LabeledImages, config: Config, formulas: Formulas = .honest
  ) throws {
    let k = config.linearCode
    run.section("PCA as MLP: linear 784-\(k)-784 network trained by Adam")
    let slide = "PCA as MLP"
    let d = pca.dimension
    // Centred inputs: the network has no biases, as on the slide.
    let xcDouble = formulas.networkInputs(Matrix(train.images), pca.mean)
    let xc = Tensor(xcDouble)  // [N, d]
    let n = Double(train.count)

    networkLossGradient(run, formulas: formulas)
    var rng = run.random("linear-network")
    let encoder = Variable(
      Initializer.glorotUniform.weights(inputs: d, outputs: k, using: &rng), requiresGradient: true)  // W_1 [d, k]
    let decoder = Variable(
      Initializer.glorotUniform.weights(inputs: k, outputs: d, using: &rng), requiresGradient: true)  // W_2 [k, d]
    var adam = Adam(learningRate: 1e-3)
    let pcaError = (n - 1) / n * pca.discardedVariance(keeping: k)  // per image
    let target = pca.basis(k)

    /// Per-image squared error of the network on the training set, in Double: (X W_1) W_2, two
    /// thin products, not X (W_1 W_2) through a [d, d] matrix (49 times the multiply-adds at k = 8).
    func networkError() -> Double {
      squaredResidual(xcDouble, encoder: Matrix(encoder.value), decoder: Matrix(decoder.value)) / n
    }
    func largestAngle() throws -> Double {
      try principalAngles(between: Matrix(decoder.value).transposed, and: target).max() ?? .nan
    }

    var epochs: [Double] = [0]
    var angles: [Double] = [try largestAngle() * 180 / .pi]
    var ratios: [Double] = [networkError() / pcaError]
    let trainer = Trainer(name: "linear \(d)-\(k)-\(d)", epochs: config.linearEpochs, batchSize: config.linearBatch)
    try trainer.fit(sampleCount: train.count, parameters: [encoder, decoder], optimizer: &adam, using: &rng) { batch in
      let x = Variable(xc.rows(batch))  // [B, d]
      let code = Variable.matmul(x, encoder)  // [B, k]
      let back = Variable.matmul(code, decoder)  // [B, d]
      return formulas.networkLoss(back - x)  // mean per-image squared error
    } afterEpoch: { summary in
      epochs.append(Double(summary.epoch))
      angles.append(try largestAngle() * 180 / .pi)
      ratios.append(networkError() / pcaError)
      try run.showProgress(linearNetworkFigure(d: d, k: k, epochs: epochs, angles: angles, ratios: ratios))
    }

    let finalError = networkError()
    run.say(
      String(
        format: "after %d epochs: per-image error %.4f (PCA-%d: %.4f), largest principal angle %.2f degrees",
        config.linearEpochs, finalError, k, pcaError, angles.last!))
    run.check(
      "network error >= PCA error (Eckart-Young bound)", slide: slide,
      expected: pcaError, observed: finalError, tolerance: .atLeast(margin: 1e-9 * pcaError))
    run.check(
      "network error within 1% of PCA-\(k)", slide: slide,
      expected: pcaError, observed: finalError, tolerance: .atMost(margin: 0.01 * pcaError))
    run.check(
      "span(W_2^T) vs top-\(k) eigenvectors: largest angle (deg)", slide: slide,
      expected: 0, observed: angles.last!, tolerance: .atMost(margin: 5))

    try run.figure(linearNetworkFigure(d: d, k: k, epochs: epochs, angles: angles, ratios: ratios))
  }

  /// The training curves: with `--show` drawn after every epoch, then once finished.
  /// Both axes logarithmic: the angle's plateau of a few degrees and the error's approach to
  /// PCA's (the excess network / PCA - 1, >= 0 by Eckart-Young) stay visible after epoch 1.
  static func linearNetworkFigure(d: Int, k: Int, epochs: [Double], angles: [Double], ratios: [Double]) -> Figure {
    var figure = Figure(
      name: "pca-linear-network", title: "Linear \(d)-\(k)-\(d) network trained by Adam vs PCA-\(k)",
      xLabel: "epoch", yLabel: "largest principal angle to the PCA subspace (degrees)",
      commands: [
        "set y2label 'excess error: network / PCA - 1'", LogAxis.y.command, LogAxis.y2.command, "set ytics nomirror",
        "set y2tics", LogAxis.y.plainLabels, LogAxis.y2.powerLabels, KeyPlacement.below.command, "set grid",
      ])
    figure.layers = [
      .columns([epochs, angles], style: .linePoints(.blue), title: "largest principal angle"),
      .columns(
        [epochs, ratios.map { $0 - 1 }], using: "1:2 axes x1y2", style: .linePoints(.red, marker: .square),
        title: "excess error over PCA (right axis)"),
    ]
    return figure
  }

  static let linearNetworkGradientRow = "training loss: mean squared error of a linear 5-2-5 network (W_1, W_2)"
  static let linearNetworkGradientName = "gradient " + linearNetworkGradientRow + ": backprop vs finite differences"

  /// The loss the network trains with, on 4 centred points of a 5-2-5 network, against finite
  /// differences. A polynomial of degree 4 in the weights: the extrapolated differences are exact
  /// up to rounding at any step, so the step is 5e-2, where Float32 rounding moves them least.
  static func networkLossGradient(_ run: ChapterRun, formulas: Formulas) {
    var rng = run.random("linear-network-gradient")
    let x = Tensor.normal([4, 5], using: &rng)
    let centred = x - x.mean(axis: 0)
    let start = [
      Tensor.normal([5, 2], standardDeviation: 0.5, using: &rng),
      Tensor.normal([2, 5], standardDeviation: 0.5, using: &rng),
    ]
    run.gradientRow(
      linearNetworkGradientRow, slide: "PCA as MLP",
      checkGradients(at: start, step: 5e-2) { w in
        let input = Variable(centred)
        return formulas.networkLoss(Variable.matmul(Variable.matmul(input, w[0]), w[1]) - input)
      })
  }
}
