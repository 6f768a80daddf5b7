// The VAE loss written as the slides write it (composed from elementary ops) against the
// fused fast path of GaussianVAE.terms: same value, same gradient for every parameter.

import Autodiff
import Foundation
import LatentModels
import Stochastic
import TensorCore
import Testing

/// max |a - b| / max |b|.
func relativeToScale(_ a: [Float], _ b: [Float]) -> Double {
  let scale = b.reduce(0.0) { Swift.max($0, Double(Swift.abs($1))) }
  return zip(a, b).reduce(0.0) { Swift.max($0, Double(Swift.abs($1.0 - $1.1))) } / Swift.max(scale, 1e-30)
}

@Suite("VAE loss: reference and fast path")
struct ReferenceVAELossTests {
  @Test func klAndReparameterizationMatchTheirReferences() {
    var rng = SeededRandom(seed: 11)
    let mean = Tensor.normal([4, 3], using: &rng)
    let logVariance = Tensor.normal([4, 3], standardDeviation: 0.5, using: &rng)
    let eps = Tensor.normal([4, 3], using: &rng)
    let r = Tensor.normal([4, 3], using: &rng)
    func grads(_ f: (Encoded) -> Variable, weight: Tensor?) -> [[Float]] {
      let q = Encoded(
        mean: Variable(mean, requiresGradient: true), logVariance: Variable(logVariance, requiresGradient: true))
      let y = f(q)
      (weight.map { (y * Variable($0)).sum() } ?? y).backward()
      return [y.value.storage, q.mean.grad!.storage, q.logVariance.grad!.storage]
    }
    let kl = zip(grads(klToStandardNormal, weight: nil), grads(referenceKLToStandardNormal, weight: nil)).map(
      relativeToScale)
    #expect(kl.allSatisfy { $0 < 1e-5 }, "\(kl)")
    let z = zip(
      grads({ reparameterize($0, noise: eps) }, weight: r),
      grads({ referenceReparameterize($0, noise: eps) }, weight: r)
    )
    .map(relativeToScale)
    #expect(z.allSatisfy { $0 < 1e-5 }, "\(z)")
  }

  @Test(arguments: [Float(1), 4])
  func negativeELBOMatchesTheFastLoss(beta: Float) {
    var rng = SeededRandom(seed: 12)
    let vae = GaussianVAE(inputSize: 20, hidden: [16], latentSize: 3, using: &rng)
    let x = Tensor.uniform([5, 20], using: &rng)
    let eps = Tensor.normal([5, 3], using: &rng)
    let fast = vae.negativeELBO(x, noise: eps, beta: beta).loss
    fast.backward()
    let fastGradients = vae.parameters.map { $0.grad!.storage }
    for p in vae.parameters { p.grad = nil }
    let slow = referenceNegativeELBO(vae, x, noise: eps, beta: beta)
    slow.backward()
    #expect(Swift.abs(Double(fast.value.scalar - slow.value.scalar)) <= 1e-5 * Double(Swift.abs(slow.value.scalar)))
    for (p, g) in zip(vae.parameters, fastGradients) {
      #expect(relativeToScale(g, p.grad!.storage) < 1e-4)
    }
  }
}
