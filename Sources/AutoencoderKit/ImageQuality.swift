// Peak signal-to-noise ratio, the denoising and super-resolution literature's score:
// PSNR = 10 log10(MAX^2 / MSE) in dB, MAX = 1 for pixels in [0, 1]. Higher is better; +6 dB
// is half the root-mean-square error.

import Foundation
import TensorCore

/// Mean over images (rows) of each image's PSNR in dB against `reference` [N, D], pixels in
/// [0, 1]. A per-image MSE below 1e-10 counts as 1e-10 (100 dB), so a perfect image does not
/// make the mean infinite.
public func meanPSNR(_ estimate: Tensor, _ reference: Tensor) -> Double {
  precondition(estimate.shape == reference.shape, "\(estimate.shape) vs \(reference.shape)")
  let (n, d) = (reference.shape[0], reference.shape[1])
  var total = 0.0
  for i in 0..<n {
    var squared = 0.0
    for j in (i * d)..<((i + 1) * d) {
      let e = Double(estimate.storage[j]) - Double(reference.storage[j])
      squared += e * e
    }
    total += -10 * log10(max(squared / Double(d), 1e-10))
  }
  return total / Double(n)
}

/// Every element clipped to [0, 1] (a noisy image as a viewer would show it).
public func clippedToUnitRange(_ x: Tensor) -> Tensor { x.map { min(max($0, 0), 1) } }
