// Slides "What is Mixture Model" and "Definition": p(x) = sum_k pi_k N(x | mu_k, Sigma_k) with a
// latent class index z (P(z = k) = pi_k, P(x | z = k) = N(mu_k, Sigma_k)), fitted to unlabeled
// data by EM. The E-step computes the slide's responsibilities gamma(z_nk) = P(z = k | x_n); the
// M-step refits each component with those weights. Checks: the responsibilities of the true
// mixture are the posterior of the labels that sampling drew (Bayes' rule), the log-likelihood
// never decreases, and the fit recovers the true parameters within
// their sampling error (and is at least as likely as the truth, as an MLE must be).

import Foundation
import Lecture
import Plotting
import Probability
import Stochastic

extension PrelimsChapter {
  package static let slideMixture = "What is Mixture Model"

  /// The data-generating mixture: three 2-D components with different shapes.
  package static let trueMixture = GaussianMixture(
    weights: [0.5, 0.3, 0.2],
    components: [
      BivariateNormal(mean: Point2(-2, 0), covariance: Covariance2(xx: 1.0, xy: 0.5, yy: 0.8)),
      BivariateNormal(mean: Point2(2, 1.5), covariance: Covariance2(xx: 0.6, xy: -0.2, yy: 0.5)),
      BivariateNormal(mean: Point2(1.5, -2.5), covariance: Covariance2(xx: 0.4, xy: 0, yy: 0.9)),
    ])

  package static func mixtureModel(_ run: ChapterRun, config: Config, formulas: Formulas) throws {
    run.section("What is Mixture Model: a 2-D Gaussian mixture fitted by EM")
    var rng = run.random("mixture-data")
    let labelled = (0..<config.mixtureCount).map { _ in trueMixture.sample(using: &rng) }
    let data = labelled.map(\.point)
    checkBayesPosterior(run, data: data, labels: labelled.map(\.component), expectation: formulas.expectation)
    // EM finds a local maximum: run it from several k-means++ starts and keep the most likely.
    var initRandom = run.random("mixture-init")
    let runs = (0..<config.emRestarts).map { _ in
      ExpectationMaximisation(
        data, from: .initial(data, components: 3, using: &initRandom), maxIterations: config.emIterations,
        expectation: formulas.expectation, maximisation: formulas.maximisation)
    }
    let finals = runs.map { $0.logLikelihoods.last ?? -.infinity }
    guard let bestIndex = finals.indices.max(by: { finals[$0] < finals[$1] }) else { return }
    let em = runs[bestIndex]
    let reached = finals.filter { $0 >= finals[bestIndex] - 1e-6 * Swift.abs(finals[bestIndex]) }.count
    run.say(
      String(
        format: "%d points, K = 3; %d EM runs from k-means++ starts, %d of them reach the best log-likelihood",
        data.count, runs.count, reached))
    run.say(
      String(
        format: "best run: %d iterations, log-likelihood %.4f -> %.4f", em.iterations, em.logLikelihoods.first ?? .nan,
        em.logLikelihoods.last ?? .nan))
    checkEM(run, runs: runs)
    checkRecovery(run, fit: em.model, data: data)

    // Figures: density contours over the data; the log-likelihood per iteration.
    let (xr, yr) = (-5.5...5.0, -5.5...4.5)
    let (w, h) = (160, 150)
    var z = [Double]()
    for i in 0..<h {
      for j in 0..<w {
        let p = Point2(
          xr.lowerBound + (xr.upperBound - xr.lowerBound) * Double(j) / Double(w - 1),
          yr.lowerBound + (yr.upperBound - yr.lowerBound) * Double(i) / Double(h - 1))
        z.append(Foundation.exp(em.model.logDensity(p)))
      }
    }
    let labels = em.responsibilities.map { g in g.indices.max { g[$0] < g[$1] } ?? 0 }
    var figure = Figure(
      name: "prelims-gmm",
      title: "EM fit of a 3-component Gaussian mixture: p(x) (white contours: 8 equally spaced levels), "
        + "each point coloured by its component argmax_k γ_{nk}",
      xLabel: "x_1", yLabel: "x_2", size: (820, 720),
      commands: [
        "set size ratio -1", KeyPlacement.below.command, "set xrange [-5.5:5]", "set yrange [-5.5:4.5]",
        "set cblabel 'p(x)'",
      ],
      layers: [.heatmap(z, width: w, height: h, x: xr, y: yr, contours: 8)])
    // Colours that stand out on every part of the viridis map (dark violet to yellow).
    let colours: [Color] = [.orange, .pink, .brightCyan]
    for k in 0..<3 {
      let members = data.indices.filter { labels[$0] == k }
      figure.layers.append(
        .columns(
          [members.map { data[$0].x }, members.map { data[$0].y }],
          style: .points(colours[k], size: 0.45), title: "component \(k + 1)"))
    }
    let means = em.model.components.map(\.mean)
    figure.layers.append(
      .columns(
        [means.map(\.x), means.map(\.y)], style: .points(.red, marker: .star, size: 3, width: 3), title: "fitted μ_k"))
    try run.figure(figure)

    var curve = Figure.lines(
      name: "prelims-em-loglik", title: "EM never decreases the log-likelihood",
      series: [("log p(X | θ_t)", em.logLikelihoods.indices.map(Double.init), em.logLikelihoods)],
      xLabel: "EM iteration t", yLabel: "log-likelihood")
    curve.commands += ["set grid", KeyPlacement.inside(.bottomRight).command]
    curve.layers.append(
      .columns(
        [[0, Double(em.iterations)], [trueMixture.logLikelihood(data), trueMixture.logLikelihood(data)]],
        style: .line(.green, width: 1.5, dash: 2), title: "log p(X | true θ)"))
    try run.figure(curve)
  }

