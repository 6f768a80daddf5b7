// The losses of "Autoencoder - Loss", the weight-decay regulariser, the bag-of-words softmax
// cross-entropy and the tied autoencoder: values against the formulas, backward against finite
// differences, and the gradient checker failing on a planted wrong derivative.

import Autodiff
import Foundation
import NeuralNet
import Stochastic
import TensorCore
import Testing

@Suite("Reconstruction losses, weight decay, tied weights")
struct ReconstructionLossTests {
  /// A (prediction, target) pair with residuals of magnitude >= 0.05 (away from L1's kink).
  static func point(seed: UInt64) -> (Tensor, Tensor) {
    var rng = SeededRandom(seed: seed)
    let target = Tensor.uniform([3, 6], using: &rng)
    var prediction = target
    for i in 0..<prediction.count {
      let m = Float(rng.uniform(0.05, 0.5))
      prediction.storage[i] += rng.uniform() < 0.5 ? -m : m
    }
    return (prediction, target)
  }

  @Test(arguments: [
    ReconstructionLoss.l2, .l1, .exponential(tau: 2), .exponential(tau: 100), .correntropy(sigma: 0.3),
    .correntropy(sigma: 1),
  ])
  func gradientMatchesFiniteDifferences(loss: ReconstructionLoss) {
    let (p, t) = Self.point(seed: 3)
    // EXP carries an offset of tau per pixel, so the Float rounding of its value is tau times
    // that of the others: a step of 0.04 (still below the 0.05 residuals; EXP has no kink)
    // keeps the rounding of the quotient below the tolerance.
    var step: Float = 1e-2
    if case .exponential = loss { step = 0.04 }
    let r = checkGradients(at: [p], step: step) { loss($0[0], t) }
    #expect(r.passed, "\(loss): \(r)")
  }

  @Test func crossEntropyGradientInsideTheUnitInterval() {
    var rng = SeededRandom(seed: 4)
    let t = Tensor.uniform([3, 6], using: &rng)
    let p = Tensor.uniform([3, 6], low: 0.15, high: 0.85, using: &rng)
    let r = checkGradients(at: [p]) { crossEntropyLoss($0[0], t) }
    #expect(r.passed, "\(r)")
  }

  @Test func valuesMatchTheSlideFormulas() {
    // One image, two pixels: x = (1, 0), x' = (0.75, 0.5), s = (0.25, -0.5).
    let p = Variable(Tensor([[0.75, 0.5]]))
    let t = Tensor([[1, 0]])
    let close = { (a: Variable, b: Double) in Swift.abs(Double(a.value.scalar) - b) <= 1e-6 * Swift.max(1, Swift.abs(b))
    }
    #expect(close(l2Loss(p, t), 0.0625 + 0.25))
    #expect(close(l1Loss(p, t), 0.75))
    #expect(close(crossEntropyLoss(p, t), -log(0.75) - log(0.5)))
    #expect(close(exponentialLoss(p, t, tau: 2), 2 * exp(0.3125 / 2)))
    let h = { (s: Double) in exp(-s * s / (2 * 0.09)) / (sqrt(2 * Double.pi) * 0.3) }
    #expect(close(correntropyLoss(p, t, sigma: 0.3), -(h(0.25) + h(-0.5))))
    // Two identical images: the batch mean equals one image's loss.
    let two = Variable(Tensor([[0.75, 0.5], [0.75, 0.5]]))
    #expect(close(l2Loss(two, Tensor([[1, 0], [1, 0]])), 0.3125))
  }

  @Test func correntropyIgnoresOutliersL2DoesNot() {
    // The gradient on a residual of 1 relative to one of 0.3: MCC (sigma 0.3) nearly 0, L2 > 1.
    let p = Variable(Tensor([[0, 0]]), requiresGradient: true)
    let t = Tensor([[0.3, 1]])
    correntropyLoss(p, t, sigma: 0.3).backward()
    let g = p.grad!.storage
    #expect(Swift.abs(g[1]) < 0.05 * Swift.abs(g[0]))
    let q = Variable(Tensor([[0, 0]]), requiresGradient: true)
    l2Loss(q, t).backward()
    #expect(Swift.abs(q.grad!.storage[1]) > 3 * Swift.abs(q.grad!.storage[0]))
  }

  @Test func weightDecayValueAndGradient() {
    var rng = SeededRandom(seed: 5)
    let a = Tensor.normal([4, 3], using: &rng)
    let b = Tensor.normal([3, 4], using: &rng)
    let value = weightDecay([Variable(a), Variable(b)], lambda: 0.5).value.scalar
    let expected = 0.25 * (a.storage + b.storage).reduce(0) { $0 + $1 * $1 }
    #expect(Swift.abs(value - expected) <= 1e-5 * expected)
    #expect(checkGradients(at: [a, b]) { weightDecay($0, lambda: 0.5) }.passed)
  }

  @Test func softmaxCrossEntropyGradientAndValue() {
    var rng = SeededRandom(seed: 6)
    let targets = Tensor.uniform([3, 5], using: &rng)
    #expect(
      checkGradients(at: [Tensor.normal([3, 5], using: &rng)]) { softmaxCrossEntropy(logits: $0[0], targets: targets) }
        .passed)
    // Uniform logits: -sum p log(1/V) = log V for proportions p.
    let value = softmaxCrossEntropy(logits: Variable(Tensor.zeros([1, 4])), targets: Tensor([[0.25, 0.25, 0.5, 0]]))
      .value.scalar
    #expect(Swift.abs(Double(value) - log(4.0)) < 1e-6)
    // Huge logits stay finite.
    #expect(
      softmaxCrossEntropy(logits: Variable(Tensor([[1000, -1000]])), targets: Tensor([[0, 1]])).value.scalar.isFinite)
  }

  @Test func tiedAutoencoderGradient() {
    var rng = SeededRandom(seed: 7)
    let x = Tensor.uniform([4, 6], using: &rng)
    let w = Tensor.normal([6, 3], standardDeviation: 0.5, using: &rng)
    let r = checkGradients(at: [w, Tensor.zeros([3]) + 0.1, Tensor.zeros([6]) - 0.1]) { p in
      let model = TiedAutoencoder(
        weight: p[0], encoderBias: p[1], decoderBias: p[2], encoderActivation: .tanh, decoderActivation: .sigmoid)
      return l2Loss(model(Variable(x)), x)
    }
    #expect(r.passed, "\(r)")
    var seeded = SeededRandom(seed: 1)
    let model = TiedAutoencoder(6, 3, using: &seeded)
    #expect(model(Variable(x)).shape == [4, 6])
    #expect(model.parameters.count == 3)
  }

  @Test func checkerCatchesAWrongLossDerivative() {
    // MCC with the 1/sigma^2 factor of its derivative left out: the gradient check must fail.
    let (p, t) = Self.point(seed: 8)
    let sigma: Float = 0.3
    let wrong = checkGradients(at: [p]) { v in
      let value = correntropyLoss(v[0], t, sigma: sigma).value
      let pv = v[0].value
      return Variable(op: "wrongMCC", value: value, inputs: [v[0]]) { g in
        [
          pv.zip(t) { pi, ti in
            let s = ti - pi
            return -s * Float(gaussianKernel(Double(s), sigma: Double(sigma))) * g.scalar / 3
          }
        ]
      }
    }
    #expect(!wrong.passed, "\(wrong)")
  }
}
