// Slide "PCA Limitation: only captures LINEAR dependency". Points near a semicircle are a
// 1-D manifold, but not a line: PCA-1 must flatten them onto a line and keeps the whole
// spread across it as error, while a small nonlinear autoencoder with a 1-D code follows
// the curve.

import Autodiff
import Foundation
import Lecture
import LinearAlgebra
import NeuralNet
import Plotting
import Stochastic
import TensorCore
import TensorMatrix

extension PCAChapter {
  package static func limitation(_ run: ChapterRun, config: Config, formulas: Formulas = .honest) throws {
    run.section("PCA Limitation: a curved 1-D manifold")
    let slide = "PCA Limitation"
    var rng = run.random("curve")
    let n = 600
    let noise = 0.03
    var points = Matrix.zeros(rows: n, columns: 2)
    for i in 0..<n {
      let t = Double.pi * rng.uniform()
      points[i, 0] = cos(t) + noise * rng.normal()
      points[i, 1] = sin(t) + noise * rng.normal()
    }
    let pca = try formulas.fit(points)
    let pcaBack = formulas.reconstruct(pca, formulas.project(pca, points, 1))
    let pcaError = (points - pcaBack).squaredFrobeniusNorm / Double(n)

    // A 2-32-1-32-2 autoencoder: tanh hidden layers, a linear 1-D code, full-batch Adam.
    let hidden = formulas.curveActivation
    let encoder = Sequential([Dense(2, 32, activation: hidden, using: &rng), Dense(32, 1, using: &rng)])
    let decoder = Sequential([Dense(1, 32, activation: hidden, using: &rng), Dense(32, 2, using: &rng)])
    let x = Tensor(points)
    var adam = Adam(learningRate: 0.01)
    let trainer = Trainer(name: "curve autoencoder", epochs: config.curveSteps, batchSize: n)
    let parameters = encoder.parameters + decoder.parameters
    try trainer.fit(sampleCount: n, parameters: parameters, optimizer: &adam, using: &rng) { _ in
      let input = Variable(x)
      return (decoder(encoder(input)) - input).squared().sum(axis: 1).mean()
    }
    let aeBack = Matrix(decoder(encoder(Variable(x))).value)
    let aeError = (points - aeBack).squaredFrobeniusNorm / Double(n)
    run.say(
      String(
        format: "per-point squared error: PCA-1 %.4f, autoencoder %.4f, noise floor about %.4f", pcaError, aeError,
        noise * noise))
    run.check(
      "PCA-1 error = lambda_2 (what a line must discard)", slide: slide,
      expected: pca.variances[1] * Double(n - 1) / Double(n), observed: pcaError, tolerance: .relative(1e-9))
    run.check(
      "1-D autoencoder error <= 0.2 x PCA-1 error", slide: slide,
      expected: 0.2 * pcaError, observed: aeError, tolerance: .atMost(margin: 0))

    // The curve the decoder draws as its code sweeps the range the encoder uses.
    let codes = encoder(Variable(x)).value.storage
    let (lo, hi) = (codes.min() ?? 0, codes.max() ?? 1)
    let sweep = Tensor(shape: [200, 1], storage: (0..<200).map { lo + (hi - lo) * Float($0) / 199 })
    let curve = Matrix(decoder(Variable(sweep)).value)
    try run.figure(
      Figure(
        name: "pca-limitation", title: "A curved 1-D manifold: PCA-1 vs a 1-D autoencoder",
        xLabel: "x_1", yLabel: "x_2",
        size: (800, 560), commands: ["set size ratio -1", KeyPlacement.below.command, "set grid"],
        layers: [
          .columns([points.column(0), points.column(1)], style: .points(.grey(0xbb), size: 0.4), title: "data"),
          .columns(
            [pcaBack.column(0), pcaBack.column(1)], style: .points(.red, size: 0.5),
            title: String(format: "PCA-1 reconstruction (error %.4f)", pcaError)),
          .columns(
            [curve.column(0), curve.column(1)], style: .line(.blue, width: 3),
            title: String(format: "autoencoder decoder curve (error %.4f)", aeError)),
        ]))
  }
}
