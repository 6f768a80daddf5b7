// Slides "Example" (MNIST, 500-500-2-500-500) and "VAE Inference": the MLP VAE trained with the
// autodiff core, its held-out ELBO and importance-sampled log-likelihood (on independent draws),
// against the pixel-mean model of the same data as a baseline, and the classic figures: the 2-D
// latent space by class, the decoded manifold over the Gaussian quantiles of the unit square,
// samples from the prior, reconstructions.

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
  /// The Keras 3 / JAX reference: latent 2, batch 128, 10 epochs on the full Fashion-MNIST
  /// training set, test -ELBO about 260 nats (scripts/keras-bench --epochs 10 reproduces it).
  static let kerasTestNegativeELBO = 260.0

  /// Trains and judges the main VAE; returns it with its per-image test ELBOs (for the conv
  /// VAE's comparison on the same images).
  @discardableResult
  static func mlpVAE(_ run: ChapterRun, train: LabeledImages, test: LabeledImages, config: Config, formulas f: Formulas)
    throws -> (model: GaussianVAE, elbos: [Double])
  {
    let d = train.height * train.width
    let widths = ([d] + config.hidden + [config.latentSize] + config.hidden.reversed() + [d]).map(String.init)
    run.section("The MLP VAE \(widths.joined(separator: "-")): Bernoulli decoder, N(0, I) prior")
    let slide = "Example (500-500-2)"
    run.say(
      "\(run.options.dataset.displayName): \(train.count) training images, \(test.count) test images; Adam lr "
        + "\(config.learningRate), batch \(config.batchSize), \(config.epochs) epochs"
        + (config.beta == 1
          ? ""
          : "; loss -log p(x|z) + beta KL with beta = \(formatNumber(config.beta)) (the ELBO below is at beta = 1)")
    )
    let trained = try trainVAE(
      run, train: train, latentSize: config.latentSize, beta: config.beta, epochs: config.epochs, config: config,
      purpose: "main", hidden: config.hidden, formulas: f)
    let vae = trained.model
    run.say(
      "training -ELBO per epoch (nats/image): "
        + trained.epochs.map { String(format: "%.1f", $0.meanLoss) }.joined(separator: ", "))
    run.timing(
      String(
        format: "%.2f s per epoch of %d images (%.0f images/s)", trained.secondsPerEpoch, train.count,
        Double(train.count) / max(trained.secondsPerEpoch, 1e-9)))

    try lossTermChecks(run, vae: vae, images: test.images, formulas: f)

    // Held-out ELBO and importance-sampled bound on independent draws: the ELBO's K draws and
    // the bound's K draws never meet, so "bound >= ELBO" is a comparison of two estimates with
    // the standard error of their paired difference, not Jensen's inequality on shared draws.
    let k = config.importanceSamples
    var elboRandom = run.random("elbo-draws")
    var boundRandom = run.random("importance-sampling")
    var singleRandom = run.random("single-weight")
    let (forELBO, kls, elbos) = heldOutELBOs(vae, test.images, samples: k, using: &elboRandom, formulas: f)
    let forBound = vae.likelihoodEstimates(
      test.images, samples: k, using: &boundRandom, sampler: f.sampler,
      logLikelihood: f.bernoulliLogLikelihood, combine: f.logMeanExp)
    let oneWeight = vae.likelihoodEstimates(
      test.images, samples: 1, using: &singleRandom, sampler: f.sampler,
      logLikelihood: f.bernoulliLogLikelihood, combine: f.logMeanExp)
    let elbo = MeanEstimate(elbos)
    let isLL = MeanEstimate(forBound.importanceSampled)
    let rec = MeanEstimate(forELBO.reconstruction)
    let rate = MeanEstimate(kls)
    run.say(
      String(
        format: "test ELBO %.2f +- %.2f nats = E_q log p(x|z) %.2f - KL %.2f (K = %d samples of z per image)",
        elbo.mean, elbo.standardError, rec.mean, rate.mean, k))
    run.say(
      String(
        format:
          "importance-sampled log p(x) (K = %d, other draws): %.2f +- %.2f nats; gap to the ELBO %.2f nats (estimates "
          + "the mean KL(q(z|x) || p(z|x)))",
        k, isLL.mean, isLL.standardError, isLL.mean - elbo.mean))
    // K = 1: log p(x|z) + log p(z) - log q(z|x) from densities has the ELBO as its mean.
    let single = MeanEstimate(oneWeight.importanceSampled)
    let singleGap = MeanEstimate(zip(oneWeight.importanceSampled, elbos).map { $0 - $1 })
    run.check(
      "importance weight at K = 1 (densities) = ELBO (closed-form KL), other draws", slide: elboSlide,
      expected: elbo.mean, observed: single.mean, tolerance: .standardErrors(4, standardError: singleGap.standardError))
    let boundGap = MeanEstimate(zip(forBound.importanceSampled, elbos).map { $0 - $1 })
    run.check(
      "importance-sampled log p(x) (K = \(k)) >= test ELBO, other draws (4 paired SE)", slide: elboSlide,
      expected: elbo.mean, observed: isLL.mean, tolerance: .atLeast(margin: 4 * boundGap.standardError))

    // The baseline of the same run: the best model without a latent code, independent pixels
    // with the training set's mean intensities; its log-likelihood is exact.
    let (baseline, gain) = gainOverPixelMean(elbos, train: train.images, test: test.images, formulas: f)
    run.say(
      String(
        format:
          "baseline: independent pixels with the training means, log p(x) = %.2f nats; the VAE's ELBO is %.2f +- %.2f "
          + "above it",
        baseline.mean, gain.mean, gain.standardError))
    run.check(
      "test ELBO above the pixel-mean model's log p(x) by >= 4 paired SE", slide: slide,
      expected: 4 * gain.standardError, observed: gain.mean, tolerance: .atLeast(margin: 0))
    let negativeELBO = -elbo.mean
    if run.options.dataset == .fashion && config.epochs == 10 && train.count == 60_000 && config.isSlideModel {
      // Our test -ELBO is itself an estimate (10,000 images, sampled z) with the standard error
      // printed above, and the reference is "about 260": the claim checked is "not worse than
      // Keras beyond 4 standard errors of our estimate".
      run.check(
        "test -ELBO after 10 epochs <= Keras 3's 260 (4 SE)", slide: slide,
        expected: kerasTestNegativeELBO, observed: negativeELBO, tolerance: .atMost(margin: 4 * elbo.standardError))
    }

    try latentFigures(run, vae: vae, test: test)
    return (vae, elbos)
  }

  /// Per-image test ELBOs with K draws of z per image: E_q log p(x|z) from the model's
  /// likelihood estimates, KL(q || p(z)) from the formulas' closed form, combined by their ELBO.
  static func heldOutELBOs(
    _ vae: some VariationalAutoencoder, _ images: Tensor, samples k: Int, batchSize: Int = 500,
    using rng: inout SeededRandom, formulas f: Formulas
  ) -> (estimates: LikelihoodEstimates, kls: [Double], elbos: [Double]) {
    let estimates = vae.likelihoodEstimates(
      images, samples: k, batchSize: batchSize, using: &rng, sampler: f.sampler,
      logLikelihood: f.bernoulliLogLikelihood, combine: f.logMeanExp)
    var kls: [Double] = []
    for start in stride(from: 0, to: images.rows, by: batchSize) {
      let q = vae.encode(Variable(images.rows(start..<min(start + batchSize, images.rows))), condition: nil)
      for i in 0..<q.batchSize {
        kls.append(
          f.kl.logVarianceToStandard(q.mean.value.row(i).map(Double.init), q.logVariance.value.row(i).map(Double.init)))
      }
    }
    return (estimates, kls, zip(estimates.reconstruction, kls).map { f.elbo($0, $1) })
  }

  /// The pixel-mean model's log p(x) over the test images, and a model's test ELBOs minus it,
  /// image by image (so the standard error is the paired one).
  static func gainOverPixelMean(
    _ elbos: [Double], train: Tensor, test: Tensor, formulas f: Formulas
  ) -> (baseline: MeanEstimate, gain: MeanEstimate) {
    let baseline = pixelMeanLogLikelihood(train: train, test: test, logLikelihood: f.bernoulliLogLikelihood)
    return (MeanEstimate(baseline), MeanEstimate(zip(elbos, baseline).map { $0 - $1 }))
  }

  /// log p(x) per test image under independent Bernoulli pixels with the training means
  /// (clipped to [1/N, 1 - 1/N] so that a pixel never inked in training keeps a finite cost).
  static func pixelMeanLogLikelihood(
    train: Tensor, test: Tensor, logLikelihood: (_ logits: Tensor, _ targets: Tensor) -> [Double]
  ) -> [Double] {
    let (n, d) = (Double(train.rows), train.columns)
    var sums = [Double](repeating: 0, count: d)
    for i in 0..<train.rows { for j in 0..<d { sums[j] += Double(train[i, j]) } }
    let logits = sums.map { s -> Float in
      let p = Swift.min(Swift.max(s / n, 1 / n), 1 - 1 / n)
      return Float(Foundation.log(p / (1 - p)))
    }
    let repeated = Tensor(shape: [test.rows, d], storage: (0..<test.rows).flatMap { _ in logits })
    return logLikelihood(repeated, test)
  }

  static func latentFigures(_ run: ChapterRun, vae: GaussianVAE, test: LabeledImages) throws {
    let (h, w) = (test.height, test.width)
    let shown = min(test.count, 5_000)
    let z = vae.latentSize
    let note = run.settingsNote
    let means = vae.encode(Variable(test.images.rows(0..<shown))).mean.value  // [N, Z]
    let space = z == 2 ? "2-D latent space" : "z_1 and z_2 of the \(z)-D latent space"
    try run.figure(
      .scatterByClass(
        name: "vae-latent-scatter", title: "Means of q(z|x) of \(shown) test images (\(space))\(note)",
        x: (0..<shown).map { Double(means[$0, 0]) }, y: (0..<shown).map { Double(means[$0, 1]) },
        labels: Array(test.labels.prefix(shown)), classNames: test.classNames, xLabel: "z_1", yLabel: "z_2"))

    // The classic manifold: z = Phi^-1(u) over a grid of the unit square, decoded (Z = 2 only).
    if z == 2 {
      try manifoldFigure(run, name: "vae-manifold", vae: vae, imageWidth: w, imageHeight: h)
    } else {
      run.say("the decoded manifold over a grid of z needs a 2-D latent space (Z = \(z) here): not drawn")
    }

    var rng = run.random("prior-samples")
    let prior = vae.decode(Tensor.normal([80, z], using: &rng))  // [80, 784]
    let draws = Figure.drawLabels(rows: 5, perRow: 16)
    try run.figure(
      .imageGrid(
        name: "vae-prior-samples", title: "Decoder means for z ∼ N(0, I)\(note)",
        rows: (0..<5).map { r in (0..<16).map { prior.row(r * 16 + $0) } }, imageWidth: w, imageHeight: h,
        rowLabels: draws.rows, columnLabels: draws.columns))

    let count = 16
    let originals = test.images.rows(0..<count)
    let reconstructions = vae.decode(vae.encode(Variable(originals)).mean.value)
    try run.figure(
      .imageGrid(
        name: "vae-reconstructions", title: "Test images (top) and decoder means at z = mu(x) (bottom)\(note)",
        rows: [(0..<count).map { originals.row($0) }, (0..<count).map { reconstructions.row($0) }],
        imageWidth: w, imageHeight: h, rowLabels: ["input", "VAE"],
        columnLabels: test.classNames(of: Array(0..<count))))
  }

  /// The classic manifold of a 2-D code: z = Phi^-1(u) over a grid of the unit square, decoded.
  static func manifoldFigure(
    _ run: ChapterRun, name: String, vae: some VariationalAutoencoder, imageWidth w: Int, imageHeight h: Int,
    model: String = ""
  ) throws {
    let n = 15
    let u = (0..<n).map { 0.05 + 0.9 * Double($0) / Double(n - 1) }
    var grid: [Float] = []
    for i in 0..<n {
      for j in 0..<n {
        grid.append(Float(normalQuantile(u[j])))
        grid.append(Float(normalQuantile(u[n - 1 - i])))  // z_2 grows upwards
      }
    }
    let manifold = vae.decode(Tensor(shape: [n * n, 2], storage: grid), condition: nil)  // [n*n, 784]
    try run.figure(
      .imageGrid(
        name: name,
        title: "\(model)Decoded z = Phi^{-1}(u), u on a \(n)x\(n) grid of [0.05, 0.95]^2: z_1 by column, z_2 by row"
          + run.settingsNote,
        rows: (0..<n).map { i in (0..<n).map { j in manifold.row(i * n + j) } }, imageWidth: w, imageHeight: h,
        rowLabels: (0..<n).map { i in "z_2 = " + String(format: "%.2f", normalQuantile(u[n - 1 - i])) },
        columnLabels: (0..<n).map { j in String(format: "%.2f", normalQuantile(u[j])) }))
  }
}
