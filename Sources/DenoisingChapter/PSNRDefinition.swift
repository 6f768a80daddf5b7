// PSNR = 10 log10(MAX^2 / MSE) dB (MAX = 1), the score of every comparison of this chapter,
// checked on its definition: test images shifted by a uniform offset c have MSE c^2 exactly,
// so PSNR = 10 log10(1 / c^2) = -20 log10 c; halving c quarters the MSE and gains
// 10 log10 4 = 6.02 dB (6 dB is a quartered MSE, a halved root-mean-square error).

import AutoencoderKit
import Foundation
import Lecture
import TensorCore

extension DenoisingChapter {
  /// The offset of the check and the names of its rows (for the catalogue).
  static let psnrOffset = 0.1
  static let psnrOffsetCheckName = "PSNR of test images offset by c = 0.1: 10 log10(1 / c^2) dB"
  static let psnrQuarterCheckName = "PSNR gain from halving the offset c: 10 log10 4 dB (a quartered MSE)"

  /// The two rows above on `images` [N, D]. The offset images are formed in Float, so the
  /// per-pixel error is c to a relative 1e-7: 1e-6 dB.
  package static func psnrChecks(_ run: ChapterRun, images x: Tensor, formulas: Formulas = .honest) {
    run.section("PSNR = 10 log10(1 / MSE) dB, on its definition")
    let slide = "Examples and Applications"
    let c = psnrOffset
    let atC = formulas.psnr(x + Float(c), x)
    let atHalf = formulas.psnr(x + Float(c / 2), x)
    run.check(
      psnrOffsetCheckName, slide: slide, expected: 10 * log10(1 / (c * c)), observed: atC, tolerance: .absolute(1e-4))
    run.check(
      psnrQuarterCheckName, slide: slide, expected: 10 * log10(4.0), observed: atHalf - atC, tolerance: .absolute(1e-4))
  }
}