  /// Slide "Generative Model": P(Y | X) by Bayes' rule from P(Y) and P(X | Y). The posterior
  /// of the true mixture, P(z = k | x) = pi_k N(x | mu_k, Sigma_k) / p(x) (the E-step's
  /// responsibilities), against the labels z_n that ancestral sampling drew: for any h,
  /// E[(1{z = k} - P(z = k | x)) h(x)] = 0, since E[1{z = k} | x] = P(z = k | x). Checked for
  /// h = 1, x_1, x_2 and every k: the largest |mean| / SE of the nine, at most 4.
  package static func checkBayesPosterior(
    _ run: ChapterRun, data: [Point2], labels: [Int], expectation: (GaussianMixture, [Point2]) -> [[Double]]
  ) {
    let gamma = expectation(trueMixture, data)
    var worst = 0.0
    for k in trueMixture.weights.indices {
      for h in [{ (_: Point2) in 1.0 }, { (x: Point2) in x.x }, { (x: Point2) in x.y }] {
        let residual = MeanEstimate(data.indices.map { n in ((labels[n] == k ? 1 : 0) - gamma[n][k]) * h(data[n]) })
        worst = Swift.max(worst, Swift.abs(residual.mean) / residual.standardError)
      }
    }
    run.check(
      "Bayes P(z = k | x) vs sampled z: max |mean (1{z = k} - P) h(x)| / SE", slide: "Generative Model",
      expected: 0, observed: worst, tolerance: .atMost(margin: 4))
  }

  /// Over every E-step of every run: responsibilities sum to 1 (normalised by construction: a
  /// stated fact), and the log-likelihood never decreases (the smallest step, relative to
  /// |log p(X)|, is >= -1e-12: rounding only).
  package static func checkEM(_ run: ChapterRun, runs: [ExpectationMaximisation]) {
    run.fact(
      "responsibilities: max_n |sum_k gamma_nk - 1| over every E-step", slide: slideMixture,
      value: runs.map(\.largestResponsibilityDefect).max() ?? .nan)
    let relativeSteps = runs.flatMap { em in
      zip(em.logLikelihoods.dropFirst(), em.logLikelihoods).map { ($0 - $1) / Swift.abs(em.logLikelihoods.last ?? 1) }
    }
    run.say("\(relativeSteps.count) EM steps over all runs")
    run.check(
      "EM: min_t [L(t+1) - L(t)] / |L| over every step of every run", slide: slideMixture,
      expected: 0, observed: relativeSteps.min() ?? .nan, tolerance: .atLeast(margin: 1e-12))
  }

  /// The fit vs the truth: at least as likely as the true parameters; weights within 4 SE
  /// sqrt(pi (1 - pi) / N); means within 4 SE sqrt(Sigma_jj / (N pi_k)) per coordinate
  /// (the error of a labelled fit; the components barely overlap, so labels are nearly known).
  package static func checkRecovery(_ run: ChapterRun, fit: GaussianMixture, data: [Point2]) {
    let slide = "Definition"
    let n = Double(data.count)
    run.check(
      "log p(X | EM fit) >= log p(X | true parameters)", slide: slide,
      expected: trueMixture.logLikelihood(data), observed: fit.logLikelihood(data), tolerance: .atLeast(margin: 0))
    // Match fitted to true components by the permutation with the smallest total mean distance.
    let k = trueMixture.weights.count
    let match =
      permutations(k).min { a, b in
        func cost(_ p: [Int]) -> Double {
          (0..<k).reduce(0) {
            $0
              + ((trueMixture.components[$1].mean - fit.components[p[$1]].mean)
              * (trueMixture.components[$1].mean - fit.components[p[$1]].mean)).sum()
          }
        }
        return cost(a) < cost(b)
      } ?? Array(0..<k)
    for j in 0..<k {
      let truth = trueMixture.components[j]
      let pi = trueMixture.weights[j]
      let fitted = fit.components[match[j]]
      run.check(
        "component \(j + 1): weight pi_k", slide: slide, expected: pi, observed: fit.weights[match[j]],
        tolerance: .standardErrors(4, standardError: (pi * (1 - pi) / n).squareRoot()))
      let zx = Swift.abs(fitted.mean.x - truth.mean.x) / (truth.covariance.xx / (n * pi)).squareRoot()
      let zy = Swift.abs(fitted.mean.y - truth.mean.y) / (truth.covariance.yy / (n * pi)).squareRoot()
      run.check(
        "component \(j + 1): max_coord |mu^ - mu| / SE", slide: slide, expected: 0, observed: Swift.max(zx, zy),
        tolerance: .atMost(margin: 4))
    }
  }

  /// All permutations of 0..<k (k is tiny).
  static func permutations(_ k: Int) -> [[Int]] {
    guard k > 1 else { return [Array(0..<k)] }
    return permutations(k - 1).flatMap { p in
      (0...p.count).map { i in
        var q = p
        q.insert(k - 1, at: i)
        return q
      }
    }
  }
}
