// Slides "VQ-VAE Steps", "Details", "Variational Interpretation", "Capacity" and "Loss
// Function", on small random tensors where every claim is a number: the assignment, the
// one-hot posterior and its KL, the straight-through gradient, the stop-gradients, capacity.

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
      let distances = (0..<codebook.shape[0]).map { k in (0..<z.shape[1]).reduce(0.0) { $0 + pow(Double(z[i, $1]) - Double(codebook[k, $1]), 2) } }
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

  static func bottleneckChecks(_ run: ChapterRun) {
    run.section("VQ-VAE steps and details: nearest codebook vector, one-hot posterior, straight-through gradient")
    var rng = run.random("bottleneck")
    let (n, k, d) = (200, 16, 6)
    let ze = Tensor.normal([n, d], using: &rng), codebook = Tensor.normal([k, d], using: &rng)

    let indices = nearestCodes(ze, codebook: codebook)
    run.check("argmin_j ||z_e - e_j|| by one matrix product: vectors not given their nearest code (brute force in Double), of \(n)",
              slide: "VQ-VAE Details", expected: 0, observed: Double(notNearest(indices, ze, codebook: codebook)), tolerance: .absolute(0))

    // q(z = k | x) is one-hot: its KL to the uniform prior is log K for every vector.
    let uniform = [Double](repeating: 1 / Double(k), count: k)
    let worstKL = indices.map { i in abs(klDivergence((0..<k).map { $0 == i ? 1 : 0 }, uniform) - log(Double(k))) }.max() ?? .nan
    run.check("KL(q(z|x) || uniform) = log K = \(String(format: "%.6f", log(Double(k)))) for every one-hot q, worst |difference|",
              slide: "VQ-VAE Variational Interpretation", expected: 0, observed: worstKL, tolerance: .absolute(1e-12))

    // Straight-through: the gradient at z_e equals the gradient at the decoder input z_q,
    // here through a fixed random "decoder" L = sum(tanh(z_q A) * R).
    let a = Variable(Tensor.normal([d, 5], using: &rng)), r = Variable(Tensor.normal([n, 5], using: &rng))
    func decoderLoss(_ zq: Variable) -> Variable { (Variable.matmul(zq, a).tanh() * r).sum() }
    let encoderOutput = Variable(ze, requiresGradient: true)
    decoderLoss(vectorQuantize(encoderOutput, codebook: Variable(codebook, requiresGradient: true)).quantized).backward()
    let decoderInput = Variable(codebook.rows(indices), requiresGradient: true)
    decoderLoss(decoderInput).backward()
    run.check("straight-through: gradient at z_e = gradient at the decoder input z_q, max |difference|", slide: "VQ-VAE Details",
              expected: 0, observed: largestDifference(encoderOutput.grad, decoderInput.grad), tolerance: .absolute(0))

    // The stop-gradients of the loss.
    let slide = "VQ-VAE Loss Function"
    let (zeA, eA) = (Variable(ze, requiresGradient: true), Variable(codebook, requiresGradient: true))
    vectorQuantize(zeA, codebook: eA).codebookLoss.backward()
    var formula = Tensor.zeros([k, d])  // d/de_k of (1/n) sum ||z_e - e_k||^2 = (2/n) sum (e_k - z_e)
    for (row, code) in indices.enumerated() {
      for j in 0..<d { formula[code, j] += 2 * (codebook[code, j] - ze[row, j]) / Float(n) }
    }
    run.check("codebook term ||sg[z_e] - e||^2: gradient at z_e, max |element|", slide: slide,
              expected: 0, observed: largestMagnitude(zeA.grad), tolerance: .absolute(0))
    run.check("codebook term: gradient at the codebook = (2/n) sum (e_k - z_e), max |difference|", slide: slide,
              expected: 0, observed: largestDifference(eA.grad, formula), tolerance: .absolute(1e-6))
    let (zeB, eB) = (Variable(ze, requiresGradient: true), Variable(codebook, requiresGradient: true))
    vectorQuantize(zeB, codebook: eB).commitmentLoss.backward()
    run.check("commitment term ||sg[e] - z_e||^2: gradient at the codebook, max |element|", slide: slide,
              expected: 0, observed: largestMagnitude(eB.grad), tolerance: .absolute(0))
    run.check("commitment term: gradient at z_e = (2/n) (z_e - e_k), max |difference|", slide: slide,
              expected: 0, observed: largestDifference(zeB.grad, (ze - codebook.rows(indices)) * (2 / Float(n))), tolerance: .absolute(1e-6))

    // Capacity: K^(h w) code maps. Every combination is reachable because each position is
    // quantised on its own: 3 codes at 120 degrees (equally likely for z_e ~ N(0, I)) on a 2 x 2
    // map must produce all 3^4 = 81 code maps in 20,000 draws (each map has probability 1/81;
    // missing one has probability below e^-240). A bottleneck that quantised the map as a
    // whole, one code for all positions, would give 3.
    var corners: [Float] = []
    for i in 0..<3 {
      let angle: Double = 2 * Double.pi * Double(i) / 3
      corners += [Float(cos(angle)), Float(sin(angle))]
    }
    let circle = Tensor(shape: [3, 2], storage: corners)
    let maps = Tensor.normal([20_000 * 4, 2], using: &rng)
    let codes = nearestCodes(maps, codebook: circle)
    var seen = Set<Int>()
    for m in 0..<20_000 {
      var map = 0
      for position in 0..<4 { map = map * 3 + codes[4 * m + position] }
      seen.insert(map)
    }
    let distinct = seen.count
    run.check("capacity K^(h w): distinct code maps of a 2x2 map with K = 3 in 20,000 random maps (3^4 = 81)", slide: "VQ-VAE Details (Capacity)",
              expected: 81, observed: Double(distinct), tolerance: .absolute(0))
    run.say("capacity K^(h w): the slides' 5x5 map with K codes: K^25; Dall-E's 32x32 map with K = 8192: 8192^1024 = 2^13312;"
            + " this chapter's 7x7 map with K = 64: 64^49 = 2^294, against 2^(784 x 8) for the 8-bit images themselves")
  }
}
