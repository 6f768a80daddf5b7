// The reconstruction losses of the slide "Autoencoder - Loss" and the weight-decay term of
// "Autoencoder - Regularization", each as one op with its derivative written beside it.
//
// Convention (the slide's): every loss is a SUM over the D pixels of one image, averaged over
// the B images of the batch, so a number printed is "per image" (`LossReduction.perImageSum`,
// the default here). Each also takes `.perPixelMean`, Keras' convention and the default of
// `binaryCrossEntropy(logits:targets:)` in Losses.swift; the two differ by the factor D.
//
// Symbols: x the target image, x' the reconstruction (prediction), s = x - x' the residual.
//   L2   sum_i s_i^2                                  dL/dx'_i = -2 s_i
//   L1   sum_i |s_i|                                  dL/dx'_i = -sign(s_i)
//   CE   -sum_i x_i log x'_i + (1 - x_i) log(1 - x'_i)   dL/dx'_i = (x'_i - x_i) / (x'_i (1 - x'_i))
//   EXP  tau exp((1/tau) sum_i s_i^2)                 dL/dx'_i = -2 s_i exp((1/tau) sum_j s_j^2)
//   MCC  -sum_i H_sigma(s_i),  H_sigma(s) = exp(-s^2 / (2 sigma^2)) / (sqrt(2 pi) sigma)
//                                                     dL/dx'_i = -s_i H_sigma(s_i) / sigma^2
// What each does differently: L2 weighs a residual by its size (outliers dominate), L1 by its
// sign only, EXP weighs whole images by exp(error / tau) (the worst images dominate), MCC by
// H_sigma(s), which vanishes for |s| >> sigma: residuals far beyond sigma are ignored, so
// outlier pixels cannot pull the reconstruction (correntropy, Liu, Pokharel & Principe 2007).

import Autodiff
import Foundation
import TensorCore

/// The five reconstruction losses of the slides, as a value so experiments can loop over them.
public enum ReconstructionLoss: Sendable, Equatable, CustomStringConvertible {
  case l2
  case l1
  /// Cross-entropy of probabilities x' in (0, 1) (use a sigmoid output).
  case crossEntropy
  /// tau exp(sum s^2 / tau); tau > 0 sets how strongly badly reconstructed images dominate.
  case exponential(tau: Float)
  /// Maximum correntropy: -sum H_sigma(s); sigma > 0 is the residual scale still "listened to".
  case correntropy(sigma: Float)

  public var description: String {
    switch self {
    case .l2: return "L2"
    case .l1: return "L1"
    case .crossEntropy: return "CE"
    case .exponential(let tau): return "EXP (tau = \(formatParameter(tau)))"
    case .correntropy(let sigma): return "MCC (sigma = \(formatParameter(sigma)))"
    }
  }

  /// The loss of reconstructions `prediction` [B, D] against `target` [B, D], per image
  /// (or per pixel with `.perPixelMean`).
  public func callAsFunction(
    _ prediction: Variable, _ target: Tensor, reduction: LossReduction = .perImageSum
  ) -> Variable {
    switch self {
    case .l2: return l2Loss(prediction, target, reduction: reduction)
    case .l1: return l1Loss(prediction, target, reduction: reduction)
    case .crossEntropy: return crossEntropyLoss(prediction, target, reduction: reduction)
    case .exponential(let tau): return exponentialLoss(prediction, target, tau: tau, reduction: reduction)
    case .correntropy(let sigma): return correntropyLoss(prediction, target, sigma: sigma, reduction: reduction)
    }
  }

  /// The loss of one pixel's residual s as a function (for the figure of the loss shapes;
  /// CE is taken at target x = 1, where x' = 1 - s).
  public func ofResidual(_ s: Double) -> Double {
    switch self {
    case .l2: return s * s
    case .l1: return Swift.abs(s)
    case .crossEntropy: return -Foundation.log(Swift.max(1 - s, 1e-12))
    case .exponential(let tau): return Double(tau) * Foundation.exp(s * s / Double(tau))
    case .correntropy(let sigma): return -gaussianKernel(s, sigma: Double(sigma))
    }
  }
}

private func formatParameter(_ x: Float) -> String {
  x == x.rounded() ? String(Int(x)) : String(x)
}

