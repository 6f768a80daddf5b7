// The autoencoder chapter end to end (the built `autoencoder --quick`: every check passes,
// every figure is written) and its checks failing on planted errors: a loss whose value is
// off by a factor, a loss whose backward is wrong, a tied-weight gradient missing the
// decoder's share.

import Autodiff
import AutoencoderChapter
import Foundation
import Lecture
import LinearAlgebra
import NeuralNet
import Stochastic
import TensorCore
import TensorMatrix
import Testing

@Suite("autoencoder executable", .serialized)
struct AutoencoderExecutableTests {
  @Test(.enabled(if: fashionInstalled, "needs dataset-fashion-mnist"))
  func quickRunPassesEveryCheckAndWritesFigures() throws {
    let report = try expectQuickRun(
      "autoencoder", minimumChecks: 30,
      figures: [
        "ae-loss-functions", "ae-loss-outliers", "ae-loss-curves", "ae-reconstructions", "ae-pc-scatter",
        "ae-code-scatter", "ae-bow-lsa", "ae-bow-code", "ae-cae-reconstructions",
      ])
    // Every loss, the regulariser, tied weights and every conv AE layer has its gradient row.
    let gradients = report.checks.filter { $0.name.hasPrefix("gradient ") }.map(\.name)
    for op in ["L2", "L1", "CE", "EXP", "MCC", "weight decay", "tied AE", "Conv2D", "max pooling", "upsampling"] {
      #expect(gradients.contains { $0.contains(op) }, "no gradient check of \(op)")
    }
  }
}

@Suite("autoencoder checks fail on planted errors")
struct AutoencoderPlantedErrorTests {
  /// A point with residuals away from 0, as in the chapter.
  func point() -> (Tensor, Tensor) {
    let target = Tensor([[0.2, 0.9, 0.4], [0.7, 0.1, 0.5]])
    return (target + Tensor([[0.3, -0.2, 0.15], [-0.25, 0.4, -0.1]]), target)
  }

  @Test func honestLossesPass() throws {
    let run = try silentRun(of: AutoencoderChapter.self)
    let (p, t) = point()
    for loss in [ReconstructionLoss.l2, .l1, .exponential(tau: 2), .correntropy(sigma: 0.3)] {
      AutoencoderChapter.checkLoss(run, loss, prediction: p, target: t, slide: "test")
    }
    #expect(run.checks.count == 8)
    #expect(run.checks.allSatisfy { $0.passed }, "\(run.checks.filter { !$0.passed })")
  }

  @Test func meanInsteadOfSumFailsTheValueCheckOnly() throws {
    // Planted: L2 as a mean over pixels (a factor 1/D), consistent in value and gradient.
    let run = try silentRun(of: AutoencoderChapter.self)
    let (p, t) = point()
    AutoencoderChapter.checkLoss(run, .l2, prediction: p, target: t, slide: "test") { l2Loss($0, $1) * (1 / 3) }
    #expect(run.checks.map(\.passed) == [false, true], "\(run.checks)")
  }

  @Test func wrongBackwardFailsTheGradientCheckOnly() throws {
    // Planted: MCC whose backward forgets the 1/sigma^2 of the kernel's derivative.
    let run = try silentRun(of: AutoencoderChapter.self)
    let (p, t) = point()
    let sigma: Float = 0.3
    AutoencoderChapter.checkLoss(run, .correntropy(sigma: sigma), prediction: p, target: t, slide: "test") {
      v, target in
      let value = correntropyLoss(v, target, sigma: sigma).value
      let pv = v.value
      let batch = Float(pv.shape[0])
      return Variable(op: "plantedMCC", value: value, inputs: [v]) { g in
        [
          pv.zip(target) { pi, ti in
            let s = ti - pi
            return -s * Float(gaussianKernel(Double(s), sigma: Double(sigma))) * g.scalar / batch
          }
        ]
      }
    }
    #expect(run.checks.map(\.passed) == [true, false], "\(run.checks)")
  }

