// The formulas of the chapter that a lecturer can get wrong, in one place: `honest` holds the
// slides' formulas, `planted(_:)` swaps in the wrong variant of one catalogued mistake. `run`
// builds the struct once and passes it to the sections, which compute with it; the libraries
// stay honest (they only accept the function, as they would any other).

import Foundation
import Lecture
import Probability
import Stochastic

extension PrelimsChapter {
  /// The seams of the chapter's formulas.
  package struct Formulas {
    /// The histogram's bar height from a bin's count, N and the bin width.
    var histogramHeight: (_ count: Double, _ total: Int, _ width: Double) -> Double
    /// The KDE bandwidth from the data (Silverman's rule).
    var kdeBandwidth: ([Double]) -> Double
    /// E KDE(x): the truth convolved with the kernel N(0, h^2).
    var smoothedTruth: (NormalMixture, _ bandwidth: Double) -> NormalMixture
    /// x = P^-1(u) for a target; Phi^-1 where the chapter calls it directly.
    var quantile: (any ContinuousDistribution, Double) -> Double
    var normalQuantile: (Double) -> Double
    /// The 2-D noise z pushed onto the ring, and the ring map itself.
    var ringNoise: (inout SeededRandom) -> Point2
    var ring: (Point2) -> Point2
    /// D_KL between probability vectors, and the closed forms of the continuous pairs.
    var discreteKL: ([Double], [Double]) -> Double
    var normalKL: (Normal, Normal) -> Double
    var laplaceNormalKL: (Laplace, Normal) -> Double
    /// One Monte Carlo term of KL(p||q).
    var klTerm: (any ContinuousDistribution, any ContinuousDistribution, inout SeededRandom) -> Double
    /// The Laplace entropy 1 + log 2b, minus the red term E log p* of the slide.
    var laplaceEntropy: (Laplace) -> Double
    /// The sampled KL (1/N) sum_i [log p*(x_i) - log q(x_i)].
    var sampledKL: ([Double], any ContinuousDistribution, any ContinuousDistribution) -> Double
    /// The closed-form maximum-likelihood estimates: normal variance; Laplace location and scale.
    var normalMLEVariance: ([Double]) -> Double
    var laplaceMLE: ([Double]) -> Laplace
    /// The Laplace scale that maximises the likelihood at a given location m: mean |x - m|.
    var laplaceScale: ([Double], _ location: Double) -> Double
    /// The E-step (responsibilities P(z = k | x_n) by Bayes' rule) and the M-step of EM.
    var expectation: (GaussianMixture, [Point2]) -> [[Double]]
    var maximisation: ([Point2], [[Double]]) -> GaussianMixture
    /// P(Y = 1 | x) of a two-class model (weights P(Y = k), components P(x | Y = k)) by Bayes'
    /// rule, and the slope and intercept of its logistic form when the two variances are equal.
    var bayesPosterior: (NormalMixture, Double) -> Double
    var logisticForm: (NormalMixture) -> (w: Double, b: Double)

    /// The slides' formulas.
    package static var honest: Formulas {
      Formulas(
        histogramHeight: DensityHistogram.normalisedHeight,
        kdeBandwidth: KernelDensityEstimate.silvermanBandwidth,
        smoothedTruth: { $0.smoothed(bandwidth: $1) },
        quantile: { $0.quantile($1) },
        normalQuantile: Probability.normalQuantile,
        ringNoise: { Point2($0.normal(), $0.normal()) },
        ring: PrelimsChapter.ring,
        discreteKL: Probability.klDivergence,
        normalKL: Normal.klDivergence,
        laplaceNormalKL: Laplace.klDivergence,
        klTerm: PrelimsChapter.logRatioTerm,
        laplaceEntropy: { 1 + Foundation.log(2 * $0.scale) },
        sampledKL: PrelimsChapter.sampledKL,
        normalMLEVariance: { x in
          let mean = x.reduce(0, +) / Double(x.count)
          return x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count)
        },
        laplaceMLE: { x in
          let median = x.sorted()[x.count / 2]  // x.count is odd
          return Laplace(location: median, scale: x.reduce(0) { $0 + Swift.abs($1 - median) } / Double(x.count))
        },
        laplaceScale: { x, m in x.reduce(0) { $0 + Swift.abs($1 - m) } / Double(x.count) },
        expectation: { $0.responsibilities($1) },
        maximisation: GaussianMixture.maximisation,
        bayesPosterior: PrelimsChapter.bayesPosterior,
        logisticForm: PrelimsChapter.logisticForm)
    }

