// The gradient-check row of the autoencoder-family chapters: a backward pass against central
// finite differences (Autodiff's checkGradients), printed as one check.

import Autodiff
import Lecture

extension ChapterRun {
  /// The largest relative error a Float32 finite-difference gradient check may show: the
  /// checker's step 1e-2 leaves about 1e-4 on the O(1) functions checked; a wrong factor in a
  /// backward gives O(1).
  public static let gradientTolerance = 1e-2

  /// A gradient-check row: expected 0, observed the worst relative error.
  public func gradientRow(_ name: String, slide: String, _ result: GradientCheckResult) {
    check("gradient " + name + ": backprop vs finite differences", slide: slide,
          expected: 0, observed: result.maxRelativeError, tolerance: .atMost(margin: ChapterRun.gradientTolerance))
  }
}
