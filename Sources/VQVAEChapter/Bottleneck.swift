// Slides "VQ-VAE Steps", "Details", "Variational Interpretation", "Capacity" and "Loss
// Function", on small random tensors where every claim is a number: the assignment, the
// straight-through gradient, the stop-gradients; the one-hot posterior's KL and the capacity
// K^(h w) are arithmetic, stated as facts.

import Autodiff
import Foundation
import LatentModels
import Lecture
import Probability
import Stochastic
import TensorCore

extension VQVAEChapter {
  /// How many rows of z were not given their nearest codebook row, judged by brute force in
  /// Double: the chosen row's distance exceeds the smallest by more than rounding (1e-6
  /// relative), so a near tie that Float arithmetic breaks the other way does not count.
  package static func notNearest(_ indices: [Int], _ z: Tensor, codebook: Tensor) -> Int {
    (0..<z.shape[0]).filter { i in
      let distances = (0..<codebook.shape[0]).map { k in
        (0..<z.shape[1]).reduce(0.0) { $0 + pow(Double(z[i, $1]) - Double(codebook[k, $1]), 2) }
      }
      let best = distances.min() ?? 0
      return distances[indices[i]] > best + 1e-6 * max(best, 1e-6)
    }.count
  }

  /// The largest |a - b| over two tensors' elements (0 if both are empty).
  static func largestDifference(_ a: Tensor?, _ b: Tensor?) -> Double {
    guard let a, let b else { return a == nil && b == nil ? 0 : .infinity }
    return zip(a.storage, b.storage).map { Double(abs($0 - $1)) }.max() ?? 0
  }

  /// The largest |element| of a gradient (0 when none arrived).
  static func largestMagnitude(_ g: Tensor?) -> Double { g?.storage.map { Double(abs($0)) }.max() ?? 0 }

  package static func bottleneckChecks(_ run: ChapterRun, seams: Seams) {
    run.section("VQ-VAE steps and details: nearest codebook vector, one-hot posterior, straight-through gradient")
    var rng = run.random("bottleneck")
    let (n, k, d) = (200, 16, 6)
    let ze = Tensor.normal([n, d], using: &rng)
    let codebook = Tensor.normal([k, d], using: &rng)

    let indices = seams.assign(ze, codebook)
    run.check(
      "argmin_j ||z_e - e_j|| by one matrix product: vectors not given their nearest code (brute force in Double), of "
        + "\(n)",
      slide: "VQ-VAE Details", expected: 0, observed: Double(notNearest(indices, ze, codebook: codebook)),
      tolerance: .absolute(0))

    // q(z = k | x) is one-hot: its KL to the uniform prior is 1 log(1 / (1/K)) = log K whatever
    // x is. Arithmetic, not a measurement: stated as a fact.
    let oneHot = (0..<k).map { $0 == indices[0] ? 1.0 : 0 }
    run.fact(
      "KL(one-hot q(z|x) || uniform over K = \(k)) = log K", slide: "VQ-VAE Variational Interpretation",
      value: klDivergence(oneHot, [Double](repeating: 1 / Double(k), count: k)))

    // Straight-through: the gradient at z_e equals the gradient at the decoder input z_q,
    // here through a fixed random "decoder" L = sum(tanh(z_q A) * R).
    let a = Variable(Tensor.normal([d, 5], using: &rng))
    let r = Variable(Tensor.normal([n, 5], using: &rng))
    func decoderLoss(_ zq: Variable) -> Variable { (Variable.matmul(zq, a).tanh() * r).sum() }
    let encoderOutput = Variable(ze, requiresGradient: true)
    let codes = Variable(codebook, requiresGradient: true)
    decoderLoss(seams(encoderOutput, codebook: codes).quantized).backward()
    let decoderInput = Variable(codebook.rows(indices), requiresGradient: true)
    decoderLoss(decoderInput).backward()
    run.check(
      "straight-through: gradient at z_e = gradient at the decoder input z_q, max |difference|",
      slide: "VQ-VAE Details",
      expected: 0, observed: largestDifference(encoderOutput.grad, decoderInput.grad), tolerance: .absolute(0))
    // The slide: "set its gradient to 1 wrt the encoder and the quantized codebook vector". In the
    // paper (and here) the decoder's gradient goes to z_e only; the codebook learns from the
    // codebook term (or EMA) alone.
    run.check(
      "straight-through: decoder-term gradient at the codebook, max |element|", slide: "VQ-VAE Details",
      expected: 0, observed: largestMagnitude(codes.grad), tolerance: .absolute(0))

    // The stop-gradients of the loss.
    let slide = "VQ-VAE Loss Function"
    let (zeA, eA) = (Variable(ze, requiresGradient: true), Variable(codebook, requiresGradient: true))
    seams(zeA, codebook: eA).codebookLoss.backward()
    var formula = Tensor.zeros([k, d])  // d/de_k of (1/n) sum ||z_e - e_k||^2 = (2/n) sum (e_k - z_e)
    for (row, code) in indices.enumerated() {
      for j in 0..<d { formula[code, j] += 2 * (codebook[code, j] - ze[row, j]) / Float(n) }
    }
    run.check(
      "codebook term ||sg[z_e] - e||^2: gradient at z_e, max |element|", slide: slide,
      expected: 0, observed: largestMagnitude(zeA.grad), tolerance: .absolute(0))
    run.check(
      "codebook term: gradient at the codebook = (2/n) sum (e_k - z_e), max |difference|", slide: slide,
      expected: 0, observed: largestDifference(eA.grad, formula), tolerance: .absolute(1e-6))
    let (zeB, eB) = (Variable(ze, requiresGradient: true), Variable(codebook, requiresGradient: true))
    seams(zeB, codebook: eB).commitmentLoss.backward()
    run.check(
      "commitment term ||sg[e] - z_e||^2: gradient at the codebook, max |element|", slide: slide,
      expected: 0, observed: largestMagnitude(eB.grad), tolerance: .absolute(0))
    run.check(
      "commitment term: gradient at z_e = (2/n) (z_e - e_k), max |difference|", slide: slide,
      expected: 0, observed: largestDifference(zeB.grad, (ze - codebook.rows(indices)) * (2 / Float(n))),
      tolerance: .absolute(1e-6))

    // Capacity: K^(h w) code maps, each position quantised on its own. Arithmetic: stated facts.
    let capacity = "VQ-VAE Details (Capacity)"
    run.fact(
      "log2 of K^25, the slides' 5x5 map, K = 512 (their ImageNet codebook)", slide: capacity, value: 25 * log2(512))
    run.fact(
      "log2 of Dall-E's 32x32 map with K = 8192 codes, 8192^(32 x 32)", slide: capacity, value: 32 * 32 * log2(8192))
    run.fact("log2 of this chapter's 7x7 map with K = 64 codes, 64^49", slide: capacity, value: 49 * log2(64))
    run.say("against 2^(784 x 8) for the 8-bit 28x28 images themselves; a single vector would give only K")
  }
}
