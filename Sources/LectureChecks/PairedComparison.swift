// Orderings of two methods measured on the same test images, judged on the per-image
// differences: their mean and its standard error (the test images are independent, so are the
// differences). The tolerance then comes from the run's own data, at any size and seed, and
// a check says in its name which side it asks for:
//   "lower (paired, by > 4 SE)"   mean(a - b) <= -4 SE: a is clearly lower than b;
//   "not higher (paired, 4 SE)"   mean(a - b) <= +4 SE: the data do not put a above b.

import Foundation
import Lecture
import Probability

extension ChapterRun {
  /// Prints the mean paired difference a - b with its standard error and checks that a is
  /// clearly lower: mean(a - b) <= -k SE. The name gets " (paired, by > k SE)".
  public func pairedLower(_ name: String, slide: String, _ a: [Double], than b: [Double], standardErrors k: Double = 4)
  {
    let d = MeanEstimate(zip(a, b).map { $0 - $1 })
    say(
      String(
        format: "%@: mean paired difference %+.5g ± %.2g (standard error over %d images)", name, d.mean,
        d.standardError, d.count))
    check(
      name + " (paired, by > \(String(format: "%g", k)) SE)", slide: slide,
      expected: -k * d.standardError, observed: d.mean, tolerance: .atMost(margin: 0))
  }
}
