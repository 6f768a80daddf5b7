// Slide "Denoising Autoencoder (DAE): how to corrupt input data". Each corruption is checked
// for the statistics it claims, by counting what it did: the Gaussian noise on real test
// images (its mean and variance), the others on a uniform mid-grey canvas, where every pixel
// they touch is visible (0 and 1 differ from 0.5; a real image's black background would hide
// masked pixels). Every statistic is a Monte Carlo estimate, compared within 4 standard errors.

import AutoencoderKit
import Datasets
import Foundation
import Lecture
import Probability
import Stochastic
import TensorCore

extension DenoisingChapter {
  /// The fraction of `values` for which `predicate` holds.
  static func fraction(_ values: [Float], where predicate: (Float) -> Bool) -> Double {
    Double(values.filter(predicate).count) / Double(values.count)
  }

  /// A check that an observed fraction of n Bernoulli trials has probability p.
  static func fractionCheck(
    _ run: ChapterRun, _ name: String, slide: String, p: Double, observed: Double, trials n: Int
  ) {
    run.check(
      name, slide: slide, expected: p, observed: observed,
      tolerance: .standardErrors(4, standardError: (p * (1 - p) / Double(n)).squareRoot()))
  }

  /// The probability that a side x side block at a uniform position covers pixel c of a row
  /// of `length` pixels: the admissible left edges t (0 ... length - side) with t <= c < t + side.
  static func coverProbability(side: Int, length: Int, pixel c: Int) -> Double {
    let positions = length - side + 1
    let covering = min(c, length - side) - max(0, c - side + 1) + 1
    return Double(max(covering, 0)) / Double(positions)
  }

  /// A second masking fraction, checked beside the trained one: at nu = 1/2 a rate read as
  /// 1 - nu would be invisible.
  static let secondMaskingFraction = 0.25

  /// A corruption applied to images: `Corruption.apply` in the chapter; tests plant wrong ones.
  package typealias Corrupter = (Corruption, Tensor, inout SeededRandom) -> Tensor

  /// The checks of every corruption on the images x [N, width * height].
  package static func corruptionStatistics(
    _ run: ChapterRun, images x: Tensor, width: Int, height: Int, config: Config,
    corrupt: Corrupter = { corruption, x, rng in corruption.apply(to: x, using: &rng) }
  ) {
    run.section("How to corrupt input data: each corruption has the statistics it claims")
    let slide = "Denoising Autoencoder (DAE): corruptions"
    var rng = run.random("corruption-statistics")
    let n = x.count

    // Gaussian noise on real images: e = x~ - x ~ N(0, sigma^2) per pixel.
    let sigma = Double(config.gaussianSigma)
    let noisy = corrupt(.gaussian(standardDeviation: config.gaussianSigma), x, &rng)
    let e = MeanEstimate((0..<n).map { Double(noisy.storage[$0]) - Double(x.storage[$0]) })
    run.check(
      "Gaussian: mean of x~ - x over \(n) pixels", slide: slide, expected: 0, observed: e.mean,
      tolerance: .standardErrors(4, standardError: sigma / Double(n).squareRoot()))
    run.check(
      "Gaussian: variance of x~ - x (sigma^2 = \(formatNumber(sigma * sigma)))", slide: slide, expected: sigma * sigma,
      observed: e.variance,
      tolerance: .standardErrors(4, standardError: sigma * sigma * (2 / Double(n - 1)).squareRoot()))
    run.say(
      String(
        format: "Gaussian noise, sigma = %g, is not clipped: %.1f%% of the noisy pixels lie outside [0, 1]",
        sigma, 100 * fraction(noisy.storage) { $0 < 0 || $0 > 1 }))

    // The others on a mid-grey canvas.
    let grey = Tensor(repeating: 0.5, shape: x.shape)
    let nu = config.maskingFraction
    let masked = corrupt(.masking(fraction: nu), grey, &rng).storage
    fractionCheck(
      run, "masking: fraction of pixels set to 0 (nu = \(nu))", slide: slide,
      p: nu, observed: fraction(masked) { $0 == 0 }, trials: n)
    let nu2 = secondMaskingFraction
    if nu2 != nu {  // at nu = nu2 the row above is this one
      fractionCheck(
        run, "masking: fraction of pixels set to 0 (nu = \(nu2))", slide: slide,
        p: nu2, observed: fraction(corrupt(.masking(fraction: nu2), grey, &rng).storage) { $0 == 0 }, trials: n)
    }
    run.check(
      "masking: pixels neither 0 nor unchanged", slide: slide,
      expected: 0, observed: Double(masked.filter { $0 != 0 && $0 != 0.5 }.count), tolerance: .absolute(0))

    let sp = config.saltAndPepperFraction
    let salted = corrupt(.saltAndPepper(fraction: sp), grey, &rng).storage
    let changed = salted.filter { $0 != 0.5 }
    fractionCheck(
      run, "salt-and-pepper: fraction of pixels changed (\(sp))", slide: slide,
      p: sp, observed: Double(changed.count) / Double(n), trials: n)
    fractionCheck(
      run, "salt-and-pepper: share of the changed set to the max 1 (1/2)", slide: slide,
      p: 0.5, observed: fraction(changed) { $0 == 1 }, trials: changed.count)
    run.check(
      "salt-and-pepper: changed pixels neither min 0 nor max 1", slide: slide,
      expected: 0, observed: Double(changed.filter { $0 != 0 && $0 != 1 }.count), tolerance: .absolute(0))

    let p = config.dropoutRate
    let dropped = corrupt(.dropout(rate: p), grey, &rng).storage
    fractionCheck(
      run, "input dropout: fraction of pixels set to 0 (p = \(p))", slide: slide,
      p: p, observed: fraction(dropped) { $0 == 0 }, trials: n)
    let droppedMean = MeanEstimate(dropped.map(Double.init))
    run.check(
      "input dropout: E[x~] = x (kept pixels scaled by 1/(1 - p))", slide: slide, expected: 0.5,
      observed: droppedMean.mean,
      tolerance: .standardErrors(4, standardError: droppedMean.standardError))

    // The block on a white canvas: the zeros of each image must form one side x side square.
    let side = config.blockSide
    let white = Tensor(repeating: 1, shape: x.shape)
    let holes = corrupt(.block(side: side, imageWidth: width, imageHeight: height), white, &rng)
    var notASquare = 0
    var coveringCentre = 0
    let (cr, cc) = (height / 2, width / 2)
    for image in 0..<x.shape[0] {
      let zeros = (0..<(width * height)).filter { holes[image, $0] == 0 }
      let rows = zeros.map { $0 / width }
      let columns = zeros.map { $0 % width }
      let square =
        zeros.count == side * side
        && (rows.max() ?? 0) - (rows.min() ?? 0) == side - 1 && (columns.max() ?? 0) - (columns.min() ?? 0) == side - 1
      if !square { notASquare += 1 }
      if holes[image, cr * width + cc] == 0 { coveringCentre += 1 }
    }
    run.check(
      "block: images whose zeros are not one \(side)x\(side) square", slide: slide,
      expected: 0, observed: Double(notASquare), tolerance: .absolute(0))
    fractionCheck(
      run, "block: fraction of holes covering pixel (\(cr), \(cc)), from 0 (uniform position)", slide: slide,
      p: coverProbability(side: side, length: height, pixel: cr)
        * coverProbability(side: side, length: width, pixel: cc),
      observed: Double(coveringCentre) / Double(x.shape[0]), trials: x.shape[0])
  }
}
