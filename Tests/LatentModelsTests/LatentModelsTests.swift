// Gradient checks of the VAE ops, and the numerics of the likelihood helpers.

import Autodiff
import Foundation
import LatentModels
import NeuralNet
import Stochastic
import TensorCore
import Testing

@Suite("VAE building blocks")
struct LatentModelsTests {
  @Test func reparameterizeGradient() {
    var rng = SeededRandom(seed: 1)
    let mu = Tensor.normal([3, 2], using: &rng)
    let v = Tensor.normal([3, 2], standardDeviation: 0.5, using: &rng)
    let eps = Tensor.normal([3, 2], using: &rng)
    let w = Tensor.normal([3, 2], using: &rng)
    let result = checkGradients(at: [mu, v]) { p in
      (reparameterize(Encoded(mean: p[0], logVariance: p[1]), noise: eps) * Variable(w)).sum()
    }
    #expect(result.passed, "\(result)")
  }

  @Test func klToStandardNormalGradientAndValue() {
    var rng = SeededRandom(seed: 2)
    let mu = Tensor.normal([4, 3], using: &rng)
    let v = Tensor.normal([4, 3], standardDeviation: 0.5, using: &rng)
    let result = checkGradients(at: [mu, v]) { p in
      klToStandardNormal(Encoded(mean: p[0], logVariance: p[1]))
    }
    #expect(result.passed, "\(result)")
    // The fused op equals the same formula composed from elementary ops.
    let composed = ((Variable(v).exp() + Variable(mu).squared() - Variable(v)) - 1).sum() * 0.5
    let fused = klToStandardNormal(Encoded(mean: Variable(mu), logVariance: Variable(v)))
    #expect(abs(fused.value.scalar - composed.value.scalar) < 1e-4)
    #expect(abs(Double(fused.value.scalar) - klToStandardNormalPerRow(mean: mu, logVariance: v).reduce(0, +)) < 1e-4)
  }

  @Test func klIsZeroAtTheStandardNormal() {
    let q = Encoded(mean: Variable(Tensor.zeros([2, 5])), logVariance: Variable(Tensor.zeros([2, 5])))
    #expect(klToStandardNormal(q).value.scalar == 0)
  }

  @Test func vaeLossGradientOnATinyModel() {
    // Backprop through decoder, reparameterisation, KL and encoder vs central differences on
    // every weight of the log-variance head (the path that goes through exp(v / 2)).
    var rng = SeededRandom(seed: 3)
    let vae = GaussianVAE(inputSize: 6, hidden: [5], latentSize: 2, using: &rng)
    let x = Tensor.uniform([3, 6], using: &rng)
    let eps = Tensor.normal([3, 2], using: &rng)
    let loss = vae.negativeELBO(x, noise: eps, beta: 2).loss
    loss.backward()
    for p in vae.parameters { #expect(p.grad != nil && p.grad!.isFinite) }
    let w = vae.logVarianceHead.weight
    guard let analytic = w.grad else { return }
    let h: Float = 1e-2
    var numeric: [Double] = []
    for i in 0..<w.value.count {
      let saved = w.value.storage[i]
      w.value.storage[i] = saved + h
      let plus = Double(vae.negativeELBO(x, noise: eps, beta: 2).loss.value.scalar)
      w.value.storage[i] = saved - h
      let minus = Double(vae.negativeELBO(x, noise: eps, beta: 2).loss.value.scalar)
      w.value.storage[i] = saved
      numeric.append((plus - minus) / Double(2 * h))
    }
    // Relative to the scale of this gradient, as checkGradients measures: a 1 % slip fails.
    let a = analytic.storage.map(Double.init)
    let scale = zip(a, numeric).map { max(abs($0), abs($1)) }.max() ?? 0
    let worst = zip(a, numeric).map { abs($0 - $1) }.max() ?? .infinity
    #expect(scale > 0 && worst <= GradientCheckResult.defaultTolerance * scale, "worst \(worst), scale \(scale)")
  }

  @Test func twoLevelTermsAreFiniteAndDifferentiable() {
    var rng = SeededRandom(seed: 4)
    let model = TwoLevelVAE(inputSize: 6, hidden: 5, latent1: 3, hidden2: 4, latent2: 2, using: &rng)
    let x = Tensor.uniform([3, 6], using: &rng)
    let t = model.negativeELBO(
      x, noise1: Tensor.normal([3, 3], using: &rng), noise2: Tensor.normal([3, 2], using: &rng))
    t.loss.backward()
    #expect(t.loss.value.scalar.isFinite)
    for p in model.parameters { #expect(p.grad != nil && p.grad!.isFinite) }
  }

  @Test func logMeanExpIsStable() {
    #expect(abs(logMeanExp([-1000, -1000]) + 1000) < 1e-12)
    #expect(abs(logMeanExp([0, log(3.0)]) - log(2.0)) < 1e-12)
    #expect(logMeanExp([-.infinity, -.infinity]) == -.infinity)
  }

  @Test func bernoulliLogLikelihoodMatchesTheLoss() {
    var rng = SeededRandom(seed: 5)
    let logits = Tensor.normal([2, 4], using: &rng)
    let x = Tensor.uniform([2, 4], using: &rng)
    let perRow = bernoulliLogLikelihoodPerRow(logits: logits, targets: x)
    let loss = bernoulliNegativeLogLikelihood(logits: Variable(logits), targets: x, reduction: .perImageSum)
    #expect(abs(Double(loss.value.scalar) + perRow.reduce(0, +) / 2) < 1e-4)
  }
}