    /// The formulas with `mistake` planted (honest for nil).
    package static func planted(_ mistake: Mistake?) -> Formulas {
      var f = honest
      guard let mistake else { return f }
      switch mistake.name {
      case "histogram-without-bin-width":
        f.histogramHeight = { count, total, _ in count / Double(total) }
      case "kde-bandwidth-grows-with-n":
        f.kdeBandwidth = { x in KernelDensityEstimate.silvermanBandwidth(x) * Foundation.pow(Double(x.count), 0.4) }
      case "smoothing-adds-h-not-h-squared":
        f.smoothedTruth = { truth, h in truth.smoothed(bandwidth: h.squareRoot()) }
      case "exponential-quantile-rate-for-scale":
        f.quantile = { target, u in
          guard let e = target as? Exponential else { return target.quantile(u) }
          return -Foundation.log1p(-u) * e.rate
        }
      case "normal-quantile-variance-for-sd":
        f.quantile = { target, u in
          guard let n = target as? Normal else { return target.quantile(u) }
          return n.mean + n.variance * Probability.normalQuantile(u)
        }
      case "laplace-quantile-folded":
        f.quantile = { target, u in
          guard let l = target as? Laplace else { return target.quantile(u) }
          return l.location + Swift.abs(l.quantile(u) - l.location)
        }
      case "cauchy-quantile-without-pi":
        f.quantile = { target, u in
          guard let c = target as? Cauchy else { return target.quantile(u) }
          return c.location + c.scale * Foundation.tan(u - 0.5)
        }
      case "mixture-quantile-averaged":
        f.quantile = { target, u in
          guard let m = target as? NormalMixture else { return target.quantile(u) }
          return zip(m.weights, m.components).reduce(0) { $0 + $1.0 * $1.1.quantile(u) }
        }
      case "normal-quantile-upper-tail":
        f.normalQuantile = { p in Probability.normalQuantile(1 - p) }
      case "ring-without-normalisation":
        f.ring = { z in z / 10 + z }
      case "ring-noise-uniform":
        f.ringNoise = { Point2($0.uniform(), $0.uniform()) }
      case "kl-log-ratio-inverted":
        f.discreteKL = { p, q in zip(p, q).reduce(0) { $0 + ($1.0 > 0 ? $1.0 * Foundation.log($1.1 / $1.0) : 0) } }
      case "kl-symmetrised":
        f.klTerm = { p, q, r in
          0.5 * (PrelimsChapter.logRatioTerm(p, q, &r) + PrelimsChapter.logRatioTerm(q, p, &r))
        }
      case "kl-direction-swapped":
        f.normalKL = { p, q in Normal.klDivergence(q, p) }
      case "normal-kl-log-ratio-flipped":
        f.normalKL = { p, q in
          let d = p.mean - q.mean
          return Foundation.log(p.standardDeviation / q.standardDeviation)
            + (p.variance + d * d) / (2 * q.variance) - 0.5
        }
      case "laplace-entropy-without-2":
        f.laplaceEntropy = { 1 + Foundation.log($0.scale) }
      case "laplace-variance-b-squared":
        f.laplaceNormalKL = { p, q in
          let d = p.location - q.mean
          return -Foundation.log(2 * p.scale) - 1 + Foundation.log(q.standardDeviation * (2 * Double.pi).squareRoot())
            + (p.scale * p.scale + d * d) / (2 * q.variance)
        }
      case "sampled-kl-sign-flipped":
        f.sampledKL = { x, truth, model in -PrelimsChapter.sampledKL(x, truth: truth, model: model) }
      case "mle-variance-n-minus-1":
        f.normalMLEVariance = { x in
          let mean = x.reduce(0, +) / Double(x.count)
          return x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)
        }
      case "laplace-location-mean":
        f.laplaceMLE = { x in
          let mean = x.reduce(0, +) / Double(x.count)
          return Laplace(location: mean, scale: honest.laplaceMLE(x).scale)
        }
      case "laplace-scale-is-sd":
        f.laplaceMLE = { x in
          let mean = x.reduce(0, +) / Double(x.count)
          let sd = (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count)).squareRoot()
          return Laplace(location: honest.laplaceMLE(x).location, scale: sd)
        }
      case "laplace-scale-mean-squared-deviation":
        f.laplaceScale = { x, m in x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count) }
      case "responsibilities-not-normalised":
        f.expectation = { model, data in data.map { x in model.jointLogDensities(x).map(Foundation.exp) } }
      case "m-step-mean-over-n":
        f.maximisation = { data, gamma in
          var m = GaussianMixture.maximisation(data, responsibilities: gamma)
          for k in m.components.indices { m.components[k].mean = m.components[k].mean * m.weights[k] }
          return m
        }
      case "m-step-covariance-over-n":
        f.maximisation = { data, gamma in
          var m = GaussianMixture.maximisation(data, responsibilities: gamma)
          for k in m.components.indices {
            let c = m.components[k].covariance
            let share = m.weights[k]
            m.components[k].covariance = Covariance2(xx: c.xx * share, xy: c.xy * share, yy: c.yy * share)
          }
          return m
        }
      case "m-step-weights-not-divided-by-n":
        f.maximisation = { data, gamma in
          var m = GaussianMixture.maximisation(data, responsibilities: gamma)
          m.weights = m.weights.map { $0 * Double(data.count) }
          return m
        }
      case "bayes-rule-without-prior":
        f.bayesPosterior = { model, x in
          let likelihoods = model.components.map { $0.pdf(x) }
          return likelihoods[1] / likelihoods.reduce(0, +)
        }
      case "logistic-intercept-without-log-prior-ratio":
        f.logisticForm = { model in
          let form = PrelimsChapter.logisticForm(model)
          return (form.w, form.b - Foundation.log(model.weights[1] / model.weights[0]))
        }
      case "logistic-slope-sd-for-variance":
        f.logisticForm = { model in
          let form = PrelimsChapter.logisticForm(model)
          return (form.w * model.components[0].standardDeviation, form.b)
        }
      default:
        break
      }
      return f
    }
  }
}
