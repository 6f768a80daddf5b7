// Slides "Latent space dimension effect" and "beta-VAE": the same VAE trained with latent sizes
// 2, 5, 10, 20 (test ELBO vs size), and with the KL weighted by beta (the rate, KL, falls as
// beta grows while the distortion, the reconstruction term, rises). Every ordering is judged
// with the standard error of the per-image difference between the two models on the same test
// images (4 paired SE): a claim fails only when the data contradict it.

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
  /// Test reconstruction (distortion), KL (rate) and -ELBO of a trained model, per image.
  struct TestTerms {
    let distortions: [Double], rates: [Double]
    var negativeELBOs: [Double] { zip(distortions, rates).map { $0 + $1 } }
    var distortion: Double { MeanEstimate(distortions).mean }
    var rate: Double { MeanEstimate(rates).mean }
    var negativeELBO: Double { distortion + rate }
  }

  static func testTerms(_ run: ChapterRun, _ vae: GaussianVAE, test: LabeledImages, purpose: String) -> TestTerms {
    var rng = run.random("\(purpose)-test")
    let e = vae.likelihoodEstimates(test.images, samples: 1, using: &rng)
    return TestTerms(distortions: e.reconstruction.map { -$0 }, rates: e.kl)
  }

  /// The standard error of the mean per-image difference a - b.
  static func pairedStandardError(_ a: [Double], _ b: [Double]) -> Double {
    MeanEstimate(zip(a, b).map { $0 - $1 }).standardError
  }

  /// The sweep trains with the formulas' `sweepTraining`; its rates are reported with their `rate`.
  static func latentSizeSweep(
    _ run: ChapterRun, train: LabeledImages, test: LabeledImages, config: Config, formulas: Formulas = .honest
  ) throws {
    run.section("Latent space dimension effect: Z = \(config.latentSizes.map(String.init).joined(separator: ", "))")
    run.say("\(train.count) training images, \(config.sweepEpochs) epochs per model; test terms with one z per image")
    var sizes: [Double] = []
    var negatives: [Double] = []
    var rates: [Double] = []
    var distortions: [Double] = []
    var all: [TestTerms] = []
    var models: [GaussianVAE] = []
    for z in config.latentSizes {
      let trained = try trainVAE(
        run, train: train, latentSize: z, beta: 1, epochs: config.sweepEpochs, config: config,
        purpose: "latent-\(z)", formulas: formulas.sweepTraining)
      let measured = testTerms(run, trained.model, test: test, purpose: "latent-\(z)")
      let t = TestTerms(distortions: measured.distortions, rates: measured.rates.map { formulas.rate($0, 1, z) })
      run.say(
        String(
          format: "Z = %2d: test -ELBO %.2f = reconstruction %.2f + KL %.2f nats", z, t.negativeELBO, t.distortion,
          t.rate))
      sizes.append(Double(z))
      negatives.append(t.negativeELBO)
      rates.append(t.rate)
      distortions.append(t.distortion)
      all.append(t)
      models.append(trained.model)
    }
    // The slide's pictures: a 2-D code is too small. Stated, not checked: the best of three larger
    // codes against Z = 2 withstands every slip the catalogue plants (with the KL's entropy term
    // dropped in training, Z = 20 is 86 nats worse than Z = 2 in a full run, and Z = 5 still
    // 4.0 nats better), and "better by 4 paired SE" fails at some seeds of an honest quick run,
    // whose training seeds alone move one model by 16 nats.
    let best = negatives.indices.dropFirst().min { negatives[$0] < negatives[$1] } ?? 0
    let difference = MeanEstimate(zip(all[best].negativeELBOs, all[0].negativeELBOs).map { $0 - $1 })
    run.say(
      String(
        format: "best Z > 2: Z = %d, test -ELBO %.2f nats from Z = 2's (paired SE %.2f)",
        Int(sizes[best]), difference.mean, difference.standardError))
    run.fact(latentSizeFactName, slide: "Latent space dimension effect", value: difference.mean)
    run.check(
      "KL (rate): Z = \(config.latentSizes.last ?? 0) >= Z = \(config.latentSizes.first ?? 0)",
      slide: "Latent space dimension effect",
      expected: rates.first ?? .nan, observed: rates.last ?? .nan,
      tolerance: .atLeast(margin: 4 * pairedStandardError(all[all.count - 1].rates, all[0].rates)))
    var figure = Figure(
      name: "vae-latent-size", title: "Test -ELBO and its terms vs latent size (\(config.sweepEpochs) epochs each)",
      xLabel: "latent size Z", yLabel: "-ELBO and reconstruction (nats)",
      commands: [
        LogAxis(.x, base: 2).command, "set xrange [1.8:23]", "set xtics (2, 5, 10, 20)", "set y2label 'KL (nats)'",
        "set y2tics",
        "set ytics nomirror", KeyPlacement.below.command, "set grid",
      ])
    figure.layers = [
      .columns([sizes, negatives], style: .linePoints(.blue), title: "-ELBO"),
      .columns(
        [sizes, distortions], style: .linePoints(.green, marker: .square), title: "reconstruction -E_q log p(x|z)"),
      .columns(
        [sizes, rates], using: "1:2 axes x1y2", style: .linePoints(.red, marker: .triangle),
        title: "KL(q || p(z)) (right axis)"),
    ]
    try run.figure(figure)
    try latentSizeImages(run, models: models, test: test, epochs: config.sweepEpochs)
  }

  static let latentSizeFactName = "test -ELBO of the best Z > 2 minus Z = 2's (nats)"

  /// The slide's pictures per latent size, from the sweep's own models: the same test images
  /// reconstructed at z = mu(x), and decoder means for z ~ N(0, I), one pair of rows per Z.
  static func latentSizeImages(_ run: ChapterRun, models: [GaussianVAE], test: LabeledImages, epochs: Int) throws {
    let count = min(12, test.count)
    let originals = test.images.rows(0..<count)
    var rows = [(0..<count).map { originals.row($0) }]
    var labels = ["input"]
    for vae in models {
      let z = vae.latentSize
      let reconstructions = vae.decode(vae.encode(Variable(originals)).mean.value)
      var rng = run.random("latent-\(z)-prior-samples")
      let samples = vae.decode(Tensor.normal([count, z], using: &rng))
      rows += [(0..<count).map { reconstructions.row($0) }, (0..<count).map { samples.row($0) }]
      labels += ["Z = \(z) recon", "Z = \(z) samples"]
    }
    try run.figure(
      .imageGrid(
        name: "vae-latent-size-images",
        title: "Per latent size Z (\(epochs) epochs each): test images at z = mu(x), decoder means for z ∼ N(0, I)"
          + run.settingsNote,
        rows: rows, imageWidth: test.width, imageHeight: test.height, rowLabels: labels,
        columnLabels: test.classNames(of: Array(0..<count))))
  }

  /// The sweep trains with the formulas' `sweepTraining`.
  static func betaSweep(
    _ run: ChapterRun, train: LabeledImages, test: LabeledImages, config: Config, formulas: Formulas = .honest
  ) throws {
    let z = 10
    run.section("beta-VAE: Loss = -E_q log p(x|z) + beta KL(q || p(z)), Z = \(z)")
    run.say("\(train.count) training images, \(config.sweepEpochs) epochs per beta")
    var rates: [Double] = []
    var distortions: [Double] = []
    var all: [TestTerms] = []
    for beta in config.betas {
      let trained = try trainVAE(
        run, train: train, latentSize: z, beta: beta, epochs: config.sweepEpochs, config: config,
        purpose: "beta-\(beta)", formulas: formulas.sweepTraining)
      let measured = testTerms(run, trained.model, test: test, purpose: "beta-\(beta)")
      let t = TestTerms(distortions: measured.distortions, rates: measured.rates.map { formulas.rate($0, beta, z) })
      run.say(
        String(
          format: "beta = %-5g: rate (KL) %6.2f, distortion (reconstruction) %7.2f, -ELBO %7.2f nats", beta, t.rate,
          t.distortion, t.negativeELBO))
      rates.append(t.rate)
      distortions.append(t.distortion)
      all.append(t)
    }
    let slide = "beta-VAE"
    if let one = config.betas.firstIndex(of: 1), let first = rates.first, let last = rates.last {
      let (small, large) = (all[0], all[all.count - 1])
      run.check(
        "KL at beta = \(formatNumber(config.betas.last ?? 0)) <= KL at beta = 1", slide: slide,
        expected: rates[one], observed: last,
        tolerance: .atMost(margin: 4 * pairedStandardError(large.rates, all[one].rates)))
      run.check(
        "KL at beta = 1 <= KL at beta = \(formatNumber(config.betas.first ?? 0))", slide: slide,
        expected: first, observed: rates[one],
        tolerance: .atMost(margin: 4 * pairedStandardError(all[one].rates, small.rates)))
      run.check(
        "distortion at beta = \(formatNumber(config.betas.last ?? 0)) >= at beta = "
          + "\(formatNumber(config.betas.first ?? 0))",
        slide: slide,
        expected: distortions.first ?? .nan, observed: distortions.last ?? .nan,
        tolerance: .atLeast(margin: 4 * pairedStandardError(large.distortions, small.distortions)))
      // The slide's constrained problem, max E_q log p(x|z) s.t. KL < delta, has the loss at
      // beta as its Lagrangian: at its optimum the model trained at beta solves it for delta =
      // its own KL, so no model of the sweep inside that constraint (a lower KL) would
      // reconstruct better. Trained models are not optima: at quick settings the smallest
      // distortion excess over such pairs fell below -4 paired SE at one seed in twenty, a gap of
      // training that no standard error covers. It is stated; `exactBetaVAE` checks the
      // correspondence on the linear-Gaussian VAE, whose optima are known.
      var inside: (excess: MeanEstimate, pair: String)?
      for i in all.indices {
        for j in all.indices where j != i && rates[j] < rates[i] {
          let excess = MeanEstimate(zip(all[j].distortions, all[i].distortions).map { $0 - $1 })
          if inside.map({ excess.mean < $0.excess.mean }) ?? true {
            let (outer, inner) = (formatNumber(config.betas[i]), formatNumber(config.betas[j]))
            inside = (excess, "beta = \(inner) inside delta of beta = \(outer)")
          }
        }
      }
      if let inside {
        run.say(
          String(
            format: "constraint KL < delta: the closest pair (%@) has a distortion excess of %.2f +- %.2f nats",
            inside.pair, inside.excess.mean, inside.excess.standardError))
        run.fact(
          "KL < delta among the trained models: smallest distortion excess of a model inside another's constraint "
            + "(nats)", slide: slide, value: inside.excess.mean)
      }
      // The Lagrangian itself: no other model of the sweep should do better on D + beta R at the
      // model's own beta. That asks the optimiser to have reached each optimum, which short runs
      // do not always (one quick seed in seven had a model 4.1 +- 0.6 nats better at another
      // model's beta): a gap of training, not of statistics, so it is stated, not checked.
      var worst = -Double.infinity
      var worstSE = 0.0
      for (i, beta) in config.betas.enumerated() {
        let own = zip(all[i].distortions, all[i].rates).map { $0 + beta * $1 }
        for j in all.indices where j != i {
          let other = zip(all[j].distortions, all[j].rates).map { $0 + beta * $1 }
          let excess = MeanEstimate(zip(own, other).map { $0 - $1 })
          if excess.mean > worst { (worst, worstSE) = (excess.mean, excess.standardError) }
        }
      }
      run.say(
        String(
          format:
            "Lagrangian D + beta R on the test set: each model against the others at its own beta, the largest excess "
            + "%.2f +- %.2f nats (<= 0 if every model is the best for its beta)",
          worst, worstSE))
      run.fact(
        "Lagrangian D + beta R: largest excess of a model over another at its own beta (nats)", slide: slide,
        value: worst)
    }
    var figure = Figure(
      name: "vae-beta", title: "beta-VAE rate-distortion on the test set (Z = \(z), \(config.sweepEpochs) epochs each)",
      xLabel: "rate: KL(q(z|x) || p(z)) (nats)", yLabel: "distortion: -E_q log p(x|z) (nats)",
      commands: [
        KeyPlacement.inside(.topRight).command, "set grid", "set offsets graph 0.05, graph 0.15, graph 0.1, graph 0.05",
      ])
    figure.layers = [
      .columns([rates, distortions], style: .linePoints(.blue, size: 1.3), title: "trained VAEs")
    ]
    figure.commands += zip(config.betas, zip(rates, distortions)).map { beta, point in
      "set label 'β = \(formatNumber(beta))' at \(point.0),\(point.1) offset 1,1"
    }
    try run.figure(figure)
  }
}
