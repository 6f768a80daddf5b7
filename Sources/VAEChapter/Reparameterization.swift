// Slides "VAE Mathematics" (reparameterization trick) and "VAE Numerical Examples":
// z = mu + sigma * eps, eps ~ N(0, I) has mean mu and variance sigma^2, and it moves the
// parameters out of the sampling so a gradient can flow through z. For f(z) = sum_k cos z_k,
//
//   E f = sum_k cos(mu_k) e^{-sigma_k^2 / 2}                       (analytic)
//   d/dmu_k:    pathwise  -sin z_k            score  f(z) (z_k - mu_k) / sigma_k^2 = f(z) eps_k / sigma_k
//   d/dsigma_k: pathwise  -sin(z_k) eps_k     score  f(z) ((z_k - mu_k)^2 / sigma_k^3 - 1 / sigma_k)
//
// Both estimators are unbiased; the pathwise one uses f' and has far lower variance, which is
// why VAEs train with it. The draws come from the sampler the chapter trains with (LatentModels'
// `reparameterize`), and the pathwise gradients from its backward pass, so a wrong sigma or a
// wrong derivative in training fails these rows.

import Autodiff
import Foundation
import LatentModels
import Lecture
import Plotting
import Probability
import Stochastic
import TensorCore

extension VAEChapter {
  static func reparameterization(_ run: ChapterRun, count: Int, formulas: Formulas = .honest) throws {
    let sampler = formulas.sampler
    run.section("Reparameterization: z = mu + sigma * eps (the slide's mu and sigma)")
    let slide = "VAE Mathematics (reparam.)"
    let mu = slideMean
    let sigma = slideSigma
    let d = mu.count
    var rng = run.random("reparameterization")

    let eps = rng.normals(d)
    let example = (0..<d).map { mu[$0] + sigma[$0] * eps[$0] }
    run.say(
      "one draw: eps = [" + eps.map { String(format: "%.2f", $0) }.joined(separator: " ")
        + "] -> z = mu + sigma * eps = ["
        + example.map { String(format: "%.2f", $0) }.joined(separator: " ") + "]  (the slide's draw: [0.28 1.65 0.92])")

    // The sampler training uses, on `count` copies of the slide's q: mu and v = log sigma^2 as
    // leaves, eps drawn here, z from the sampler; f(z) = sum cos z_k backpropagated through it
    // gives the pathwise gradients per draw (d/dsigma = d/dv * 2 / sigma).
    let epsilon = Tensor.normal([count, d], using: &rng)  // [n, 3]
    let muLeaf = Variable(
      Tensor(shape: [count, d], storage: (0..<count).flatMap { _ in mu.map(Float.init) }), requiresGradient: true)
    let vLeaf = Variable(
      Tensor(shape: [count, d], storage: (0..<count).flatMap { _ in sigma.map { Float(Foundation.log($0 * $0)) } }),
      requiresGradient: true)
    let zVariable = sampler(Encoded(mean: muLeaf, logVariance: vLeaf), epsilon)  // [n, 3]
    let zValue = zVariable.value
    let cosSum = Variable(
      op: "sum cos", value: Tensor(scalar: zValue.storage.reduce(Float(0)) { $0 + Foundation.cos($1) }),
      inputs: [zVariable]
    ) { g in
      [zValue.map { -Foundation.sin($0) * g.scalar }]
    }
    cosSum.backward()
    let muGrad = muLeaf.grad ?? Tensor.zeros([count, d])
    let vGrad = vLeaf.grad ?? Tensor.zeros([count, d])
    let draws: [(eps: [Double], z: [Double], dmu: [Double], dsigma: [Double])] = (0..<count).map { i in
      (
        (0..<d).map { Double(epsilon[i, $0]) }, (0..<d).map { Double(zValue[i, $0]) },
        (0..<d).map { Double(muGrad[i, $0]) }, (0..<d).map { Double(vGrad[i, $0]) * 2 / sigma[$0] }
      )
    }
    for k in 0..<d {
      let z = MeanEstimate(draws.map { $0.z[k] })
      run.check(
        "mean of z_\(k + 1) = mu_\(k + 1)", slide: slide, expected: mu[k], observed: z.mean,
        tolerance: .standardErrors(4, standardError: z.standardError))
    }
    for k in 0..<d {
      // E (z - mu)^2 = sigma^2; the terms' own spread gives the standard error.
      let v = MeanEstimate(draws.map { pow($0.z[k] - mu[k], 2) })
      run.check(
        "variance of z_\(k + 1) = sigma_\(k + 1)^2", slide: slide, expected: sigma[k] * sigma[k], observed: v.mean,
        tolerance: .standardErrors(4, standardError: v.standardError))
    }

    // Gradients of E cos-sum with respect to mu and sigma, three ways.
    run.say(
      "gradients of E_q f(z), f(z) = sum_k cos z_k: analytic vs pathwise (backprop through the sampler) vs "
        + "score-function (\(count) draws)"
    )
    var pathwiseVariance: [Double] = []
    var scoreVariance: [Double] = []
    var labels: [String] = []
    for (parameter, name) in [(0, "mu"), (1, "sigma")] {
      for k in 0..<d {
        let damp = Foundation.exp(-sigma[k] * sigma[k] / 2)
        let analytic = parameter == 0 ? -Foundation.sin(mu[k]) * damp : -sigma[k] * Foundation.cos(mu[k]) * damp
        let pathwise = MeanEstimate(draws.map { parameter == 0 ? $0.dmu[k] : $0.dsigma[k] })
        let score = MeanEstimate(
          draws.map { draw -> Double in
            // f at the sampler's z, its score at q's own draw mu + sigma eps (so a wrong sampler
            // moves f, as before, and only a wrong score formula moves the score).
            let f = draw.z.reduce(0.0) { $0 + Foundation.cos($1) }
            let terms = formulas.score(f, mu[k] + sigma[k] * draw.eps[k], mu[k], sigma[k])
            return parameter == 0 ? terms.mu : terms.sigma
          })
        run.check(
          "dE f/d\(name)_\(k + 1): pathwise vs analytic", slide: slide, expected: analytic, observed: pathwise.mean,
          tolerance: .standardErrors(4, standardError: pathwise.standardError))
        run.check(
          "dE f/d\(name)_\(k + 1): score function vs analytic", slide: slide, expected: analytic, observed: score.mean,
          tolerance: .standardErrors(4, standardError: score.standardError))
        pathwiseVariance.append(pathwise.variance)
        scoreVariance.append(score.variance)
        labels.append("\(name)_\(k + 1)")
      }
    }
    run.say(
      "per-draw variance, pathwise: [" + pathwiseVariance.map { String(format: "%.3g", $0) }.joined(separator: " ")
        + "]; score function: [" + scoreVariance.map { String(format: "%.3g", $0) }.joined(separator: " ") + "]")
    run.check(
      "pathwise variance <= score-function variance (largest ratio)", slide: slide,
      expected: 1, observed: zip(pathwiseVariance, scoreVariance).map { $0 / $1 }.max() ?? .nan,
      tolerance: .atMost(margin: 0))

    let index = (0..<labels.count).map(Double.init)
    let tics = labels.enumerated().map { "'\($1)' \($0)" }.joined(separator: ", ")
    var figure = Figure(
      name: "vae-reparameterization-gradients",
      title: "Variance of one-sample gradient estimators of E_q sum_k cos z_k",
      xLabel: "parameter", yLabel: "variance per draw",
      commands: [
        LogAxis.y.command, "set xtics (\(tics))", "set xrange [-0.5:\(Double(labels.count) - 0.5)]",
        KeyPlacement.inside(.topLeft).command,
        "set grid ytics",
        "set style fill solid 0.6", "set boxwidth 0.35",
      ])
    figure.layers = [
      .columns(
        [index.map { $0 - 0.18 }, scoreVariance], style: .boxes(.red), title: "score function (REINFORCE)"),
      .columns(
        [index.map { $0 + 0.18 }, pathwiseVariance], style: .boxes(.blue),
        title: "pathwise (reparameterization)"),
    ]
    try run.figure(figure)
  }
}
