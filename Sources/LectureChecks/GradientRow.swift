// The gradient-check row of the autoencoder-family chapters: a backward pass against central
// finite differences (Autodiff's checkGradients), printed as one check.

import Autodiff
import Lecture

extension ChapterRun {
  /// A gradient-check row: expected 0, observed the worst error relative to each input's
  /// gradient scale, within the checker's own tolerance (`GradientCheckResult.defaultTolerance`
  /// unless the check asked for another): a backward wrong by 1 % shows about 1e-2 and fails.
  public func gradientRow(_ name: String, slide: String, _ result: GradientCheckResult) {
    check(
      "gradient " + name + ": backprop vs finite differences", slide: slide,
      expected: 0, observed: result.maxRelativeError, tolerance: .atMost(margin: result.tolerance))
  }
}
