// Slide "KL Distance and ML": D_KL[p*||p_theta] = E_p*[log p*] - E_p*[log p_theta(x)]. The first
// term does not depend on theta, and by the law of large numbers the second is the average
// log-likelihood (1/N) sum_i log p_theta(x_i). So minimising the sampled KL over theta is
// maximum likelihood. The chapter minimises the sampled KL numerically, from its values alone
// (golden-section search, for a normal family and for a Laplace family), on data from
// p* = Laplace(0, 1), and compares the minimiser with the closed-form MLE (sample mean and 1/N
// standard deviation; sample median and mean absolute deviation).

import Foundation
import Lecture
import Plotting
import Probability
import Stochastic

extension PrelimsChapter {
  package static let slideKLML = "KL Distance and ML"

  /// The sampled KL (1/N) sum_i [log p*(x_i) - log q(x_i)], summed with compensation (Neumaier),
  /// so its rounding is a few ulps of the mean |term| rather than N of them.
  package static func sampledKL(_ x: [Double], truth: any ContinuousDistribution, model: any ContinuousDistribution)
    -> Double
  {
    var sum = 0.0
    var compensation = 0.0
    for v in x {
      let term = truth.logPdf(v) - model.logPdf(v)
      let t = sum + term
      compensation += Swift.abs(sum) >= Swift.abs(term) ? (sum - t) + term : (term - t) + sum
      sum = t
    }
    return (sum + compensation) / Double(x.count)
  }

  /// The normal N(mu, sigma^2) minimising `objective` (the sampled KL), found from the objective's
  /// values alone: golden-section search over mu with sigma fixed, then over sigma with mu fixed,
  /// three rounds (the sampled KL of a normal is minimised in mu at the same point for every
  /// sigma, so the rounds agree after the first).
  package static func minimiseSampledKLOverNormals(_ x: [Double], objective: (Normal) -> Double) -> Normal {
    let (lo, hi) = (x.min() ?? -1, x.max() ?? 1)
    let range = Swift.max(hi - lo, 1e-6)
    var mu = 0.5 * (lo + hi)
    var sigma = range / 4
    for _ in 0..<3 {
      mu = goldenSectionMinimum({ objective(Normal(mean: $0, standardDeviation: sigma)) }, lo, hi)
      sigma = goldenSectionMinimum({ objective(Normal(mean: mu, standardDeviation: $0)) }, 1e-3 * range, range)
    }
    return Normal(mean: mu, standardDeviation: sigma)
  }

  /// Golden-section search for the Laplace location minimising the sampled KL with the scale
  /// profiled out: for fixed m the best b is mean|x - m|, and the sampled KL is then
  /// const + log(2 mean|x - m|) + 1, a convex function of m. The fit's scale at that m is
  /// `scale(x, m)` (the chapter's formula for it, mean|x - m| unless a mistake is planted).
  package static func minimiseSampledKLOverLaplace(_ x: [Double], scale: ([Double], Double) -> Double) -> Laplace {
    func profiled(_ m: Double) -> Double {
      Foundation.log(2 * x.reduce(0) { $0 + Swift.abs($1 - m) } / Double(x.count)) + 1
    }
    let m = goldenSectionMinimum(profiled, x.min() ?? 0, x.max() ?? 0)
    return Laplace(location: m, scale: scale(x, m))
  }

