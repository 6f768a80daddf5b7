// Slides "Example" (MNIST, 500-500-2-500-500) and "VAE Inference": the MLP VAE trained with the
// autodiff core, its held-out ELBO and importance-sampled log-likelihood, and the classic
// figures: the 2-D latent space by class, the decoded manifold over the Gaussian quantiles of
// the unit square, samples from the prior, reconstructions.

import Autodiff
import Datasets
import Foundation
import LatentModels
import Lecture
import Plotting
import Probability
import Stochastic
import TensorCore

extension VAEChapter {
  /// The Keras 3 / JAX reference of the issue: latent 2, batch 128, 10 epochs on the full
  /// Fashion-MNIST training set, on this 2-core machine (scripts/keras-bench measured 260.6).
  static let kerasTestNegativeELBO = 260.0
  /// Keras 3 on JAX's seconds per epoch of this model, measured on the course's 2-core VM with
  /// scripts/keras-bench (median of six rounds; README "Speed"). The issue quoted 1.85 s, which
  /// would need 96 % of this machine's multiply-add peak for the products alone.
  static let kerasSecondsPerEpoch = 3.36

  static func mlpVAE(_ run: ChapterRun, train: LabeledImages, test: LabeledImages, config: Config, kl: GaussianKL) throws {
    let d = train.height * train.width
    run.section("The MLP VAE \(d)-500-500-2-500-500-\(d): Bernoulli decoder, N(0, I) prior")
    let slide = "Example (500-500-2)"
    run.say("\(run.options.dataset.displayName): \(train.count) training images, \(test.count) test images; Adam lr \(config.learningRate), batch \(config.batchSize), \(config.epochs) epochs")
    let trained = try trainVAE(run, train: train, latentSize: 2, beta: 1, epochs: config.epochs, config: config, purpose: "main")
    let vae = trained.model
    run.say("training -ELBO per epoch (nats/image): " + trained.epochs.map { String(format: "%.1f", $0.meanLoss) }.joined(separator: ", "))
    run.timing(String(format: "%.2f s per epoch of %d images (%.0f images/s); Keras 3 on JAX: %.2f s per epoch of 60000", trained.secondsPerEpoch, train.count,
                   Double(train.count) / max(trained.secondsPerEpoch, 1e-9), kerasSecondsPerEpoch))

    // The KL term of the loss (Float autodiff op) against the Double closed form.
    let batch = test.images.rows(0..<min(256, test.count))  // [B, 784]
    let q = vae.encode(Variable(batch))
    let opKL = Double(klToStandardNormal(q).value.scalar)
    var closedKL = 0.0
    for i in 0..<batch.rows {
      closedKL += kl.logVarianceToStandard(q.mean.value.row(i).map(Double.init), q.logVariance.value.row(i).map(Double.init))
    }
    run.check("KL term of the loss (Float op) = closed form (Double)", slide: "VAE Mathematics (KL)",
              expected: closedKL, observed: opKL, tolerance: .relative(1e-5))

    var rng = run.random("importance-sampling")
    let estimates = vae.likelihoodEstimates(test.images, samples: config.importanceSamples, using: &rng)
    let elbo = MeanEstimate(estimates.elbo), isLL = MeanEstimate(estimates.importanceSampled)
    let rec = MeanEstimate(estimates.reconstruction), rate = MeanEstimate(estimates.kl)
    run.say(String(format: "test ELBO %.2f +- %.2f nats = E_q log p(x|z) %.2f - KL %.2f (K = %d samples of z per image)",
                   elbo.mean, elbo.standardError, rec.mean, rate.mean, config.importanceSamples))
    run.say(String(format: "importance-sampled log p(x) (K = %d): %.2f +- %.2f nats; gap to the ELBO %.2f nats (estimates the mean KL(q(z|x) || p(z|x)))",
                   config.importanceSamples, isLL.mean, isLL.standardError, isLL.mean - elbo.mean))
    run.check("importance-sampled log p(x) >= test ELBO (mean per image)", slide: "VAE Mathematics (ELBO)",
              expected: elbo.mean, observed: isLL.mean, tolerance: .atLeast(margin: 0))
    let negativeELBO = -elbo.mean
    if run.options.quick && run.options.dataset == .fashion {
      // A training outcome, not an identity: see `quickReferenceNegativeELBO`.
      run.check("quick run: test -ELBO <= measured quick reference (nats)", slide: slide,
                expected: quickReferenceNegativeELBO, observed: negativeELBO, tolerance: .atMost(margin: 5))
    } else if run.options.dataset == .fashion && config.epochs == 10 && train.count == 60_000 {
      // Our test -ELBO is itself an estimate (10,000 images, sampled z) with the standard error
      // printed above, and the reference is "about 260": the claim checked is "not worse than
      // Keras beyond 4 standard errors of our estimate". Two full runs of numerically equivalent
      // builds gave 258.7 and 260.1 nats, on either side of the reference.
      run.check("test -ELBO after 10 epochs <= Keras 3's 260 (4 SE)", slide: slide,
                expected: kerasTestNegativeELBO, observed: negativeELBO, tolerance: .atMost(margin: 4 * elbo.standardError))
    } else {
      run.say(String(format: "test -ELBO %.2f nats (the references, %.0f nats for Keras and %.0f for --quick, are for Fashion-MNIST)", negativeELBO, kerasTestNegativeELBO, quickReferenceNegativeELBO))
    }

    try latentFigures(run, vae: vae, test: test)
  }

