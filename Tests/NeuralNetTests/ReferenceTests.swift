// The teaching path against the fast path: Adam, the dense layer and the binary cross-entropy
// written as the slides write them must agree with the fused, vectorised versions to rounding,
// in value and in every gradient.

import Autodiff
import Foundation
import NeuralNet
import Stochastic
import TensorCore
import Testing

/// max |a - b| / max |b|: the disagreement relative to the reference's own scale.
func scaledDifference(_ a: [Float], _ b: [Float]) -> Double {
  precondition(a.count == b.count)
  let scale = b.reduce(0.0) { Swift.max($0, Double(Swift.abs($1))) }
  let worst = zip(a, b).reduce(0.0) { Swift.max($0, Double(Swift.abs($1.0 - $1.1))) }
  return worst / Swift.max(scale, 1e-30)
}

@Suite("Reference implementations")
struct ReferenceTests {
  /// How far `steps` steps of the fast Adam (learning rate `fastRate`) and of the reference
  /// (1e-2) move `count` parameters from the same start on the same gradients, relative.
  func adamDisagreement(count: Int, steps: Int, fastRate: Float, seed: UInt64) -> Double {
    var rng = SeededRandom(seed: seed)
    let start = Tensor.normal([count], using: &rng)
    let fast = Variable(start, requiresGradient: true)
    let slow = Variable(start, requiresGradient: true)
    var adam = Adam(learningRate: fastRate)
    var reference = ReferenceAdam(learningRate: 1e-2)
    for _ in 0..<steps {
      let g = Tensor.normal([count], using: &rng)
      fast.grad = g
      slow.grad = g
      adam.step([fast])
      reference.step([slow])
    }
    let moved = zip(slow.value.storage, start.storage).map { $0 - $1 }
    let movedFast = zip(fast.value.storage, start.storage).map { $0 - $1 }
    return scaledDifference(movedFast, moved)
  }

  @Test(arguments: [12, 300_000])
  func adamMatchesItsReference(count: Int) {
    let difference = adamDisagreement(count: count, steps: 5, fastRate: 1e-2, seed: 5)
    #expect(difference < 1e-4, "\(difference)")
  }

  @Test func aStepOnePercentTooLongFailsTheComparison() {
    // The tolerance above must be able to fail: a learning rate 1 % off is 100 times over it.
    #expect(adamDisagreement(count: 64, steps: 3, fastRate: 1.01e-2, seed: 6) > 1e-3)
  }

  /// Value and gradients of sum(f(x) * r) for a random r, through both routes.
  func compare(
    _ fast: (Variable, Variable, Variable) -> Variable, _ slow: (Variable, Variable, Variable) -> Variable,
    x: Tensor, w: Tensor, b: Tensor, r: Tensor
  ) -> [Double] {
    func run(_ f: (Variable, Variable, Variable) -> Variable) -> [[Float]] {
      let (xv, wv, bv) = (
        Variable(x, requiresGradient: true), Variable(w, requiresGradient: true), Variable(b, requiresGradient: true)
      )
      let y = f(xv, wv, bv)
      (y * Variable(r)).sum().backward()
      return [y.value.storage, xv.grad!.storage, wv.grad!.storage, bv.grad!.storage]
    }
    return zip(run(fast), run(slow)).map { scaledDifference($0, $1) }
  }

  @Test(arguments: Activation.allCases)
  func denseMatchesItsReference(activation: Activation) {
    var rng = SeededRandom(seed: 7)
    let x = Tensor.normal([9, 13], using: &rng)
    let w = Tensor.normal([13, 7], using: &rng)
    let b = Tensor.normal([7], using: &rng)
    let r = Tensor.normal([9, 7], using: &rng)
    let differences = compare(
      { Variable.dense($0, weight: $1, bias: $2, activation: activation) },
      { referenceDense($0, weight: $1, bias: $2, activation: activation) }, x: x, w: w, b: b, r: r)
    #expect(differences.allSatisfy { $0 < 1e-5 }, "\(differences)")
  }

  @Test func binaryCrossEntropyMatchesItsReference() {
    var rng = SeededRandom(seed: 8)
    let logits = Tensor.normal([6, 50], standardDeviation: 3, using: &rng)
    let targets = Tensor.uniform([6, 50], using: &rng)
    let fast = Variable(logits, requiresGradient: true)
    let slow = Variable(logits, requiresGradient: true)
    let a = binaryCrossEntropy(logits: fast, targets: targets)
    let b = referenceBinaryCrossEntropy(logits: slow, targets: targets)
    a.backward()
    b.backward()
    #expect(Swift.abs(Double(a.value.scalar - b.value.scalar)) <= 1e-5 * Double(Swift.abs(b.value.scalar)))
    #expect(scaledDifference(fast.grad!.storage, slow.grad!.storage) < 1e-4)
  }
}
