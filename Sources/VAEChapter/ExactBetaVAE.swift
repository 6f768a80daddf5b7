// Slide "beta-VAE": the constrained problem
//
//   max E_q log p(x|z)   s.t.   KL(q(z|x) || p(z)) < delta
//
// "with a Lagrange multiplier becomes" Loss = -E_q log p(x|z) + beta KL. Trained networks only
// approach their optima, so the sweep of MLP VAEs cannot hold this to a tolerance (`betaSweep`
// states what it shows). A linear-Gaussian VAE can: decoder p(x|z) = N(W z + m, s^2 I), encoder
// q(z|x) = N(V (x - m), diag(t^2)), Z coordinates, on the training images' own mean and
// covariance, which is all its loss sees of the data (the loss is quadratic in x). Along the
// principal axes u_i of the images (variances lambda_i), with W = U diag(w) and V = diag(v) U^T,
// each coordinate of z is a problem of its own:
//
//   distortion  d_i = E (x_i - w z_i)^2 / (2 s^2) = (lambda_i (1 - w v)^2 + w^2 t^2) / (2 s^2)
//   rate        r_i = E_x KL(N(v x_i, t^2) || N(0, 1)), the KL at mean v sqrt(lambda_i) (it is
//               linear in the squared mean)
//
// (the directions beyond the Z largest are not coded: their lambda_i / (2 s^2) is the same
// constant on both routes and left out). Two routes that share no intermediate value:
//   the Lagrangian  each coordinate's d + beta r, the loss as written, minimised over (w, v, t)
//                   by golden-section search: no derivative of it is taken by hand;
//   the constraint  the least distortion at rate delta, from rate-distortion theory: reverse
//                   water-filling, sum_i max(0, 1/2 log(lambda_i / theta)) = delta solved for the
//                   water level theta by bisection, distortion sum_i min(theta, lambda_i) / (2 s^2).
//                   (Shannon's bound for a Gaussian source coded in Z coordinates; the rate
//                   E_x KL(q || p(z)) is at least the mutual information of x and z.)
// The Lagrangian's optimum at beta must reach the constraint's least distortion at delta = its
// own KL, and beta must be the constraint's shadow price, -dD/d delta there: the curve is convex,
// so beta lies between the slopes of its chords on either side.

import Datasets
import Foundation
import Lecture
import LinearAlgebra
import Plotting
import Probability
import TensorMatrix

extension VAEChapter {
  /// The linear-Gaussian VAE's optimum of one coordinate for one beta: its two terms.
  struct LinearCoordinate {
    let distortion: Double
    let kl: Double
  }

  /// Minimises d + klWeight(beta) r of one principal direction (variance `lambda`, decoder
  /// variance `s2`) over w in [0, 2 sqrt(lambda)], v in [0, 2 / sqrt(s2 min(k, 1))] (k the
  /// weight on the KL) and log t^2 in [-30, 5], by nested golden-section searches of the loss as
  /// written. The optimum has w^2 < lambda and v <= 1 / (2 s sqrt(k)): the brackets hold it.
  static func linearCoordinate(lambda: Double, s2: Double, beta: Double, formulas f: Formulas) -> LinearCoordinate {
    let weight = f.klWeight(beta)
    func distortion(_ w: Double, _ v: Double, _ t2: Double) -> Double {
      (lambda * (1 - w * v) * (1 - w * v) + w * w * t2) / (2 * s2)
    }
    func kl(_ v: Double, _ t2: Double) -> Double {
      f.kl.diagonalToStandard([v * lambda.squareRoot()], [t2])
    }
    func loss(_ w: Double, _ v: Double, _ t2: Double) -> Double { distortion(w, v, t2) + weight * kl(v, t2) }
    func bestT2(_ w: Double, _ v: Double) -> Double {
      exp(goldenSectionMinimum({ loss(w, v, exp($0)) }, -30, 5, relativeWidth: 1e-11))
    }
    let vMax = 2 / (s2 * Swift.min(weight, 1)).squareRoot()
    func bestV(_ w: Double) -> Double {
      goldenSectionMinimum({ v in loss(w, v, bestT2(w, v)) }, 0, vMax, relativeWidth: 1e-11)
    }
    let w = goldenSectionMinimum(
      { w in
        let v = bestV(w)
        return loss(w, v, bestT2(w, v))
      }, 0, 2 * lambda.squareRoot(), relativeWidth: 1e-11)
    let v = bestV(w)
    let t2 = bestT2(w, v)
    return LinearCoordinate(distortion: distortion(w, v, t2), kl: kl(v, t2))
  }

  /// Reverse water-filling over `variances`: the least sum_i E (x_i - x^_i)^2 / (2 s^2) at a
  /// rate of `delta` nats, every coded direction's error variance at one water level theta.
  static func waterFilling(_ variances: [Double], s2: Double, delta: Double) -> Double {
    func rate(_ theta: Double) -> Double { variances.reduce(0) { $0 + Swift.max(0, 0.5 * log($1 / theta)) } }
    // rate(theta) falls from delta_max at theta -> 0 to 0 at theta = max lambda: bisect on log theta.
    var (low, high) = (log(variances.min() ?? 1) - 60, log(variances.max() ?? 1))
    for _ in 0..<200 {
      let mid = 0.5 * (low + high)
      if rate(exp(mid)) > delta { low = mid } else { high = mid }
    }
    let theta = exp(0.5 * (low + high))
    return variances.reduce(0) { $0 + Swift.min(theta, $1) } / (2 * s2)
  }