  package static func klAndMaximumLikelihood(_ run: ChapterRun, config: Config, formulas: Formulas) throws {
    run.section("KL Distance and ML: minimising the sampled KL is maximum likelihood")
    let truth = Laplace(location: 0, scale: 1)
    var rng = run.random("kl-ml")
    let x = truth.samples(config.mlCount, using: &rng)
    let n = Double(x.count)
    run.say("data: \(x.count) samples of p* = \(truth.name)")

    // A normal family (misspecified): the closed-form MLE is the sample mean and the 1/N variance.
    let fitted = minimiseSampledKLOverNormals(x) { formulas.sampledKL(x, truth, $0) }
    let mean = x.reduce(0, +) / n
    run.say("golden-section search on the sampled KL itself (its values, no gradient)")
    checkKLMinimiserIsMLE(run, minimiser: fitted, data: x, truth: truth, variance: formulas.normalMLEVariance)

    // The slide's line KL = E log p* - E log p_theta, each expectation a sample mean, at the best
    // normal N(0, 2b^2) = N(0, 2) (the KL projection of the Laplace onto the normals).
    let best = Normal(mean: 0, standardDeviation: 2.0.squareRoot())
    let logTruth = MeanEstimate(x.map(truth.logPdf))
    let logModel = MeanEstimate(x.map(best.logPdf))
    run.say(
      String(
        format: "E log p*(x) = %.5f (the red term: no theta in it), E log N(x | 0, 2) = %.5f (sample means)",
        logTruth.mean, logModel.mean))
    let terms = MeanEstimate(x.map { truth.logPdf($0) - best.logPdf($0) })
    run.check(
      "KL(p*||N(0, 2)) = E log p* - E log p_theta (sample means)", slide: slideKLML,
      expected: formulas.laplaceNormalKL(truth, best), observed: logTruth.mean - logModel.mean,
      tolerance: .standardErrors(4, standardError: terms.standardError))
    run.check(
      "E log p* = -(1 + log 2b) (minus the Laplace entropy)", slide: slideKLML,
      expected: -formulas.laplaceEntropy(truth),
      observed: logTruth.mean, tolerance: .standardErrors(4, standardError: logTruth.standardError))
    let squares = MeanEstimate(x.map { ($0 - mean) * ($0 - mean) })
    run.check(
      "argmin sampled KL sigma^2 = 2 b^2 (the KL projection of Laplace)", slide: slideKLML,
      expected: 2 * truth.scale * truth.scale,
      observed: fitted.variance, tolerance: .standardErrors(4, standardError: squares.standardError))

    // The right family: a Laplace fit by golden-section search vs the median and mean absolute deviation.
    let laplaceFit = minimiseSampledKLOverLaplace(x, scale: formulas.laplaceScale)
    let mle = formulas.laplaceMLE(x)
    run.check(
      "Laplace: argmin sampled KL location = sample median", slide: slideKLML,
      expected: mle.location, observed: laplaceFit.location, tolerance: .absolute(1e-9))
    run.check(
      "Laplace: scale = mean |x - median|", slide: slideKLML,
      expected: mle.scale, observed: laplaceFit.scale, tolerance: .relative(1e-9))
    let klNormal = sampledKL(x, truth: truth, model: fitted)
    let klLaplace = sampledKL(x, truth: truth, model: laplaceFit)
    run.say(String(format: "sampled KL: best normal %.4f nats, best Laplace %.5f nats", klNormal, klLaplace))
    // The difference of the two sampled KLs is the mean of log q_Laplace - log q_normal: paired.
    let gain = MeanEstimate(x.map { laplaceFit.logPdf($0) - fitted.logPdf($0) })
    run.check(
      "the true family fits better: KL(normal) - KL(Laplace) >= 4 SE (paired)", slide: slideKLML,
      expected: 4 * gain.standardError, observed: gain.mean, tolerance: .atLeast(margin: 0))

    // Figure: the sampled KL as a function of sigma (mu at its MLE) against the true KL.
    let sigmas = stride(from: 0.6, through: 3.0, by: 0.01).map { $0 }
    var figure = Figure.lines(
      name: "prelims-kl-ml",
      title: "Minimising the sampled KL to p* = Laplace(0, 1) over σ: the sampled KL of N(sample mean, σ^2), "
        + "the true KL of N(0, σ^2)",
      series: [
        (
          "sampled KL, N = \(x.count)", sigmas,
          sigmas.map { sampledKL(x, truth: truth, model: Normal(mean: mean, standardDeviation: $0)) }
        ),
        (
          "true KL(p*||N(0, σ^2))", sigmas,
          sigmas.map { Laplace.klDivergence(truth, Normal(mean: 0, standardDeviation: $0)) }
        ),
      ],
      xLabel: "σ", yLabel: "nats")
    figure.commands += ["set grid", KeyPlacement.inside(.topCenter).command]
    figure.layers.append(
      .columns(
        [[fitted.standardDeviation], [klNormal]], style: .points(.red, size: 2),
        title: String(
          format: "golden-section minimum, σ = %.4f (MLE %.4f)", fitted.standardDeviation,
          formulas.normalMLEVariance(x).squareRoot())))
    try run.figure(figure)
  }

  /// The minimiser of the sampled KL vs the closed-form normal MLE: the mean and the square root
  /// of `variance` (the 1/N variance). Near its minimum the sampled KL is flat to rounding: with
  /// delta = 8 ulps of the mean |log p*| + |log q| (the compensated sum's rounding, evaluating
  /// the logs included), any theta with f''/2 (theta - theta*)^2 <= delta is as good a minimiser
  /// in Double, f'' = 1/sigma^2 for mu and 2/sigma^2 for sigma; the tolerance is twice that width.
  package static func checkKLMinimiserIsMLE(
    _ run: ChapterRun, minimiser: Normal, data x: [Double], truth: any ContinuousDistribution,
    variance: ([Double]) -> Double
  ) {
    let n = Double(x.count)
    let mean = x.reduce(0, +) / n
    let sigma = variance(x).squareRoot()
    let scale = x.reduce(0) { $0 + Swift.abs(truth.logPdf($1)) + Swift.abs(minimiser.logPdf($1)) } / n
    let delta = 8 * Double.ulpOfOne * scale
    let s2 = minimiser.variance
    run.check(
      "normal: argmin sampled KL mu = sample mean (MLE)", slide: slideKLML,
      expected: mean, observed: minimiser.mean, tolerance: .absolute(2 * (2 * delta * s2).squareRoot()))
    run.check(
      "normal: argmin sampled KL sigma = MLE sigma (1/N variance)", slide: slideKLML,
      expected: sigma, observed: minimiser.standardDeviation, tolerance: .absolute(2 * (delta * s2).squareRoot()))
  }
}
