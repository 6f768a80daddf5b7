// prelims: probability preliminaries for the VAE half of the course.
//
// What it shows, in the order of the slides:
//   Probability Density Estimation   histogram and Gaussian KDE (Silverman bandwidth) of a
//                                    bimodal density: the integrated squared error falls as N
//                                    grows 100 -> 100,000 (paired test points); at a point the
//                                    histogram estimates P(bin)/w and the KDE the truth smoothed
//                                    by the kernel (Monte Carlo, 4 SE).
//   Generate Random Variables        x = P^-1(u), u ~ uni[0, 1], for five targets (KS statistic
//                                    against P = integral of the pdf, below its critical value);
//                                    travelling from p to g with G^-1(P(x)); the ring map
//                                    z/10 + z/|z| of a 2-D Gaussian (radius 1 + Rayleigh/10,
//                                    uniform angle).
//   KL Distance/Divergence           discrete (binomials) and continuous (normals, Laplace vs
//                                    normal) KL, closed form vs direct sum / Monte Carlo;
//                                    non-negative over random pairs; non-symmetric (printed pairs).
//   KL Distance and ML               minimising the sampled KL itself (golden-section search on
//                                    its values) lands on the closed-form maximum-likelihood
//                                    estimate; KL = E log p* - E log p_theta from sample means.
//   Discriminative / Generative Model  two 1-D classes: P(Y = 1 | X) by Bayes' rule from the
//                                    fitted P(X | Y) P(Y) equals its logistic closed form; a
//                                    logistic regression fitted directly lands on it (4 SE).
//   Generative Model                 P(z | x) by Bayes' rule against the labels sampling drew.
//   What is Mixture Model            a 2-D Gaussian mixture fitted by EM: the log-likelihood
//                                    never decreases, the parameters are recovered.
// Mistakes: `prelims --mistakes` (Mistakes.swift), planted through `Formulas`.
// Figures: prelims-histogram-kde, prelims-density-convergence, prelims-inverse-cdf,
//          prelims-transport, prelims-ring, prelims-kl-asymmetry, prelims-kl-ml,
//          prelims-discriminative-generative, prelims-gmm,
//          prelims-em-loglik.
// Run: swift run -c release prelims [--quick] [--seed N] (see --help). No image data is used.
// Symbols: p, P the target pdf and CDF, u ~ uni[0, 1], D_n the Kolmogorov-Smirnov statistic,
//          h the KDE bandwidth, gamma_nk the responsibilities, pi_k, mu_k, Sigma_k the mixture.
// Reference: Lecture slides "Probability Density Estimation" to "Definition"; Wichura (1988) AS241;
//            Silverman (1986); Dempster, Laird & Rubin (1977); Efron (1975) for logistic regression
//            against the normal discriminant.

import Lecture

/// The probability preliminaries chapter.
public enum PrelimsChapter: Chapter {
  public static let name = "prelims"
  public static let title = "Probability preliminaries"

  /// Sample sizes. The chapter runs in seconds, so `--quick` keeps them: a quick run must have
  /// the same power to catch a mistake as a full one.
  package struct Config {
    /// Random pairs of the non-negativity and asymmetry sweep.
    var klPairs = 1_000
    /// EM iterations of the mixture model.
    var emIterations = 500
    /// EM runs from different k-means++ starts; the most likely is kept (EM finds local maxima).
    var emRestarts = 5
    /// Draws per inverse-CDF target and per G^-1(P(x)) transport; points of the ring map; Monte
    /// Carlo draws per continuous KL; data points of "KL and ML" (odd, so the sample median is
    /// a single point); data points of the mixture; sample sizes of the density study.
    var samplerCount = 50_000
    var ringCount = 20_000
    var klCount = 400_000
    var mlCount = 20_001
    var mixtureCount = 3_000
    /// Labelled points of the two-class problem (discriminative vs generative).
    var twoClassCount = 10_000
    var densitySizes = [100, 1_000, 10_000, 100_000]
    /// Random points x ~ uni[-6, 6] at which two density estimates' squared errors are paired.
    var testPoints = 1_000

    package init() {}

    /// The chapter's sizes with the run's knobs applied.
    package init(_ run: ChapterRun) {
      samplerCount = run.integer("samples", default: samplerCount)
      ringCount = run.integer("samples", default: ringCount)
    }
  }

  /// The draws of "Generate Random Variables" as a flag: every row there is judged against a
  /// threshold set by the sample size (KS critical values, standard errors), so it stays valid
  /// at any size; fewer draws only make the rows less able to catch a wrong sampler.
  public static let knobs: [Knob] = [
    .integer(
      "samples", slide: "Generate Random Variables",
      help: "draws of each sampler there: x = P^-1(u) for each of the five targets, each G^-1(P(x)) transport, "
        + "and the points of the ring map z/10 + z/|z|",
      default: "50000 (ring map: 20000)", range: 100...1_000_000)
  ]

  public static func run(_ run: ChapterRun) throws {
    let config = Config(run)
    let formulas = Formulas.planted(run.mistake)
    if run.wants("density") { try densityEstimation(run, config: config, formulas: formulas) }
    if run.wants("random-variables") { try generateRandomVariables(run, config: config, formulas: formulas) }
    if run.wants("ring") { try ringMap(run, config: config, formulas: formulas) }
    if run.wants("kl") { try klDivergence(run, config: config, formulas: formulas) }
    if run.wants("kl-ml") { try klAndMaximumLikelihood(run, config: config, formulas: formulas) }
    if run.wants("discriminative") { try discriminativeVersusGenerative(run, config: config, formulas: formulas) }
    if run.wants("mixture") { try mixtureModel(run, config: config, formulas: formulas) }
  }
}