  /// The quick-mode test -ELBO measured on Fashion-MNIST with --quick --seed 1, 2, 3 (6000
  /// training images, 4 epochs, first 1000 test images): 284.0, 286.9, 283.4 nats. The check
  /// allows 5 nats above 285, the seed spread; a broken loss or optimiser lands far above.
  static let quickReferenceNegativeELBO = 285.0

  static func latentFigures(_ run: ChapterRun, vae: GaussianVAE, test: LabeledImages) throws {
    let (h, w) = (test.height, test.width)
    let shown = min(test.count, 5_000)
    let means = vae.encode(Variable(test.images.rows(0..<shown))).mean.value  // [N, 2]
    try run.figure(.scatterByClass(
      name: "vae-latent-scatter", title: "Means of q(z|x) of \(shown) test images (2-D latent space)",
      x: (0..<shown).map { Double(means[$0, 0]) }, y: (0..<shown).map { Double(means[$0, 1]) },
      labels: Array(test.labels.prefix(shown)), classNames: test.classNames, xLabel: "z_1", yLabel: "z_2"))

    // The classic manifold: z = Phi^-1(u) over a grid of the unit square, decoded.
    let n = 15
    let u = (0..<n).map { 0.05 + 0.9 * Double($0) / Double(n - 1) }
    var grid: [Float] = []
    for i in 0..<n {
      for j in 0..<n {
        grid.append(Float(normalQuantile(u[j])))
        grid.append(Float(normalQuantile(u[n - 1 - i])))  // z_2 grows upwards
      }
    }
    let manifold = vae.decode(Tensor(shape: [n * n, 2], storage: grid))  // [n*n, 784]
    try run.figure(.imageGrid(
      name: "vae-manifold", title: "Decoded z = Phi^{-1}(u), u on a \(n)x\(n) grid of [0.05, 0.95]^2",
      rows: (0..<n).map { i in (0..<n).map { j in manifold.row(i * n + j) } }, imageWidth: w, imageHeight: h))

    var rng = run.random("prior-samples")
    let prior = vae.decode(Tensor.normal([80, 2], using: &rng))  // [80, 784]
    try run.figure(.imageGrid(
      name: "vae-prior-samples", title: "Decoder means for z ∼ N(0, I)",
      rows: (0..<5).map { r in (0..<16).map { prior.row(r * 16 + $0) } }, imageWidth: w, imageHeight: h))

    let count = 16
    let originals = test.images.rows(0..<count)
    let reconstructions = vae.decode(vae.encode(Variable(originals)).mean.value)
    try run.figure(.imageGrid(
      name: "vae-reconstructions", title: "Test images (top) and decoder means at z = mu(x) (bottom)",
      rows: [(0..<count).map { originals.row($0) }, (0..<count).map { reconstructions.row($0) }],
      imageWidth: w, imageHeight: h, rowLabels: ["input", "VAE"]))
  }
}
