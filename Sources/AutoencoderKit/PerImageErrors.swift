// Per-image errors between two image tensors [N, D], one number per row: what the paired
// orderings of the chapters (LectureChecks' pairedLower) compare, image by image.

import Foundation
import TensorCore

/// Per image (row) of two [N, D] tensors: the mean over its D pixels of term(a_ij, b_ij).
private func perImageMean(_ a: Tensor, _ b: Tensor, _ term: (Double, Double) -> Double) -> [Double] {
  precondition(a.shape == b.shape, "\(a.shape) vs \(b.shape)")
  let (n, d) = (a.shape[0], a.shape[1])
  return (0..<n).map { i in
    var total = 0.0
    for j in (i * d)..<((i + 1) * d) { total += term(Double(a.storage[j]), Double(b.storage[j])) }
    return total / Double(d)
  }
}

/// Per image (row) of two [N, D] tensors: the mean over pixels of the squared difference.
public func perImageMeanSquaredError(_ a: Tensor, _ b: Tensor) -> [Double] {
  perImageMean(a, b) { x, y in (x - y) * (x - y) }
}

/// Per image: PSNR in dB, 10 log10(1 / MSE), an MSE below 1e-10 counted as 1e-10 (as meanPSNR).
public func perImagePSNR(_ estimate: Tensor, _ reference: Tensor) -> [Double] {
  perImageMeanSquaredError(estimate, reference).map { -10 * log10(max($0, 1e-10)) }
}

/// Per image: the binary cross-entropy of probabilities p against targets x, mean over pixels,
/// p clamped to [1e-7, 1 - 1e-7] (a reconstruction clipped to [0, 1] may touch 0 or 1).
public func perImageBinaryCrossEntropy(probabilities p: Tensor, targets x: Tensor) -> [Double] {
  perImageMean(p, x) { p, t in
    let q = min(max(p, 1e-7), 1 - 1e-7)
    return -(t * log(q) + (1 - t) * log(1 - q))
  }
}
