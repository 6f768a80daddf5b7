// Slide "VQ-VAE Dictionary Learning": the EMA codebook against its closed form. With the same
// vectors and assignments at every step (stationary), n_i and the sum s_i are constant and
//
//   N_i^(t) = gamma^t N_i^(0) + (1 - gamma^t) n_i,   m_i^(t) = gamma^t m_i^(0) + (1 - gamma^t) s_i,
//   e_i^(t) - mu_i = gamma^t (m_i^(0) - N_i^(0) mu_i) / N_i^(t),   mu_i = s_i / n_i,
//
// so e_i converges geometrically to mu_i, the k-means mean of its vectors. The simulation
// (LatentModels.EMACodebook, in Double) is compared with this formula after 10, 100 and 1000
// steps; and with minibatches drawn at random from the vectors (assignments still fixed), the
// codebook must end near the k-means means too, only blurred by the minibatches' noise.

import Foundation
import LatentModels
import Lecture
import Stochastic
import TensorCore

extension VQVAEChapter {
  /// The largest |e_i - mu_i| over codes and coordinates.
  static func largestDistance(_ ema: EMACodebook, _ means: [[Double]]) -> Double {
    var worst = 0.0
    for c in means.indices {
      for j in means[c].indices {
        let e: Double = ema.sums[c][j] / ema.counts[c]
        worst = max(worst, abs(e - means[c][j]))
      }
    }
    return worst
  }

  package static func dictionaryLearningChecks(_ run: ChapterRun, seams: Seams) {
    run.section("VQ-VAE dictionary learning: EMA updates against their closed form and the k-means means")
    let slide = "VQ-VAE Dictionary Learning"
    var rng = run.random("ema")
    let (k, d, n, gamma) = (5, 3, 400, 0.99)
    // Vectors around k centres; each assigned (once, for good) to its nearest initial code.
    let centres = Tensor.normal([k, d], standardDeviation: 3, using: &rng)
    let assigned = (0..<n).map { $0 % k }
    let z = Tensor(
      shape: [n, d], storage: (0..<n).flatMap { i in (0..<d).map { centres[assigned[i], $0] + Float(rng.normal()) } })
    let initial = Tensor.normal([k, d], using: &rng)
    var means = [[Double]](repeating: [Double](repeating: 0, count: d), count: k)
    var counts = [Double](repeating: 0, count: k)
    for i in 0..<n {
      counts[assigned[i]] += 1
      for j in 0..<d { means[assigned[i]][j] += Double(z[i, j]) }
    }
    for c in 0..<k { for j in 0..<d { means[c][j] /= counts[c] } }

    var ema = EMACodebook(codebook: initial, decay: seams.emaDecay(gamma))
    var step = 0
    for checkpoint in [10, 100, 1000] {
      while step < checkpoint {
        ema.update(z, indices: assigned)
        step += 1
      }
      let t = Double(step)
      var worst = 0.0
      for c in 0..<k {
        let nT = pow(gamma, t) * 1 + (1 - pow(gamma, t)) * counts[c]
        for j in 0..<d {
          let predicted = means[c][j] + pow(gamma, t) * (Double(initial[c, j]) - 1 * means[c][j]) / nT
          worst = max(worst, abs(ema.sums[c][j] / ema.counts[c] - predicted) / max(abs(predicted), 1))
        }
      }
      run.check(
        "EMA e_i after \(step) steps = mu_i + gamma^t (m_i(0) - N_i(0) mu_i) / N_i(t), worst relative difference",
        slide: slide,
        expected: 0, observed: worst, tolerance: .absolute(1e-9))
    }
    let converged = largestDistance(ema, means)
    run.say(
      String(
        format: "after %d full-batch steps every e_i is within %.2e of the k-means mean of its vectors", step, converged
      ))

    // Minibatches of 40 drawn at random: the codebook ends near the means, within 4 standard
    // deviations of the stationary noise of an EMA of minibatch means, sd sqrt((1 - gamma) / (2 b_i))
    // per coordinate (sd = 1 around each centre here, b_i = 40 / K vectors of code i per minibatch).
    var noisy = EMACodebook(codebook: initial, decay: seams.emaDecay(gamma))
    for _ in 0..<3000 {
      let batch = (0..<40).map { _ in rng.index(below: n) }
      noisy.update(z.rows(batch), indices: batch.map { assigned[$0] })
    }
    let worst = largestDistance(noisy, means)
    let noise = (1 - gamma) / (2 * 40 / Double(k))
    run.check(
      "EMA with random minibatches of 40: worst |e_i - mu_i| after 3000 steps, within 4 noise sd", slide: slide,
      expected: 0, observed: worst, tolerance: .atMost(margin: 4 * noise.squareRoot()))
  }
}
