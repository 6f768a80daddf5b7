// Finite-difference gradient checking: the test every op's backward must pass.
//
// For a function f of tensors with a scalar output, compare the backward gradient with
// central differences D(h) = (f(x + h e_i) - f(x - h e_i)) / 2h for every element i of every
// input, extrapolated to h = 0 (Richardson): (4 D(h/2) - D(h)) / 3 cancels the h^2 f^(3) / 6
// term of D, leaving O(h^4). Values are Float32, so the step cannot be tiny: with h = 1e-2 the
// remaining truncation is far below 1e-5 of the gradient for O(1) curvature, and the rounding
// about 3 eps_32 |f| / h = 2e-5 |f|; the differences are evaluated in Double from the Float
// outputs.
//
// The error is measured against the scale of each input's gradient (its largest element), not
// against 1: a backward that is 1 % wrong (a factor 0.99, an epsilon in a denominator) then
// shows an error of 1e-2 whether the gradient is of size 10 or 0.01, ten times the default
// tolerance, while an honest backward stays near the 1e-5 of the differences.

import TensorCore

/// The outcome of comparing backward with finite differences.
public struct GradientCheckResult: Sendable, CustomStringConvertible {
  /// The default tolerance of `checkGradients`: ten times below the 1e-2 of a 1 % wrong backward,
  /// well above the truncation and rounding of the extrapolated Float32 differences.
  public static let defaultTolerance = 1e-3

  /// Largest |analytic - numeric| / scale over all elements, where the scale of an element is
  /// the largest |analytic| or |numeric| of its input's gradient (see `checkGradients`).
  public let maxRelativeError: Double
  /// Where it happened: input index and element index.
  public let worstInput: Int
  public let worstElement: Int
  public let analytic: Double
  public let numeric: Double
  /// The scale the worst error was divided by.
  public let scale: Double
  public let tolerance: Double
  public var passed: Bool { maxRelativeError <= tolerance }

  public var description: String {
    "\(passed ? "OK" : "NOT OK") max relative error \(maxRelativeError) (tolerance \(tolerance)) "
      + "at input \(worstInput)[\(worstElement)]: backward \(analytic), finite difference \(numeric), "
      + "gradient scale \(scale)"
  }
}

/// Compares `f`'s backward gradients with central finite differences.
///
/// The error of element i of input k is |analytic_i - numeric_i| / s_k, where s_k is the largest
/// |analytic| or |numeric| over the elements of input k: relative to that input's gradient, so a
/// wrong factor is seen at any scale, and tiny elements (where the finite difference is mostly
/// rounding) are not divided by their own near-zero size. An input whose whole gradient is below
/// `relativeFloor` times the largest scale of all inputs is measured against that floor instead
/// (an honest zero gradient then passes, a wrong non-zero one does not). And no element is held
/// to less than the rounding of the quotient, R = 24 eps_32 |f| / h (3 eps_32 |f| / h with a
/// margin of 8): a scale below R / tolerance is raised to it. Otherwise an input whose gradient
/// is small beside |f| fails an honest backward on rounding alone (a DAE's decoder weights of
/// scale 0.011 in a loss of about 4.6: off by 5e-5, about R / 6, read as 4.7e-3).
/// - Parameters:
///   - inputs: the points at which to differentiate; every element of each is perturbed.
///   - step: the finite-difference step h.
///   - tolerance: the largest acceptable relative error.
///   - relativeFloor: the smallest scale, as a fraction of the largest input's scale.
///   - f: builds a scalar from leaf variables (one per input, in order).
public func checkGradients(
  at inputs: [Tensor], step: Float = 1e-2, tolerance: Double = GradientCheckResult.defaultTolerance,
  relativeFloor: Double = 1e-3, _ f: ([Variable]) -> Variable
) -> GradientCheckResult {
  let leaves = inputs.map { Variable($0, requiresGradient: true) }
  let out = f(leaves)
  precondition(out.value.count == 1, "checkGradients needs a scalar function, got shape \(out.value.shape)")
  out.backward()

  var largestValue = Swift.abs(Double(out.value.scalar))
  func evaluate(_ xs: [Tensor]) -> Double {
    let value = Double(f(xs.map { Variable($0) }).value.scalar)
    largestValue = Swift.max(largestValue, Swift.abs(value))
    return value
  }

  var analytic: [[Double]] = []
  var numeric: [[Double]] = []
  for (k, x) in inputs.enumerated() {
    let analyticGrad = leaves[k].grad ?? Tensor.zeros(x.shape)
    analytic.append(analyticGrad.storage.map(Double.init))
    var column: [Double] = []
    column.reserveCapacity(x.count)
    for i in 0..<x.count {
      /// The central difference with step `step` (the h really taken after Float rounding).
      func centralDifference(_ step: Float) -> Double {
        var plus = inputs
        var minus = inputs
        plus[k].storage[i] += step
        minus[k].storage[i] -= step
        let h = Double(plus[k].storage[i]) - Double(minus[k].storage[i])
        return (evaluate(plus) - evaluate(minus)) / h
      }
      column.append((4 * centralDifference(step / 2) - centralDifference(step)) / 3)
    }
    numeric.append(column)
  }

  let scales = zip(analytic, numeric).map { a, n in
    zip(a, n).reduce(0.0) { Swift.max($0, Swift.abs($1.0), Swift.abs($1.1)) }
  }
  // Below the rounding of the extrapolated quotient, 3 eps_32 |f| / h with a margin of 8,
  // nothing can be told: the allowed error is never below it.
  let roundingFloor = 24 * Double(Float.ulpOfOne) / 2 * largestValue / Double(step)
  let floor = Swift.max(
    relativeFloor * (scales.max() ?? 0), roundingFloor / tolerance, Double.leastNormalMagnitude)
  var worst = (error: -1.0, input: 0, element: 0, analytic: 0.0, numeric: 0.0, scale: 0.0)
  for k in inputs.indices {
    let scale = Swift.max(scales[k], floor)
    for i in analytic[k].indices {
      let error = Swift.abs(analytic[k][i] - numeric[k][i]) / scale
      if error > worst.error { worst = (error, k, i, analytic[k][i], numeric[k][i], scale) }
    }
  }
  return GradientCheckResult(
    maxRelativeError: worst.error, worstInput: worst.input, worstElement: worst.element,
    analytic: worst.analytic, numeric: worst.numeric, scale: worst.scale, tolerance: tolerance)
}
