// Slide "KL Distance and ML": D_KL[p*||p_theta] = E_p*[log p*] - E_p*[log p_theta(x)]. The first
// term does not depend on theta, and by the law of large numbers the second is the average
// log-likelihood (1/N) sum_i log p_theta(x_i). So minimising the sampled KL over theta is
// maximum likelihood. The chapter minimises the sampled KL numerically (gradient descent for a
// normal family, golden-section search for a Laplace family) on data from p* = Laplace(0, 1)
// and compares the minimiser with the closed-form MLE (sample mean and standard deviation;
// sample median and mean absolute deviation).

import Foundation
import Lecture
import Plotting
import Probability
import Stochastic

extension PrelimsChapter {
  static let slideKLML = "KL Distance and ML"

  /// The sampled KL (1/N) sum_i [log p*(x_i) - log q(x_i)].
  static func sampledKL(_ x: [Double], truth: any ContinuousDistribution, model: any ContinuousDistribution) -> Double {
    x.reduce(0) { $0 + truth.logPdf($1) - model.logPdf($1) } / Double(x.count)
  }

  /// Gradient descent on (mu, log sigma) of the sampled KL to a normal family. Its gradient is
  /// that of the negative average log-likelihood (the log p* term is constant):
  /// d/dmu = -mean(x - mu) / sigma^2, d/dlog sigma = 1 - mean((x - mu)^2) / sigma^2.
  package static func minimiseSampledKLOverNormals(_ x: [Double], step: Double = 0.4, maxSteps: Int = 20_000) -> (normal: Normal, steps: Int) {
    var mu = 1.0, logSigma = 0.0
    let n = Double(x.count)
    for t in 0..<maxSteps {
      let sigma2 = Foundation.exp(2 * logSigma)
      var d1 = 0.0, d2 = 0.0
      for v in x { let d = v - mu; d1 += d; d2 += d * d }
      let gMu = -d1 / n / sigma2, gLogSigma = 1 - d2 / n / sigma2
      if Swift.max(Swift.abs(gMu), Swift.abs(gLogSigma)) < 1e-14 { return (Normal(mean: mu, standardDeviation: Foundation.exp(logSigma)), t) }
      mu -= step * gMu
      logSigma -= step * gLogSigma
    }
    return (Normal(mean: mu, standardDeviation: Foundation.exp(logSigma)), maxSteps)
  }

  /// Golden-section search for the Laplace location minimising the sampled KL with the scale
  /// profiled out: for fixed m the best b is mean|x - m|, and the sampled KL is then
  /// const + log(2 mean|x - m|) + 1, a convex function of m.
  package static func minimiseSampledKLOverLaplace(_ x: [Double]) -> Laplace {
    func profiled(_ m: Double) -> Double { Foundation.log(2 * x.reduce(0) { $0 + Swift.abs($1 - m) } / Double(x.count)) + 1 }
    let ratio = (5.0.squareRoot() - 1) / 2
    var (a, b) = (x.min() ?? 0, x.max() ?? 0)
    var c = b - ratio * (b - a), d = a + ratio * (b - a)
    var fc = profiled(c), fd = profiled(d)
    while b - a > 1e-13 * Swift.max(1, Swift.abs(a) + Swift.abs(b)) {
      if fc <= fd { b = d; d = c; fd = fc; c = b - ratio * (b - a); fc = profiled(c) }
      else { a = c; c = d; fc = fd; d = a + ratio * (b - a); fd = profiled(d) }
      if c >= d { break }
    }
    let m = 0.5 * (a + b)
    return Laplace(location: m, scale: x.reduce(0) { $0 + Swift.abs($1 - m) } / Double(x.count))
  }

