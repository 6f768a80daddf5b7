// Slide "Kullback-Leibler (KL) Distance/Divergence": D_KL(P||Q) = E_P[log P - log Q], for
// discrete and continuous random variables; non-negative, non-symmetric.
// Each closed form (Normal.klDivergence, Laplace.klDivergence, binomialKL) is checked against an
// independent computation: the direct sum over outcomes, or a Monte Carlo average of the
// log-ratio under P with its standard error.

import Foundation
import Lecture
import Plotting
import Probability
import Stochastic

extension PrelimsChapter {
  package static let slideKL = "KL Distance/Divergence"

  package static func klDivergence(_ run: ChapterRun, config: Config, formulas: Formulas) throws {
    run.section("Kullback-Leibler divergence: discrete, continuous, non-negative, non-symmetric")

    // Discrete: two binomials, closed form n KL(Ber(p)||Ber(q)) vs the sum over k = 0...n.
    let (trials, p, q) = (20, 0.3, 0.5)
    let bp = binomialProbabilities(trials: trials, success: p)
    let bq = binomialProbabilities(trials: trials, success: q)
    run.check(
      "discrete: sum_k P log(P/Q), Bin(20, .3)||Bin(20, .5)", slide: slideKL,
      expected: binomialKL(trials: trials, p, q), observed: formulas.discreteKL(bp, bq), tolerance: .relative(1e-12))
    run.check(
      "discrete: sum_k Q log(Q/P), Bin(20, .5)||Bin(20, .3)", slide: slideKL,
      expected: binomialKL(trials: trials, q, p), observed: formulas.discreteKL(bq, bp), tolerance: .relative(1e-12))

    // Continuous: closed forms vs Monte Carlo, in both directions for the normal pair.
    var rng = run.random("kl-mc")
    let n0 = Normal(mean: 0, standardDeviation: 1)
    let n1 = Normal(mean: 1, standardDeviation: 2)
    let forward = checkContinuousKL(
      run, p: n0, q: n1, closedForm: formulas.normalKL(n0, n1), count: config.klCount, term: formulas.klTerm,
      using: &rng)
    let reverse = checkContinuousKL(
      run, p: n1, q: n0, closedForm: formulas.normalKL(n1, n0), count: config.klCount, term: formulas.klTerm,
      using: &rng)
    let laplace = Laplace(location: 0, scale: 1)
    checkContinuousKL(
      run, p: laplace, q: n0, closedForm: formulas.laplaceNormalKL(laplace, n0), count: config.klCount,
      term: formulas.klTerm, using: &rng)

    // Non-symmetric: the two Monte Carlo estimates differ by more than 4 SE of their difference.
    let gap = Swift.abs(reverse.mean - forward.mean)
    let gapSE = (forward.standardError * forward.standardError + reverse.standardError * reverse.standardError)
      .squareRoot()
    run.say(
      String(
        format: "pair: KL(%@||%@) = %.4f, KL(%@||%@) = %.4f", n0.name, n1.name, forward.mean, n1.name, n0.name,
        reverse.mean))
    run.check(
      "non-symmetric: |KL(q||p) - KL(p||q)| >= 4 SE (MC)", slide: slideKL,
      expected: 4 * gapSE, observed: gap, tolerance: .atLeast(margin: 0))

    // Non-negative, over random pairs: categorical on 6 outcomes (Dirichlet(1) weights) and normals.
    var pairs = run.random("kl-pairs")
    var smallestDiscrete = Double.infinity
    var smallestNormal = Double.infinity
    var largestGap = 0.0
    var printed = 0
    for _ in 0..<config.klPairs {
      let a = randomCategorical(6, using: &pairs)
      let b = randomCategorical(6, using: &pairs)
      let (ab, ba) = (formulas.discreteKL(a, b), formulas.discreteKL(b, a))
      smallestDiscrete = Swift.min(smallestDiscrete, ab, ba)
      largestGap = Swift.max(largestGap, Swift.abs(ab - ba))
      if printed < 3 {
        run.say(String(format: "random categorical pair %d: KL(P||Q) = %.4f, KL(Q||P) = %.4f", printed + 1, ab, ba))
        printed += 1
      }
      let u = Normal(mean: pairs.normal(), standardDeviation: Foundation.exp(pairs.normal()))
      let v = Normal(mean: pairs.normal(), standardDeviation: Foundation.exp(pairs.normal()))
      smallestNormal = Swift.min(smallestNormal, formulas.normalKL(u, v), formulas.normalKL(v, u))
    }
    run.check(
      "non-negative: min KL over \(config.klPairs) categorical pairs", slide: slideKL,
      expected: 0, observed: smallestDiscrete, tolerance: .atLeast(margin: 0))
    run.check(
      "non-negative: min KL over \(config.klPairs) normal pairs", slide: slideKL,
      expected: 0, observed: smallestNormal, tolerance: .atLeast(margin: 0))
    // log(P/P) = log 1 = 0 term by term: arithmetic, so a stated fact, not a check.
    run.fact("KL(P||P) for P = Bin(20, .3) (every term P log 1)", slide: slideKL, value: formulas.discreteKL(bp, bp))
    run.say(String(format: "largest |KL(P||Q) - KL(Q||P)| over the categorical pairs: %.3f", largestGap))

    // Figure: KL between N(0, 1) and N(0, s^2) in both directions as s varies.
    let scales = (0..<200).map { Foundation.exp(Foundation.log(0.2) + Foundation.log(25.0) * Double($0) / 199) }
    var figure = Figure.lines(
      name: "prelims-kl-asymmetry", title: "KL is not symmetric: P = N(0, 1), Q = N(0, s^2)",
      series: [
        ("D_{KL}(P||Q)", scales, scales.map { Normal.klDivergence(n0, Normal(mean: 0, standardDeviation: $0)) }),
        ("D_{KL}(Q||P)", scales, scales.map { Normal.klDivergence(Normal(mean: 0, standardDeviation: $0), n0) }),
      ],
      xLabel: "s (standard deviation of Q)", yLabel: "nats")
    figure.commands += [LogAxis.x.command, "set grid", KeyPlacement.inside(.topCenter).command, "set yrange [0:4]"]
    try run.figure(figure)
  }

