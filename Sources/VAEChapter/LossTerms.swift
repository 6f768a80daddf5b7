// The two terms of the loss the VAE trains with (slides "VAE Mathematics", "Practical Loss"),
// each as a value per image next to its second route, and the loss's gradient:
//
//   -E_q log P(X|z) = sum_i [max(l_i, 0) - l_i x_i + log(1 + e^-|l_i|)]   (Bernoulli, in nats)
//   KL(q || p(z))   = 1/2 sum_k (e^v_k + mu_k^2 - 1 - v_k)
//
// The Float32 training ops (NeuralNet's binary cross-entropy kernel, the fused KL op) against
// the Double formulas the chapter evaluates with; the backward pass of -ELBO (through the
// decoder, the sampler and the KL op) against finite differences.

import Autodiff
import AutoencoderKit
import Datasets
import Foundation
import LatentModels
import Lecture
import LectureChecks
import NeuralNet
import Stochastic
import TensorCore

extension VAEChapter {
  package static func lossTermChecks(_ run: ChapterRun, vae: GaussianVAE, images: Tensor) throws {
    try lossTermChecks(run, vae: vae, images: images, formulas: .planted(run.mistake))
  }

  static func lossTermChecks(_ run: ChapterRun, vae: GaussianVAE, images: Tensor, formulas f: Formulas) throws {
    let batch = images.rows(0..<min(256, images.rows))  // [B, D]
    let q = vae.encode(Variable(batch))
    let opKL = Double(f.klTerm(q).value.scalar)
    var closedKL = 0.0
    for i in 0..<batch.rows {
      closedKL += f.kl.logVarianceToStandard(
        q.mean.value.row(i).map(Double.init), q.logVariance.value.row(i).map(Double.init))
    }
    let b = Double(batch.rows)
    run.check(
      "KL term of the loss (Float op) = closed form (Double), per image", slide: klSlide,
      expected: closedKL / b, observed: opKL / b, tolerance: .relative(1e-5))

    // One z per image; the training loss's reconstruction term against the Double per-image sum.
    var rng = run.random("loss-terms")
    let eps = Tensor.normal(like: q.mean.value, using: &rng)
    let terms = vae.negativeELBO(batch, noise: eps, sampler: f.sampler)
    let logits = vae.decodeLogits(f.sampler(q, eps)).value
    let perImage = f.bernoulliLogLikelihood(logits, batch).map { -$0 }
    let reconstruction = perImage.reduce(0, +) / b
    run.say(
      String(
        format: "per image, one z each: -log P(X|z) = %.2f nats (Double, summed over %d pixels), KL = %.2f nats",
        reconstruction, batch.columns, closedKL / b))
    run.check(
      "-log P(X|z) per image: loss's Float BCE term = Double sum over pixels",
      slide: "VAE Mathematics (Practical Loss)",
      expected: reconstruction, observed: Double(terms.reconstruction.value.scalar), tolerance: .relative(1e-5))

    // d(-ELBO)/d(mu, v): decoder, sampler and KL op against finite differences, on a small VAE
    // of the same code with a linear decoder (16 pixels, no hidden layer) and two images. A
    // ReLU decoder is not differentiable at its kinks, and a finite step crosses some: on the
    // trained 784-500-500 decoder a step of 1e-2 gave a 2 % error, a step of 1e-3 drowns in
    // the Float32 rounding of a -ELBO near 300 nats (3e-5 / 2e-3 = 0.015). Here the loss is
    // smooth and near 10 nats: the checker's step 1e-2 leaves about 1e-4.
    var smallInit = run.random("gradient-check-init")
    let small = GaussianVAE(inputSize: 16, hidden: [], latentSize: 2, using: &smallInit)
    let pair = Tensor.uniform([2, 16], using: &smallInit)
    let encoded = small.encode(Variable(pair))
    let pairEps = Tensor.normal(like: encoded.mean.value, using: &smallInit)
    let result = checkGradients(at: [encoded.mean.value, encoded.logVariance.value]) { leaves in
      let qLeaves = Encoded(mean: leaves[0], logVariance: leaves[1])
      return bernoulliNegativeLogLikelihood(
        logits: small.decodeLogits(f.sampler(qLeaves, pairEps)), targets: pair, reduction: .perImageSum)
        + f.klTerm(qLeaves) * 0.5
    }
    run.gradientRow(
      "-ELBO of 2 images (16-2 VAE, linear decoder) w.r.t. the encoder outputs (mu, v)", slide: reparameterizationSlide,
      result)
  }
}
