// Finite-difference gradient checking: the test every op's backward must pass.
//
// For a function f of tensors with a scalar output, compare the backward gradient with the
// central difference (f(x + h e_i) - f(x - h e_i)) / 2h for every element i of every input.
// Values are Float32, so the step cannot be tiny: with h = 1e-2 the truncation error is
// O(h^2 f''') and the rounding error O(eps_32 |f| / h), both around 1e-4 for the O(1)
// functions of the tests, far below the O(1) error of a wrong factor or a missing term.
// The difference is evaluated in Double from the Float outputs.

import TensorCore

/// The outcome of comparing backward with finite differences.
public struct GradientCheckResult: Sendable, CustomStringConvertible {
  /// Largest |analytic - numeric| / max(1, |analytic|, |numeric|) over all elements.
  public let maxRelativeError: Double
  /// Where it happened: input index and element index.
  public let worstInput: Int
  public let worstElement: Int
  public let analytic: Double
  public let numeric: Double
  public let tolerance: Double
  public var passed: Bool { maxRelativeError <= tolerance }

  public var description: String {
    "\(passed ? "OK" : "NOT OK") max relative error \(maxRelativeError) (tolerance \(tolerance)) at input \(worstInput)[\(worstElement)]: backward \(analytic), finite difference \(numeric)"
  }
}

/// Compares `f`'s backward gradients with central finite differences.
/// - Parameters:
///   - inputs: the points at which to differentiate; every element of each is perturbed.
///   - step: the finite-difference step h.
///   - tolerance: the largest acceptable relative error.
///   - f: builds a scalar from leaf variables (one per input, in order).
public func checkGradients(
  at inputs: [Tensor], step: Float = 1e-2, tolerance: Double = 1e-2,
  _ f: ([Variable]) -> Variable
) -> GradientCheckResult {
  let leaves = inputs.map { Variable($0, requiresGradient: true) }
  let out = f(leaves)
  precondition(out.value.count == 1, "checkGradients needs a scalar function, got shape \(out.value.shape)")
  out.backward()

  func evaluate(_ xs: [Tensor]) -> Double {
    Double(f(xs.map { Variable($0) }).value.scalar)
  }

  var worst = (error: -1.0, input: 0, element: 0, analytic: 0.0, numeric: 0.0)
  for (k, x) in inputs.enumerated() {
    let analyticGrad = leaves[k].grad ?? Tensor.zeros(x.shape)
    for i in 0..<x.count {
      var plus = inputs, minus = inputs
      plus[k].storage[i] += step
      minus[k].storage[i] -= step
      // The actual step after Float rounding, so the quotient uses the h really taken.
      let h = Double(plus[k].storage[i]) - Double(minus[k].storage[i])
      let numeric = (evaluate(plus) - evaluate(minus)) / h
      let analytic = Double(analyticGrad.storage[i])
      let error = Swift.abs(analytic - numeric) / Swift.max(1, Swift.abs(analytic), Swift.abs(numeric))
      if error > worst.error { worst = (error, k, i, analytic, numeric) }
    }
  }
  return GradientCheckResult(
    maxRelativeError: worst.error, worstInput: worst.input, worstElement: worst.element,
    analytic: worst.analytic, numeric: worst.numeric, tolerance: tolerance)
}