  static let constraintCheckName =
    "KL < delta = KL at beta: the Lagrangian's optimum has the least distortion within the constraint "
    + "(largest relative gap over the betas)"

  static func multiplierCheckName(_ beta: Double) -> String {
    "multiplier at beta = \(formatNumber(beta)): -dD/d delta of the least distortion at delta = KL at beta "
      + "(between the chords on either side)"
  }

  static func exactBetaVAE(
    _ run: ChapterRun, train: LabeledImages, betas: [Double], latentSize z: Int, formulas f: Formulas
  ) throws {
    run.section("beta-VAE exactly: the constraint KL < delta and its Lagrangian on a linear-Gaussian VAE, Z = \(z)")
    let slide = "beta-VAE"
    let pca = try PrincipalComponents(fitting: Matrix(train.images))
    let lambdas = Array(pca.variances.prefix(z))
    // The decoder's variance puts the betas' water levels beta s^2 on both sides of the coded
    // variances (a third of the smallest, so that no beta of the sweep sits exactly on one): at
    // the smallest beta every direction is coded, at the largest only the leading ones.
    let s2 = lambdas[z - 1] / 3
    run.say(
      String(
        format: "the %d training images' %d largest principal variances %.3f ... %.3f; decoder variance s^2 = %.4f",
        train.count, z, lambdas[0], lambdas[z - 1], s2))
    var rates: [Double] = []
    var distortions: [Double] = []
    var largestGap = 0.0
    for beta in betas {
      let coordinates = lambdas.map { linearCoordinate(lambda: $0, s2: s2, beta: beta, formulas: f) }
      let rate = f.rate(coordinates.reduce(0) { $0 + $1.kl }, beta, z)
      let distortion = coordinates.reduce(0) { $0 + $1.distortion }
      let least = waterFilling(lambdas, s2: s2, delta: rate)
      largestGap = Swift.max(largestGap, abs(distortion - least) / least)
      run.say(
        String(
          format: "beta = %-5g: the optimum of D + beta KL has KL %7.3f, D %8.4f nats; the least D within "
            + "KL < %.3f is %8.4f; %d of %d directions coded", beta, rate, distortion, rate, least,
          coordinates.filter { $0.kl > 1e-6 }.count, z))
      // The shadow price -dD/d delta by chords of the constraint's curve on either side of delta.
      let h = 1e-3 * Swift.max(rate, 1e-3)
      let left =
        (waterFilling(lambdas, s2: s2, delta: Swift.max(rate - h, 0)) - least) / Swift.min(h, rate)
      let right = (least - waterFilling(lambdas, s2: s2, delta: rate + h)) / h
      run.check(
        multiplierCheckName(beta), slide: slide,
        expected: beta, observed: 0.5 * (left + right), tolerance: .absolute(0.5 * (left - right) + 1e-9 * beta))
      rates.append(rate)
      distortions.append(distortion)
    }
    // Golden section places each minimiser to about sqrt(eps) = 1.5e-8 of its bracket; the
    // point (rate, distortion) it gives then lies off the curve by the square of that.
    run.check(
      constraintCheckName, slide: slide,
      expected: 0, observed: largestGap, tolerance: .atMost(margin: 1e-8))
    try exactBetaFigure(run, lambdas: lambdas, s2: s2, betas: betas, rates: rates, distortions: distortions)
  }

  /// The constraint's curve (least distortion against delta) with the Lagrangian's optima on it,
  /// each with its tangent of slope -beta.
  static func exactBetaFigure(
    _ run: ChapterRun, lambdas: [Double], s2: Double, betas: [Double], rates: [Double], distortions: [Double]
  ) throws {
    let top = 1.15 * (rates.max() ?? 1)
    let deltas = (0...120).map { top * Double($0) / 120 }
    let curve = deltas.map { waterFilling(lambdas, s2: s2, delta: $0) }
    var figure = Figure(
      name: "vae-beta-exact",
      title: "Linear-Gaussian VAE (Z = \(lambdas.count)): the least distortion within KL < δ, "
        + "and the optima of D + β KL on it with slope -β",
      xLabel: "δ = rate KL(q(z|x) || p(z)) (nats)",
      yLabel: "distortion: squared error / 2 s², coded directions (nats)",
      commands: [KeyPlacement.inside(.topRight).command, "set grid"])
    // Tangents of the same length on the page, 12 % of the plot's diagonal whatever their slope,
    // drawn over the curve and under the optima.
    let (width, height) = (top, curve.first ?? 1)
    let tangents: [Layer] = zip(betas, zip(rates, distortions)).enumerated().map { i, point in
      let (beta, (rate, distortion)) = point
      let span = 0.12 / ((1 / width) * (1 / width) + (beta / height) * (beta / height)).squareRoot()
      return .columns(
        [[rate - span, rate + span], [distortion + beta * span, distortion - beta * span]], style: .line(.orange),
        title: i == 0 ? "slope -β: the multiplier of the constraint" : nil)
    }
    figure.layers =
      [.columns([deltas, curve], style: .line(.black), title: "least distortion within KL < δ (water-filling)")]
      + tangents
      + [
        .columns([rates, distortions], style: .points(.blue, size: 1.5), title: "optimum of D + β KL (golden section)")
      ]
    figure.commands += zip(betas, zip(rates, distortions)).map { beta, point in
      "set label 'β = \(formatNumber(beta))' at \(point.0),\(point.1) offset 1,1"
    }
    try run.figure(figure)
  }
}
