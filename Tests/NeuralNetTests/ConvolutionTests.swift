// Conv2D (im2col + narrow products), max pooling and upsampling: forward against direct definitions,
// im2col against its adjoint col2im, every backward against finite differences.

import Autodiff
import Foundation
import NeuralNet
import Stochastic
import TensorCore
import Testing

@Suite("Convolution, pooling, upsampling")
struct ConvolutionTests {
  static let geometries = [
    ConvGeometry(height: 5, width: 4, channels: 2, kernel: 3, stride: 1, padding: 1),
    ConvGeometry(height: 7, width: 6, channels: 3, kernel: 3, stride: 2, padding: 1),
    ConvGeometry(height: 6, width: 5, channels: 1, kernel: 2, stride: 2, padding: 0),
    // Padding wider than the kernel: the corner outputs see no pixel at all, whole kernel rows
    // and columns fall outside the image.
    ConvGeometry(height: 4, width: 5, channels: 2, kernel: 2, stride: 1, padding: 2),
  ]

  @Test(arguments: geometries)
  func convolutionMatchesTheDirectSum(g: ConvGeometry) {
    var rng = SeededRandom(seed: 21)
    let x = Tensor.normal([2, g.inputSize], using: &rng)
    let w = Tensor.normal([g.patchSize, 3], using: &rng)
    let b = Tensor.normal([3], using: &rng)
    let y = conv2d(Variable(x), weight: Variable(w), bias: Variable(b), geometry: g).value
    #expect(y.shape == [2, g.positions * 3])
    let d = directConvolution(x, weight: w, bias: b, geometry: g)
    let worst = zip(y.storage, d).map { Swift.abs(Double($0) - $1) }.max() ?? .infinity
    #expect(worst < 1e-4, "max error \(worst)")
  }

  @Test(arguments: geometries)
  func col2imIsTheAdjointOfIm2col(g: ConvGeometry) {
    // <im2col(x), P> = <x, col2im(P)> for all x, P.
    var rng = SeededRandom(seed: 22)
    let x = Tensor.normal([2, g.inputSize], using: &rng)
    let p = Tensor.normal([2 * g.positions, g.patchSize], using: &rng)
    let lhs = zip(im2col(x, g).storage, p.storage).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    let rhs = zip(x.storage, col2im(p, g, batch: 2).storage).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    #expect(Swift.abs(lhs - rhs) <= 1e-4 * Swift.max(1, Swift.abs(lhs)))
  }

  /// A batch large enough to be split over the cores gives, image by image, exactly what each
  /// image gives alone (one image is never split): the split changes no bit.
  @Test func splitBatchesGiveEachImagesOwnPatchesAndSums() {
    let g = ConvGeometry(height: 28, width: 28, channels: 4, kernel: 3, stride: 2, padding: 1)
    var rng = SeededRandom(seed: 24)
    let batch = 64
    let x = Tensor.normal([batch, g.inputSize], using: &rng)
    let p = Tensor.normal([batch * g.positions, g.patchSize], using: &rng)
    let patches = im2col(x, g)
    let sums = col2im(p, g, batch: batch)
    for n in [0, batch / 2 - 1, batch / 2, batch - 1] {
      let rows = (n * g.positions)..<((n + 1) * g.positions)
      #expect(patches.rows(rows).storage == im2col(x.rows(n..<(n + 1)), g).storage, "image \(n)")
      #expect(sums.rows(n..<(n + 1)).storage == col2im(p.rows(rows), g, batch: 1).storage, "image \(n)")
    }
  }

  @Test(arguments: geometries)
  func convolutionGradient(g: ConvGeometry) {
    var rng = SeededRandom(seed: 23)
    let r = Variable(Tensor.normal([2, g.positions * 2], using: &rng))
    let result = checkGradients(
      at: [
        Tensor.normal([2, g.inputSize], using: &rng),
        Tensor.normal([g.patchSize, 2], standardDeviation: 0.5, using: &rng), Tensor.normal([2], using: &rng),
      ]
    ) { p in (conv2d(p[0], weight: p[1], bias: p[2], geometry: g) * r).sum() }
    #expect(result.passed, "\(result)")
  }

