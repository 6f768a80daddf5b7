// The convolution's narrow products from cached chunks of im2col rows against the same products
// of the whole patch matrix, bit for bit: the forward im2col(x) W and the weight gradient
// im2col(x)^T G, over padding, strides, one or many channels, and batches whose rows cross the
// chunks (192 rows forward, 128 for the gradient) and the split over the cores.

import CKernels
import NeuralNet
import Stochastic
import TensorCore
import Testing

@Suite("Convolution products from cached patch rows", .serialized)
struct ConvolutionProductTests {
  static let geometries = [
    ConvGeometry(height: 14, width: 14, channels: 16, kernel: 3, stride: 1, padding: 1),
    ConvGeometry(height: 7, width: 6, channels: 3, kernel: 3, stride: 2, padding: 1),
    ConvGeometry(height: 28, width: 28, channels: 1, kernel: 3, stride: 1, padding: 1),
    ConvGeometry(height: 4, width: 5, channels: 2, kernel: 2, stride: 1, padding: 2),
  ]

  /// The entries whose bits differ (a count, not the arrays: a failing comparison of thousands
  /// of entries would have the test library diff them).
  static func differences(_ a: Tensor, _ b: Tensor) -> Int {
    zip(a.storage, b.storage).filter { $0.bitPattern != $1.bitPattern }.count
  }

  @Test(arguments: geometries, [false, true])
  func productsAreThoseOfThePatchMatrix(g: ConvGeometry, avx2Only: Bool) throws {
    try #require(Tensor.hasFusedMultiplyAdd, "no AVX2 and FMA: both routes are the same sgemm calls here")
    ck_narrow_limit_to_avx2(avx2Only ? 1 : 0)
    defer { ck_narrow_limit_to_avx2(0) }
    var rng = SeededRandom(seed: 61)
    // One image (fewer rows than a chunk), a few, and 64 (thousands of rows, split over the cores).
    for batch in [1, 3, 64] {
      let x = Tensor.normal([batch, g.inputSize], using: &rng)
      let patches = im2col(x, g)
      for n in [1, 5, 16, 33] {
        let w = Tensor.normal([g.patchSize, n], using: &rng)
        let gy = Tensor.normal([batch * g.positions, n], using: &rng)
        let y = convolutionProduct(x, g, w)
        #expect(y.shape == [batch * g.positions, n])
        #expect(Self.differences(y, Tensor.narrowProduct(patches, w)) == 0, "forward, batch \(batch), n \(n)")
        let dw = convolutionWeightGradient(x, g, gy)
        #expect(dw.shape == [g.patchSize, n])
        #expect(
          Self.differences(dw, Tensor.narrowTransposedProduct(patches, gy)) == 0,
          "weight gradient, batch \(batch), n \(n)")
      }
    }
  }
}