/// H_sigma(s) = exp(-s^2 / (2 sigma^2)) / (sqrt(2 pi) sigma), the Gaussian kernel of MCC.
public func gaussianKernel(_ s: Double, sigma: Double) -> Double {
  Foundation.exp(-s * s / (2 * sigma * sigma)) / ((2 * Double.pi).squareRoot() * sigma)
}

/// Shared plumbing: per-element loss terms and their derivative w.r.t. x', summed and
/// divided by the reduction's divisor (B for a sum per image, B D for a mean per pixel).
private func elementwiseLoss(
  _ op: String, _ prediction: Variable, _ target: Tensor, reduction: LossReduction,
  term: (Float, Float) -> Double, derivative: @escaping (Float, Float) -> Float
) -> Variable {
  let p = prediction.value
  precondition(p.shape == target.shape && p.rank == 2, "\(op): prediction \(p.shape) vs target \(target.shape)")
  let batch = Float(reduction.divisor(p.shape))
  var total = 0.0
  p.storage.withUnsafeBufferPointer { ps in
    target.storage.withUnsafeBufferPointer { ts in
      for i in ps.indices { total += term(ps[i], ts[i]) }
    }
  }
  return Variable(op: op, value: Tensor(scalar: Float(total / Double(batch))), inputs: [prediction]) { g in
    let scale = g.scalar / batch
    return [p.zip(target) { pi, ti in derivative(pi, ti) * scale }]
  }
}

/// L2: sum_i (x_i - x'_i)^2 per image. dL/dx' = 2 (x' - x).
public func l2Loss(_ prediction: Variable, _ target: Tensor, reduction: LossReduction = .perImageSum) -> Variable {
  elementwiseLoss(
    "l2Loss", prediction, target, reduction: reduction,
    term: { p, t in
      let s = Double(t - p)
      return s * s
    }
  ) { p, t in 2 * (p - t) }
}

/// L1: sum_i |x_i - x'_i| per image. dL/dx' = sign(x' - x), 0 at a tie (a subgradient).
public func l1Loss(_ prediction: Variable, _ target: Tensor, reduction: LossReduction = .perImageSum) -> Variable {
  elementwiseLoss("l1Loss", prediction, target, reduction: reduction, term: { p, t in Double(Swift.abs(t - p)) }) {
    p, t in
    p > t ? 1 : (p < t ? -1 : 0)
  }
}

/// CE of probabilities: -sum_i x_i log x'_i + (1 - x_i) log(1 - x'_i) per image, x' in (0, 1).
/// dL/dx' = (x' - x) / (x' (1 - x')). Training should prefer `binaryCrossEntropy(logits:)`,
/// which folds the sigmoid in and never takes log 0; this is the slide's formula as written.
public func crossEntropyLoss(
  _ prediction: Variable, _ target: Tensor, reduction: LossReduction = .perImageSum
) -> Variable {
  elementwiseLoss(
    "crossEntropyLoss", prediction, target, reduction: reduction,
    term: { p, t in
      let (pd, td) = (Double(p), Double(t))
      return -(td * Foundation.log(pd) + (1 - td) * Foundation.log(1 - pd))
    }
  ) { p, t in (p - t) / (p * (1 - p)) }
}

/// MCC: -sum_i H_sigma(x_i - x'_i) per image. dL/dx'_i = -s_i H_sigma(s_i) / sigma^2, s = x - x'.
public func correntropyLoss(
  _ prediction: Variable, _ target: Tensor, sigma: Float, reduction: LossReduction = .perImageSum
) -> Variable {
  precondition(sigma > 0, "MCC needs sigma > 0")
  let sd = Double(sigma)
  let c = Float(1 / ((2 * Double.pi).squareRoot() * sd))
  let inv2s2 = 1 / (2 * sigma * sigma)
  return elementwiseLoss(
    "correntropyLoss", prediction, target, reduction: reduction,
    term: { p, t in -gaussianKernel(Double(t - p), sigma: sd) }
  ) { p, t in
    let s = t - p
    return -s * c * Foundation.exp(-s * s * inv2s2) / (sigma * sigma)
  }
}

