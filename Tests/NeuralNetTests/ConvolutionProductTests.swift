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
    // 8 and 32 channels: with 1 and 16 above, every count the patch rows are compiled for.
    ConvGeometry(height: 7, width: 7, channels: 32, kernel: 3, stride: 1, padding: 1),
    ConvGeometry(height: 6, width: 5, channels: 8, kernel: 3, stride: 2, padding: 0),
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

  /// The stride-1 input gradient as a convolution by the turned weights, against col2im(G W^T)
  /// summed in Double: every entry within its rounding bound, the Float chain's K u sum |g w|
  /// (u = 2^-24, K = k * k * C_out terms), plus the Double sum's own negligible error.
  @Test(arguments: [
    ConvGeometry(height: 14, width: 14, channels: 16, kernel: 3, stride: 1, padding: 1),
    ConvGeometry(height: 5, width: 4, channels: 2, kernel: 3, stride: 1, padding: 1),
    ConvGeometry(height: 6, width: 7, channels: 3, kernel: 3, stride: 1, padding: 0),
    ConvGeometry(height: 5, width: 6, channels: 4, kernel: 2, stride: 1, padding: 1),
    ConvGeometry(height: 9, width: 8, channels: 5, kernel: 5, stride: 1, padding: 2),
  ])
  func inputGradientIsColToImOfGTimesWTransposed(g: ConvGeometry) throws {
    var rng = SeededRandom(seed: 62)
    let (batch, outChannels) = (3, 7)
    let w = Tensor.normal([g.patchSize, outChannels], using: &rng)
    let gy = Tensor.normal([batch * g.positions, outChannels], using: &rng)
    let dx = try #require(convolutionInputGradient(gy, g, w, batch: batch), "stride 1 with FMA takes the direct route")
    #expect(dx.shape == [batch, g.inputSize])
    // col2im(G W^T) term by term in Double, with the sum of |terms| for the bound.
    var exact = [Double](repeating: 0, count: batch * g.inputSize)
    var magnitude = [Double](repeating: 0, count: batch * g.inputSize)
    let (k, c) = (g.kernel, g.channels)
    for n in 0..<batch {
      for oy in 0..<g.outputHeight {
        for ox in 0..<g.outputWidth {
          let row = (n * g.outputHeight + oy) * g.outputWidth + ox
          for ky in 0..<k {
            for kx in 0..<k {
              let (y, x) = (oy - g.padding + ky, ox - g.padding + kx)
              guard y >= 0, y < g.height, x >= 0, x < g.width else { continue }
              for ci in 0..<c {
                let pixel = n * g.inputSize + (y * g.width + x) * c + ci
                for co in 0..<outChannels {
                  let term = Double(gy[row, co]) * Double(w[(ky * k + kx) * c + ci, co])
                  exact[pixel] += term
                  magnitude[pixel] += Swift.abs(term)
                }
              }
            }
          }
        }
      }
    }
    let terms = Double(k * k * outChannels)
    let outside = (0..<exact.count).filter {
      Swift.abs(Double(dx.storage[$0]) - exact[$0]) > terms * 0x1p-24 * magnitude[$0] + 1e-30
    }
    #expect(outside.isEmpty, "\(outside.count) entries outside their bound, first \(outside.first ?? -1)")
  }

  /// Strides above 1 and paddings wider than k - 1 have no direct route; conv2d then takes col2im.
  @Test func otherGeometriesHaveNoDirectRoute() {
    let w = Tensor.zeros([18, 2])
    let strided = ConvGeometry(height: 6, width: 6, channels: 2, kernel: 3, stride: 2, padding: 1)
    let wide = ConvGeometry(height: 6, width: 6, channels: 2, kernel: 3, stride: 1, padding: 3)
    #expect(convolutionInputGradient(Tensor.zeros([strided.positions, 2]), strided, w, batch: 1) == nil)
    #expect(convolutionInputGradient(Tensor.zeros([wide.positions, 2]), wide, w, batch: 1) == nil)
  }
}