  @Test func tiedGradientByHandNeedsBothShares() throws {
    // Backprop agrees with the hand-derived sum of both uses; the encoder's share alone misses.
    let x = Tensor([[0.2, 0.9, 0.4, 0.1], [0.7, 0.1, 0.5, 0.8]])
    let w = Tensor([[0.3, -0.5], [0.8, 0.1], [-0.4, 0.6], [0.2, 0.2]])
    let be = Tensor(shape: [2], storage: [0.1, -0.1])
    let bd = Tensor(shape: [4], storage: [0, 0.1, -0.1, 0.2])
    #expect(AutoencoderChapter.tiedGradientMismatch(weight: w, encoderBias: be, decoderBias: bd, x: x) < 1e-4)
    let planted = AutoencoderChapter.Formulas.planted(
      try plantedRun(of: AutoencoderChapter.self, mistake: "tied-without-transpose-term").mistake)
    #expect(
      AutoencoderChapter.tiedGradientMismatch(weight: w, encoderBias: be, decoderBias: bd, x: x, formulas: planted)
        > 0.1)
  }

  @Test func directConvolutionCatchesAFlippedKernel() {
    // A true convolution (kernel flipped) is not the cross-correlation conv2d computes.
    let g = ConvGeometry(height: 4, width: 4, channels: 1, kernel: 3, stride: 1, padding: 1)
    let x = Tensor(shape: [1, 16], storage: (0..<16).map { Float($0 % 5) })
    let w = Tensor(shape: [9, 1], storage: [1, 2, 3, 0, 0, 0, -1, 0, 0.5])
    let flipped = Tensor(shape: [9, 1], storage: w.storage.reversed())
    let b = Tensor(shape: [1], storage: [0])
    let honest = directConvolution(x, weight: w, bias: b, geometry: g)
    let fast = conv2d(Variable(x), weight: Variable(w), bias: nil, geometry: g).value.storage.map(Double.init)
    let planted = conv2d(Variable(x), weight: Variable(flipped), bias: nil, geometry: g).value.storage.map(Double.init)
    #expect(zip(honest, fast).allSatisfy { Swift.abs($0 - $1) < 1e-5 })
    #expect(zip(honest, planted).contains { Swift.abs($0 - $1) > 0.1 })
  }
}

@Suite("autoencoder mistake catalogue")
struct AutoencoderMistakeTests {
  /// The sections and checks the catalogue's mistakes break, without training: the LSA check
  /// on a small random count matrix.
  func runSections(_ run: ChapterRun) throws {
    let formulas = AutoencoderChapter.Formulas.planted(run.mistake)
    try AutoencoderChapter.losses(run, formulas: formulas)
    try AutoencoderChapter.tiedWeights(run, formulas: formulas)
    try AutoencoderChapter.regularization(run, formulas: formulas)
    AutoencoderChapter.trainingLossGradientRow(run, formulas: formulas)
    AutoencoderChapter.softmaxGradientRow(run, formulas: formulas)
    var rng = SeededRandom(seed: 35)
    let counts = Matrix(Tensor.uniform([40, 30], using: &rng).map { ($0 * 4).rounded(.down) })
    let lsa = try LatentSemanticAnalysis(fitting: counts, rank: 2)
    AutoencoderChapter.lsaTruncationCheck(run, lsa: lsa, counts: counts, formulas: formulas)
    AutoencoderChapter.convolutionChecks(run, formulas: formulas)
  }

  /// Mistakes of the models' training only, checked by the quick run (`--mistake NAME`).
  static let trainingOnly: Set<String> = ["gradient-ascent"]

  @Test(arguments: [1, 2, 3])
  func honestSectionsPass(seed: Int) throws {
    let run = try silentRun(of: AutoencoderChapter.self, seed: seed)
    try runSections(run)
    #expect(run.checks.count >= 22)
    #expect(failedChecks(run).isEmpty, "\(failedChecks(run))")
  }

  /// At three seeds: the points of the checks are drawn from the run's seed.
  @Test(arguments: AutoencoderChapter.mistakes.map(\.name).filter { !trainingOnly.contains($0) }, [1, 2, 3])
  func mistakeFailsExactlyItsChecks(_ name: String, seed: Int) throws {
    let run = try plantedRun(of: AutoencoderChapter.self, mistake: name, seed: seed)
    try runSections(run)
    expectCaughtAsCatalogued(run)
  }
}
