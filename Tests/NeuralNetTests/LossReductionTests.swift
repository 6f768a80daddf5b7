// The two reductions of a loss over a batch of B = 2 images of D = 3 pixels, each held to
// the formula written out here: the per-pixel mean divides the total of the terms by B D = 6,
// the per-image sum by B = 2. Either reduction taken for the other is off by the factor D = 3,
// in the value and in every gradient, far beyond the rounding these tests allow.

import Autodiff
import Foundation
import NeuralNet
import TensorCore
import Testing

@Suite("Loss reductions: per-pixel mean, per-image sum")
struct LossReductionTests {
  static let logits = Tensor([[-2, 0.5, 3], [1, -0.25, 0]])  // [B = 2, D = 3]
  static let targets = Tensor([[0, 1, 0.25], [1, 0.5, 0]])

  /// The BCE terms written out in Double, their total, and each d(term)/d(logit) = sigmoid - t.
  static func binaryCrossEntropyTerms() -> (total: Double, derivatives: [Double]) {
    var total = 0.0
    var derivatives: [Double] = []
    for i in 0..<6 {
      let (l, t) = (Double(logits.storage[i]), Double(targets.storage[i]))
      let p = 1 / (1 + exp(-l))
      total -= t * log(p) + (1 - t) * log(1 - p)
      derivatives.append(p - t)
    }
    return (total, derivatives)
  }

  /// Value and gradient of BCE from logits with `reduction`, against the written-out total and
  /// derivatives divided by `divisor`; the reference (composed) BCE must agree as well, and so
  /// must L2 (the reconstruction losses' shared reduction) against its squared residuals.
  static func expectReduction(_ reduction: LossReduction, dividedBy divisor: Double) {
    let (total, derivatives) = binaryCrossEntropyTerms()
    let routes: [(Variable, Tensor, LossReduction) -> Variable] = [
      { binaryCrossEntropy(logits: $0, targets: $1, reduction: $2) },
      { referenceBinaryCrossEntropy(logits: $0, targets: $1, reduction: $2) },
    ]
    for loss in routes {
      let x = Variable(logits, requiresGradient: true)
      let value = loss(x, targets, reduction)
      value.backward()
      #expect(abs(Double(value.value.scalar) - total / divisor) < 1e-6 * total)
      let gradient = x.grad?.storage.map(Double.init) ?? []
      #expect(gradient.count == 6)
      for (g, d) in zip(gradient, derivatives) { #expect(abs(g - d / divisor) < 1e-6) }
    }
    let p = Variable(Tensor([[0.5, 0, 1], [0.25, 1, 0]]))
    let squared = zip(p.value.storage, targets.storage).reduce(0.0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) }
    #expect(abs(Double(l2Loss(p, targets, reduction: reduction).value.scalar) - squared / divisor) < 1e-6)
  }

  /// Keras' binary cross-entropy and mean squared error: the total over B D = 6.
  @Test func perPixelMeanDividesByEveryPixelOfTheBatch() {
    #expect(LossReduction.perPixelMean.divisor([2, 3]) == 6)
    Self.expectReduction(.perPixelMean, dividedBy: 6)
  }

  /// The slides' L(x, x'): each image's sum over its pixels, averaged over B = 2 images.
  @Test func perImageSumDividesByTheImagesOnly() {
    #expect(LossReduction.perImageSum.divisor([2, 3]) == 2)
    Self.expectReduction(.perImageSum, dividedBy: 2)
  }
}