/// EXP: tau exp((1/tau) sum_i (x_i - x'_i)^2) per image, averaged over the batch (with
/// `.perPixelMean` also divided by D: the image's term shared out over its pixels).
/// dL/dx'_i = 2 (x'_i - x_i) exp(S / tau), S the image's squared error: every pixel of an
/// image is weighted by how badly the whole image is reconstructed.
public func exponentialLoss(
  _ prediction: Variable, _ target: Tensor, tau: Float, reduction: LossReduction = .perImageSum
) -> Variable {
  precondition(tau > 0, "EXP needs tau > 0")
  let p = prediction.value
  precondition(
    p.shape == target.shape && p.rank == 2, "exponentialLoss: prediction \(p.shape) vs target \(target.shape)")
  let (b, d) = (p.shape[0], p.shape[1])
  var weights = [Float](repeating: 0, count: b)  // exp(S_n / tau), [B]
  var total = 0.0
  for n in 0..<b {
    var squared = 0.0
    for i in (n * d)..<((n + 1) * d) {
      let s = Double(target.storage[i] - p.storage[i])
      squared += s * s
    }
    let w = Foundation.exp(squared / Double(tau))
    weights[n] = Float(w)
    total += Double(tau) * w
  }
  let divisor = reduction.divisor(p.shape)
  return Variable(op: "exponentialLoss", value: Tensor(scalar: Float(total / Double(divisor))), inputs: [prediction]) {
    g in
    let scale = g.scalar / Float(divisor)
    var out = Tensor.zeros([b, d])
    for n in 0..<b {
      let w = 2 * weights[n] * scale
      for i in (n * d)..<((n + 1) * d) { out.storage[i] = w * (p.storage[i] - target.storage[i]) }
    }
    return [out]
  }
}

/// The regulariser of "Autoencoder - Regularization": lambda * 0.5 * sum_W ||W||_F^2 over the
/// given weight matrices (biases are not decayed). d/dW = lambda W: plain weight decay.
public func weightDecay(_ weights: [Variable], lambda: Float) -> Variable {
  let values = weights.map(\.value)
  let squares = values.reduce(0.0) { acc, w in acc + w.storage.reduce(0.0) { $0 + Double($1) * Double($1) } }
  return Variable(op: "weightDecay", value: Tensor(scalar: Float(0.5 * Double(lambda) * squares)), inputs: weights) {
    g in
    let scale = lambda * g.scalar
    return values.map { $0 * scale }
  }
}

/// Multinomial cross-entropy of word distributions, the bag-of-words reconstruction loss of
/// Hinton & Salakhutdinov (2006): -sum_i p_i log softmax(z)_i per row, mean over rows, where
/// p [B, V] are target proportions (rows summing to 1) and z [B, V] the decoder's logits.
/// Stable through log-sum-exp: log softmax(z)_i = z_i - m - log sum_j e^(z_j - m), m = max z.
/// d/dz_i = (sum_j p_j) softmax(z)_i - p_i.
public func softmaxCrossEntropy(logits: Variable, targets p: Tensor) -> Variable {
  let z = logits.value
  precondition(z.shape == p.shape && z.rank == 2, "softmaxCrossEntropy: logits \(z.shape) vs targets \(p.shape)")
  let (b, v) = (z.shape[0], z.shape[1])
  var softmax = [Float](repeating: 0, count: b * v)
  var mass = [Float](repeating: 0, count: b)  // sum_j p_j per row
  var total = 0.0
  for n in 0..<b {
    let row = (n * v)..<((n + 1) * v)
    let m = z.storage[row].max() ?? 0
    var sum = 0.0
    for i in row { sum += Foundation.exp(Double(z.storage[i] - m)) }
    let logSum = Double(m) + Foundation.log(sum)
    var rowMass = 0.0
    for i in row {
      softmax[i] = Float(Foundation.exp(Double(z.storage[i]) - logSum))
      total -= Double(p.storage[i]) * (Double(z.storage[i]) - logSum)
      rowMass += Double(p.storage[i])
    }
    mass[n] = Float(rowMass)
  }
  return Variable(op: "softmaxCrossEntropy", value: Tensor(scalar: Float(total / Double(b))), inputs: [logits]) { g in
    let scale = g.scalar / Float(b)
    var out = Tensor.zeros([b, v])
    for n in 0..<b {
      for i in (n * v)..<((n + 1) * v) { out.storage[i] = (mass[n] * softmax[i] - p.storage[i]) * scale }
    }
    return [out]
  }
}