  /// The fused bias + ReLU of conv2d and conv2dTranspose gives the bits of the separate ops,
  /// forward and backward (one and several output channels: the direct and the im2col routes).
  @Test(arguments: geometries, [1, 3])
  func fusedActivationIsTheSeparateOps(g: ConvGeometry, channels: Int) {
    var rng = SeededRandom(seed: 26)
    let x = Tensor.normal([2, g.inputSize], using: &rng)
    let w = Tensor.normal([g.patchSize, channels], using: &rng)
    let b = Tensor.normal([channels], using: &rng)
    let codes = Tensor.normal([2, g.positions * channels], using: &rng)
    let wt = Tensor.normal([g.patchSize, channels], using: &rng)
    let bt = Tensor.normal([g.channels], using: &rng)
    func run(fused: Bool) -> [[Float]] {
      let p = [x, w, b, codes, wt, bt].map { Variable($0, requiresGradient: true) }
      let y = fused
        ? conv2d(p[0], weight: p[1], bias: p[2], geometry: g, activation: .relu)
        : conv2d(p[0], weight: p[1], bias: p[2], geometry: g).relu()
      let t = fused
        ? conv2dTranspose(p[3], weight: p[4], bias: p[5], geometry: g, activation: .relu)
        : conv2dTranspose(p[3], weight: p[4], bias: p[5], geometry: g).relu()
      let seedY = Tensor.normal(y.shape, using: &rng)
      let seedT = Tensor.normal(t.shape, using: &rng)
      ((y * Variable(seedY)).sum() + (t * Variable(seedT)).sum()).backward()
      return [y.value.storage, t.value.storage] + p.map { $0.grad!.storage }
    }
    let start = rng  // the same seeds for both runs
    let separate = run(fused: false)
    rng = start
    let fused = run(fused: true)
    for (i, (f, s)) in zip(fused, separate).enumerated() {
      let differing = zip(f, s).filter { $0.0.bitPattern != $0.1.bitPattern }.count
      #expect(differing == 0, "output \(i): \(differing) of \(f.count) entries differ")
    }
  }

  @Test(arguments: geometries)
  func transposedConvolutionIsTheAdjointOfConvolution(g: ConvGeometry) {
    // <conv(x; W), y> = <x, convT(y; W)> without biases: the transposed convolution (Keras'
    // Conv2DTranspose) runs the convolution's pixels-to-positions map backwards.
    var rng = SeededRandom(seed: 24)
    let x = Tensor.normal([2, g.inputSize], using: &rng)
    let w = Tensor.normal([g.patchSize, 3], using: &rng)
    let y = Tensor.normal([2, g.positions * 3], using: &rng)
    let forward = conv2d(Variable(x), weight: Variable(w), bias: nil, geometry: g).value
    let back = conv2dTranspose(Variable(y), weight: Variable(w), bias: nil, geometry: g).value
    #expect(back.shape == x.shape)
    let lhs = zip(forward.storage, y.storage).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    let rhs = zip(x.storage, back.storage).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    #expect(Swift.abs(lhs - rhs) <= 1e-4 * Swift.max(1, Swift.abs(lhs)), "\(lhs) vs \(rhs)")
  }

  @Test(arguments: geometries)
  func transposedConvolutionGradient(g: ConvGeometry) {
    var rng = SeededRandom(seed: 25)
    let r = Variable(Tensor.normal([2, g.inputSize], using: &rng))
    let result = checkGradients(
      at: [
        Tensor.normal([2, g.positions * 3], using: &rng),
        Tensor.normal([g.patchSize, 3], standardDeviation: 0.5, using: &rng), Tensor.normal([g.channels], using: &rng),
      ]
    ) { p in (conv2dTranspose(p[0], weight: p[1], bias: p[2], geometry: g) * r).sum() }
    #expect(result.passed, "\(result)")
  }

  @Test func outputSizesOfNonSquareImagesByHand() {
    // Ho = (H + 2p - k) / s + 1 and Wo = (W + 2p - k) / s + 1, worked out by hand: the direct
    // reference derives its loops from the same geometry, so the sizes are checked here alone.
    let tall = ConvGeometry(height: 7, width: 4, channels: 2, kernel: 3, stride: 2, padding: 1)
    #expect(tall.outputHeight == 4 && tall.outputWidth == 2 && tall.positions == 8)
    #expect(tall.inputSize == 56 && tall.patchSize == 18)
    let wide = ConvGeometry(height: 5, width: 9, channels: 1, kernel: 3)
    #expect(wide.outputHeight == 3 && wide.outputWidth == 7 && wide.positions == 21)
  }