  /// One term of the Monte Carlo estimate of KL(p||q): log p(x) - log q(x), x ~ p (drawn by P^-1(u)).
  package static func logRatioTerm(
    _ p: any ContinuousDistribution, _ q: any ContinuousDistribution,
    _ rng: inout SeededRandom
  ) -> Double {
    let x = p.sample(using: &rng)
    return p.logPdf(x) - q.logPdf(x)
  }

  /// Closed form vs the Monte Carlo average of `term` (the log-ratio log p(x) - log q(x), x ~ p).
  @discardableResult
  package static func checkContinuousKL(
    _ run: ChapterRun, p: any ContinuousDistribution, q: any ContinuousDistribution, closedForm: Double, count: Int,
    term: (any ContinuousDistribution, any ContinuousDistribution, inout SeededRandom) -> Double = logRatioTerm,
    using rng: inout SeededRandom
  ) -> MeanEstimate {
    let estimate = monteCarlo(count: count, using: &rng) { r in term(p, q, &r) }
    run.check(
      "continuous: KL(\(p.name)||\(q.name)) vs MC", slide: slideKL,
      expected: closedForm, observed: estimate.mean,
      tolerance: .standardErrors(4, standardError: estimate.standardError))
    return estimate
  }

  /// A categorical distribution with Dirichlet(1, ..., 1) weights (normalised exponentials).
  static func randomCategorical(_ k: Int, using rng: inout SeededRandom) -> [Double] {
    let e = (0..<k).map { _ in -Foundation.log(1 - rng.uniform()) }
    let total = e.reduce(0, +)
    return e.map { $0 / total }
  }
}