  static func klAndMaximumLikelihood(_ run: ChapterRun, config: Config) throws {
    run.section("KL Distance and ML: minimising the sampled KL is maximum likelihood")
    let truth = Laplace(location: 0, scale: 1)
    var rng = run.random("kl-ml")
    let x = truth.samples(config.mlCount, using: &rng)
    let n = Double(x.count)
    run.say("data: \(x.count) samples of p* = \(truth.name)")

    // A normal family (misspecified): the closed-form MLE is the sample mean and the 1/N standard deviation.
    let (fitted, steps) = minimiseSampledKLOverNormals(x)
    let mean = x.reduce(0, +) / n
    let squares = x.map { ($0 - mean) * ($0 - mean) }
    let mleSigma = (squares.reduce(0, +) / n).squareRoot()
    run.say("gradient descent on the sampled KL stopped after \(steps) steps")
    checkKLMinimiserIsMLE(run, minimiser: fitted, data: x)

    // The sampled KL at the fit estimates the true KL to the best normal, N(0, 2b^2) = N(0, 2).
    let best = Normal(mean: 0, standardDeviation: 2.0.squareRoot())
    let terms = MeanEstimate(x.map { truth.logPdf($0) - fitted.logPdf($0) })
    run.check("sampled KL at the fit = KL(p*||N(0, 2)) (LLN)", slide: slideKLML, expected: Laplace.klDivergence(truth, best),
              observed: terms.mean, tolerance: .standardErrors(4, standardError: terms.standardError))
    let spread = MeanEstimate(squares)
    run.check("fitted sigma^2 = 2 b^2 (the KL projection of Laplace)", slide: slideKLML, expected: 2,
              observed: mleSigma * mleSigma, tolerance: .standardErrors(4, standardError: spread.standardError))

    // The right family: a Laplace fit by golden-section search vs the median and mean absolute deviation.
    let laplaceFit = minimiseSampledKLOverLaplace(x)
    let median = x.sorted()[x.count / 2]
    run.check("Laplace: argmin sampled KL location = sample median", slide: slideKLML,
              expected: median, observed: laplaceFit.location, tolerance: .absolute(1e-9))
    run.check("Laplace: scale = mean |x - median|", slide: slideKLML,
              expected: x.reduce(0) { $0 + Swift.abs($1 - median) } / n, observed: laplaceFit.scale, tolerance: .relative(1e-9))
    let klNormal = sampledKL(x, truth: truth, model: fitted), klLaplace = sampledKL(x, truth: truth, model: laplaceFit)
    run.say(String(format: "sampled KL: best normal %.4f nats, best Laplace %.5f nats", klNormal, klLaplace))
    run.check("the true family fits better: sampled KL Laplace <= normal", slide: slideKLML,
              expected: klNormal, observed: klLaplace, tolerance: .atMost(margin: 0))

    // Figure: the sampled KL as a function of sigma (mu at its MLE) against the true KL.
    let sigmas = stride(from: 0.6, through: 3.0, by: 0.01).map { $0 }
    var figure = Figure.lines(
      name: "prelims-kl-ml", title: "Minimising the sampled KL to p* = Laplace(0, 1) over N(sample mean, σ^2)",
      series: [
        ("sampled KL, N = \(x.count)", sigmas, sigmas.map { sampledKL(x, truth: truth, model: Normal(mean: mean, standardDeviation: $0)) }),
        ("true KL(p*||N(0, σ^2))", sigmas, sigmas.map { Laplace.klDivergence(truth, Normal(mean: 0, standardDeviation: $0)) }),
      ],
      xLabel: "σ", yLabel: "nats")
    figure.commands += ["set grid", "set key top center"]
    figure.layers.append(.columns([[fitted.standardDeviation], [klNormal]], style: "points pt 7 ps 2 lc rgb '#d62728'",
                                  title: String(format: "gradient-descent minimum, σ = %.4f (MLE %.4f)", fitted.standardDeviation, mleSigma)))
    try run.figure(figure)
  }

  /// The minimiser of the sampled KL vs the closed-form normal MLE: the mean and the 1/N
  /// standard deviation of the data.
  package static func checkKLMinimiserIsMLE(_ run: ChapterRun, minimiser: Normal, data x: [Double]) {
    let n = Double(x.count)
    let mean = x.reduce(0, +) / n
    let sigma = (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
    run.check("normal: argmin sampled KL mu = sample mean (MLE)", slide: slideKLML,
              expected: mean, observed: minimiser.mean, tolerance: .absolute(1e-9))
    run.check("normal: argmin sampled KL sigma = MLE sigma", slide: slideKLML,
              expected: sigma, observed: minimiser.standardDeviation, tolerance: .relative(1e-9))
  }
}
