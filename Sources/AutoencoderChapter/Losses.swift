// Slide "Autoencoder - Loss": the five reconstruction losses. For each, two checks:
//   value     the library's loss against the slide's formula evaluated here in Double;
//   gradient  the library's backward against central finite differences (checkGradients).
// The points are chosen away from the non-smooth spots (L1 at s = 0), so a difference there
// is a wrong derivative, not a kink.

import Autodiff
import AutoencoderKit
import Foundation
import Lecture
import LectureChecks
import NeuralNet
import Plotting
import Stochastic
import TensorCore

extension AutoencoderChapter {
  /// The loss parameters used in the checks, the figure and the outlier experiment.
  static let tau: Float = 100
  static let sigma: Float = 0.3

  /// The slide's formula of `loss` in Double: sum over pixels per image, mean over images.
  package static func referenceLoss(_ loss: ReconstructionLoss, prediction p: Tensor, target x: Tensor) -> Double {
    let (b, d) = (p.shape[0], p.shape[1])
    var total = 0.0
    for n in 0..<b {
      var perImage = 0.0
      var squared = 0.0
      for i in (n * d)..<((n + 1) * d) {
        let (xi, pi) = (Double(x.storage[i]), Double(p.storage[i]))
        let s = xi - pi
        switch loss {
        case .l2: perImage += s * s
        case .l1: perImage += abs(s)
        case .crossEntropy: perImage -= xi * log(pi) + (1 - xi) * log(1 - pi)
        case .exponential: squared += s * s
        case .correntropy(let sigma):
          let sg = Double(sigma)
          perImage -= exp(-s * s / (2 * sg * sg)) / (sqrt(2 * Double.pi) * sg)
        }
      }
      if case .exponential(let tau) = loss { perImage = Double(tau) * exp(squared / Double(tau)) }
      total += perImage
    }
    return total / Double(b)
  }

  /// Value and gradient checks of one loss at (prediction, target). `implementation` is the
  /// op under test (the library's by default; the planted-error tests pass a wrong one).
  package static func checkLoss(
    _ run: ChapterRun, _ loss: ReconstructionLoss, prediction: Tensor, target: Tensor, slide: String,
    implementation: ((Variable, Tensor) -> Variable)? = nil
  ) {
    let op = implementation ?? { loss($0, $1) }
    let value = Double(op(Variable(prediction), target).value.scalar)
    run.check(
      "\(loss) value vs slide formula in Double", slide: slide,
      expected: referenceLoss(loss, prediction: prediction, target: target), observed: value, tolerance: .relative(1e-5)
    )
    run.gradientRow("\(loss)", slide: slide, checkGradients(at: [prediction]) { op($0[0], target) })
  }

  package static func losses(_ run: ChapterRun, formulas: Formulas = .honest) throws {
    run.section("Autoencoder - Loss: L2, L1, CE, EXP, MCC (value and gradient)")
    let slide = "Autoencoder - Loss"
    var rng = run.random("loss-checks")
    let (b, d) = (4, 12)
    let target = Tensor.uniform([b, d], using: &rng)  // x in [0, 1)
    // Residuals of magnitude 0.05...0.5 with random sign: away from L1's kink at s = 0.
    var prediction = target
    for i in 0..<prediction.count {
      let magnitude = Float(rng.uniform(0.05, 0.5))
      prediction.storage[i] += rng.uniform() < 0.5 ? -magnitude : magnitude
    }
    // CE needs x' in (0, 1): a separate point inside (0.15, 0.85).
    let probabilities = Tensor.uniform([b, d], low: 0.15, high: 0.85, using: &rng)
    // EXP with the chapter's tau = 100 is almost linear in S on 12 pixels; tau = 2 makes the
    // exponential visible in the check.
    checkLoss(run, .l2, prediction: prediction, target: target, slide: slide, implementation: formulas.l2)
    checkLoss(run, .l1, prediction: prediction, target: target, slide: slide, implementation: formulas.l1)
    checkLoss(
      run, .crossEntropy, prediction: probabilities, target: target, slide: slide, implementation: formulas.crossEntropy
    )
    checkLoss(run, .exponential(tau: 2), prediction: prediction, target: target, slide: slide) {
      formulas.exponential($0, $1, 2)
    }
    checkLoss(run, .correntropy(sigma: sigma), prediction: prediction, target: target, slide: slide) {
      formulas.correntropy($0, $1, sigma)
    }

    // The shapes: the loss of one pixel's residual, shifted to 0 at s = 0.
    let s = stride(from: -1.0, through: 1.0, by: 0.01).map { $0 }
    let shapes: [(String, ReconstructionLoss, ClosedRange<Double>)] = [
      ("L2: s^2", .l2, -1...1), ("L1: |s|", .l1, -1...1),
      ("CE at x = 1: -log(1 - s)", .crossEntropy, 0...0.95),
      ("EXP (τ = 1): τ e^{s^2/τ}", .exponential(tau: 1), -1...1),
      (
        "MCC (σ = \(sigma)): -H_σ(s), scaled by \(Int((2 * Double.pi).squareRoot() * Double(sigma) * 100))%",
        .correntropy(sigma: sigma), -1...1
      ),
    ]
    var series: [(title: String, x: [Double], y: [Double])] = []
    for (title, loss, range) in shapes {
      let xs = s.filter { range.contains($0) }
      let zero = loss.ofResidual(0)
      var scale = 1.0
      // MCC's peak 1/(sqrt(2 pi) sigma) is about 2; scale it to height 1 to share the axes.
      if case .correntropy(let sg) = loss { scale = (2 * Double.pi).squareRoot() * Double(sg) }
      series.append((title, xs, xs.map { (loss.ofResidual($0) - zero) * scale }))
    }
    var figure = Figure.lines(
      name: "ae-loss-functions", title: "Reconstruction losses of one pixel, L(s) - L(0), residual s = x - x'",
      series: series, xLabel: "residual s = x - x'", yLabel: "L(s) - L(0)")
    figure.commands += [KeyPlacement.inside(.topCenter).command, "set grid", "set yrange [0:1.6]"]
    try run.figure(figure)
  }
}
