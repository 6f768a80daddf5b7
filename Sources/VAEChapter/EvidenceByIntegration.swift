// P(X) = integral P(X|z) P(z) dz (slides "VAE Mathematics": the evidence the VAE cannot compute)
// computed two ways on probabilistic PCA, where log p(x) = log N(x; mu, W W^T + s^2 I) is known:
//
//   importance sampling  p(x) = E_{z ~ q} [p(x, z) / q(z)], so log (1/n) sum_i e^{a_i} with
//                        a_i = log p(x, z_i) - log q(z_i) tends to log p(x); its standard error
//                        by the delta method is sd(e^a) / (sqrt(n) mean(e^a)) (q wider than the
//                        posterior, so the weights have a finite variance);
//   quadrature           the integral of e^{log p(x|z) + log p(z)} on a 2-D grid around the
//                        posterior mean, 10 posterior standard deviations each way: the
//                        integrand is a Gaussian in z, so the grid sum is exact far below 1e-9.
//
// Both average e^a through the chapter's log-mean-exp; a log-sum-exp in its place (a missing
// log K) moves them by log n.

import Foundation
import Lecture
import Probability

extension VAEChapter {
  static func importanceSampling(_ run: ChapterRun, logWeights a: [Double], logEvidence: Double, formulas f: Formulas)
    throws
  {
    let top = a.max() ?? 0
    let w = MeanEstimate(a.map { Foundation.exp($0 - top) })
    let estimate = f.logMeanExp(a)
    run.check(
      "log p(x) = log mean of p(x,z)/q(z|x), z ~ q (\(a.count) draws) vs closed form", slide: elboSlide,
      expected: logEvidence, observed: estimate, tolerance: .standardErrors(4, standardError: w.standardError / w.mean))
  }

  static func quadrature(
    _ run: ChapterRun, model: LinearGaussianModel, x: [Double], logEvidence: Double, formulas f: Formulas
  ) throws {
    let posterior = try model.posterior(x)
    let n = 201
    let halfWidths = (0..<2).map { 10 * posterior.covariance[$0, $0].squareRoot() }
    let steps = halfWidths.map { 2 * $0 / Double(n - 1) }
    var logIntegrand: [Double] = []
    logIntegrand.reserveCapacity(n * n)
    for i in 0..<n {
      for j in 0..<n {
        let z = [
          posterior.mean[0] - halfWidths[0] + Double(i) * steps[0],
          posterior.mean[1] - halfWidths[1] + Double(j) * steps[1],
        ]
        logIntegrand.append(try model.logJoint(x, z))
      }
    }
    // integral = (grid area) * mean of the integrand over the grid.
    let area = Double(n * n) * steps[0] * steps[1]
    let integral = f.logMeanExp(logIntegrand) + Foundation.log(area)
    run.check(
      "log p(x) = log integral p(x|z) p(z) dz (\(n)x\(n) grid) vs closed form", slide: elboSlide,
      expected: logEvidence, observed: integral, tolerance: .relative(1e-9))
  }
}
