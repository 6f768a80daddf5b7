// Slides "KL Distance" and "VAE Mathematics": the closed-form KL between Gaussians against a
// Monte Carlo estimate E_{z ~ q}[log q(z) - log p(z)] computed from log-densities and samples
// alone, through eigendecompositions (`EigenGaussian`) where the closed forms go through
// Cholesky factors. The closed forms come in as a parameter (`GaussianKL`), so a planted wrong
// factor makes these rows fail.

import Foundation
import Lecture
import LinearAlgebra
import Plotting
import Probability
import Stochastic

extension VAEChapter {
  /// The slide's numerical example: mu and sigma of the intermediate layer.
  static let slideMean = [0.1, 1.2, 0.2]
  static let slideSigma = [0.2, 0.5, 0.8]

  /// A random SPD matrix A A^T / d + 0.2 I (well conditioned, clearly not diagonal).
  static func randomCovariance(_ d: Int, using rng: inout SeededRandom) -> Matrix {
    let a = Matrix(rows: d, columns: d, storage: rng.normals(d * d))
    var c = matmul(a, a, transposeB: true) / Double(d) + 0.2 * Matrix.identity(d)
    for i in 0..<d { for j in 0..<i { c[j, i] = c[i, j] } }
    return c
  }

  /// The terms log q(z) - log p(z), z ~ q, sampled and evaluated through eigendecompositions.
  static func klTerms(_ q: Gaussian, _ p: Gaussian, count: Int, using rng: inout SeededRandom) throws -> [Double] {
    let (eq, ep) = (try EigenGaussian(q), try EigenGaussian(p))
    return (0..<count).map { _ in
      let z = eq.sample(using: &rng)
      return eq.logDensity(z) - ep.logDensity(z)
    }
  }

  package static func klChecks(_ run: ChapterRun, kl: GaussianKL, count: Int) throws {
    run.section("KL of Gaussians: closed form vs Monte Carlo (\(count) draws)")
    let slide = "VAE Mathematics (KL)"
    var rng = run.random("kl")
    let variance = slideSigma.map { $0 * $0 }
    let diagonal = try Gaussian(mean: slideMean, variance: variance)
    let standard = Gaussian.standard(3)
    run.say("q = N(mu, diag(sigma^2)) with the slide's mu = [0.1, 1.2, 0.2], sigma = [0.2, 0.5, 0.8]; p = N(0, I)")

    let diagonalTerms = try klTerms(diagonal, standard, count: count, using: &rng)
    let diagonalMC = MeanEstimate(diagonalTerms)
    let diagonalClosed = kl.diagonalToStandard(slideMean, variance)
    run.check(
      "KL(diag q || N(0,I)): 1/2 sum(s^2+m^2-1-log s^2) vs MC", slide: slide,
      expected: diagonalClosed, observed: diagonalMC.mean,
      tolerance: .standardErrors(4, standardError: diagonalMC.standardError))
    run.check(
      "log-variance form 1/2 sum(e^v+m^2-1-v) = sigma^2 form", slide: slide,
      expected: diagonalClosed, observed: kl.logVarianceToStandard(slideMean, variance.map { Foundation.log($0) }),
      tolerance: .relative(1e-12))
    run.check(
      "diagonal formula = general formula (tr, quad, log det)", slide: slide,
      expected: try kl.between(diagonal, standard), observed: diagonalClosed, tolerance: .relative(1e-12))

    let d = 4
    let full = try Gaussian(mean: rng.normals(d).map { 0.7 * $0 }, covariance: randomCovariance(d, using: &rng))
    let other = try Gaussian(mean: rng.normals(d).map { 0.7 * $0 }, covariance: randomCovariance(d, using: &rng))
    run.say("full covariance: two random 4-D Gaussians q, p (covariance A A^T / 4 + 0.2 I)")
    let fullTerms = try klTerms(full, .standard(d), count: count, using: &rng)
    let fullMC = MeanEstimate(fullTerms)
    let fullClosed = try kl.between(full, .standard(d))
    run.check(
      "KL(q || N(0,I)) = 1/2(tr S + m^T m - d - log|S|) vs MC", slide: slide,
      expected: fullClosed, observed: fullMC.mean, tolerance: .standardErrors(4, standardError: fullMC.standardError))
    let pairMC = MeanEstimate(try klTerms(full, other, count: count, using: &rng))
    let pairClosed = try kl.between(full, other)
    run.check(
      "KL(q || p), two full Gaussians, closed form vs MC", slide: slide,
      expected: pairClosed, observed: pairMC.mean, tolerance: .standardErrors(4, standardError: pairMC.standardError))
    let reverseMC = MeanEstimate(try klTerms(other, full, count: count, using: &rng))
    let reverseClosed = try kl.between(other, full)
    run.check(
      "KL(p || q), the other direction, closed form vs MC", slide: slide,
      expected: reverseClosed, observed: reverseMC.mean,
      tolerance: .standardErrors(4, standardError: reverseMC.standardError))
    run.say(String(format: "non-symmetric: KL(q || p) = %.4f, KL(p || q) = %.4f", pairClosed, reverseClosed))
    // Every term of the closed form cancels exactly for q = p: no second route, so a fact.
    run.fact("KL(q || q) of the general formula", slide: slide, value: try kl.between(full, full))

    // The estimate's convergence: running mean +- 2 SE against the closed form.
    var ns: [Double] = []
    var means: [Double] = []
    var lower: [Double] = []
    var upper: [Double] = []
    var n = 10
    while n <= count {
      let e = MeanEstimate(fullTerms.prefix(n))
      ns.append(Double(n))
      means.append(e.mean)
      lower.append(e.mean - 2 * e.standardError)
      upper.append(e.mean + 2 * e.standardError)
      n = n < 100 ? n + 10 : Int((Double(n) * 1.25).rounded())
    }
    if ns.last != Double(count) {
      let e = MeanEstimate(fullTerms)
      ns.append(Double(count))
      means.append(e.mean)
      lower.append(e.mean - 2 * e.standardError)
      upper.append(e.mean + 2 * e.standardError)
    }
    var figure = Figure(
      name: "vae-kl-convergence",
      title: "Monte Carlo KL(q || N(0, I)) converging to the closed form (4-D, full covariance)",
      xLabel: "number of samples n", yLabel: "KL estimate (nats)",
      commands: [LogAxis.x.command, "set xrange [10:\(count)]", KeyPlacement.inside(.topRight).command, "set grid"])
    figure.layers = [
      .columns([ns, lower, upper], using: "1:2:3", style: .band(.paleBlue), title: "estimate +- 2 SE"),
      .columns([ns, means], style: .line(.blue), title: "Monte Carlo mean of log q(z) - log p(z)"),
      .columns(
        [[ns.first ?? 10, ns.last ?? Double(count)], [fullClosed, fullClosed]],
        style: .line(.red, dash: 2), title: "closed form"),
    ]
    try run.figure(figure)
  }
}