  @Test func convolutionOfNonSquareImagesByHand() {
    // A 2x3 and a 3x2 image, kernel 2 with weights 1, 10, 100, 1000 at (0,0), (0,1), (1,0),
    // (1,1): every output digit names the pixel it came from.
    let w = Variable(Tensor(shape: [4, 1], storage: [1, 10, 100, 1000]))
    let wide = ConvGeometry(height: 2, width: 3, channels: 1, kernel: 2)
    let y = conv2d(Variable(Tensor([[1, 2, 3, 4, 5, 6]])), weight: w, bias: nil, geometry: wide).value
    #expect(y.shape == [1, 2])
    #expect(y.storage == [5421, 6532])  // 1 + 20 + 400 + 5000, 2 + 30 + 500 + 6000
    let tall = ConvGeometry(height: 3, width: 2, channels: 1, kernel: 2)
    let z = conv2d(Variable(Tensor([[1, 2, 3, 4, 5, 6]])), weight: w, bias: nil, geometry: tall).value
    #expect(z.shape == [1, 2])
    #expect(z.storage == [4321, 6543])  // 1 + 20 + 300 + 4000, 3 + 40 + 500 + 6000
  }

  @Test func poolingAndUpsamplingOfNonSquareImagesByHand() {
    // 2x4, one channel: two 2x2 blocks side by side; 4x2: one above the other.
    // The same eight values as 2x4 and as 4x2 give different blocks.
    let z = Tensor([[1, 2, 3, 4, 9, 6, 7, 8]])
    #expect(maxPool2x2(Variable(z), height: 2, width: 4, channels: 1).value.storage == [9, 8])
    #expect(maxPool2x2(Variable(z), height: 4, width: 2, channels: 1).value.storage == [4, 9])
    // 1x2 -> 2x4 and 2x1 -> 4x2.
    let row = upsample2x(Variable(Tensor([[1, 2]])), height: 1, width: 2, channels: 1).value
    #expect(row.storage == [1, 1, 2, 2, 1, 1, 2, 2])
    let column = upsample2x(Variable(Tensor([[1, 2]])), height: 2, width: 1, channels: 1).value
    #expect(column.storage == [1, 1, 1, 1, 2, 2, 2, 2])
  }

  @Test func convLayerSamePaddingKeepsTheImageSize() {
    var rng = SeededRandom(seed: 24)
    let layer = Conv2D(height: 6, width: 6, inputChannels: 2, outputChannels: 5, activation: .relu, using: &rng)
    #expect(layer(Variable(Tensor.normal([3, 72], using: &rng))).shape == [3, 6 * 6 * 5])
    #expect(layer.parameters.map(\.shape) == [[18, 5], [5]])
  }

  @Test func maxPoolingForwardAndGradient() {
    // One 4x4 single-channel image: the max of each 2x2 block.
    let x = Tensor([[1, 5, 2, 0, 3, 4, 8, 7, 0, 0, 1, 1, 9, 0, 1, 6]])
    let y = maxPool2x2(Variable(x), height: 4, width: 4, channels: 1).value
    #expect(y.storage == [5, 8, 9, 6])
    // Values 0.1 apart in random order: no near-ties for the finite-difference step.
    var rng = SeededRandom(seed: 25)
    let n = 2 * 4 * 6 * 3
    let values = Tensor(shape: [2, 4 * 6 * 3], storage: rng.permutation(n).map { Float($0) * 0.1 })
    let r = Variable(Tensor.normal([2, 2 * 3 * 3], using: &rng))
    let result = checkGradients(at: [values]) { p in (maxPool2x2(p[0], height: 4, width: 6, channels: 3) * r).sum() }
    #expect(result.passed, "\(result)")
  }

  @Test func upsamplingForwardAndGradient() {
    let x = Tensor([[1, 2, 3, 4]])  // 2x2, one channel
    let y = upsample2x(Variable(x), height: 2, width: 2, channels: 1).value
    #expect(y.storage == [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4])
    var rng = SeededRandom(seed: 26)
    let r = Variable(Tensor.normal([2, 6 * 4 * 2], using: &rng))
    let result = checkGradients(at: [Tensor.normal([2, 3 * 2 * 2], using: &rng)]) { p in
      (upsample2x(p[0], height: 3, width: 2, channels: 2) * r).sum()
    }
    #expect(result.passed, "\(result)")
  }
}
