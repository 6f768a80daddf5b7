// conv2d with one output channel takes the direct kernels (CKernels' convolution.c) instead of
// im2col + a matrix product: its forward pass and weight gradient against sums in Double over im2col's
// patches, its input gradient bit for bit against the im2col route's col2im, the whole op
// against finite differences.

import Autodiff
import NeuralNet
import Stochastic
import TensorCore
import Testing

@Suite("Convolution to one channel")
struct SingleChannelConvolutionTests {
  /// Channel counts below, at and past the kernels' 8 lanes; "same", strided and over-padded
  /// geometries.
  static let geometries = [
    ConvGeometry(height: 5, width: 4, channels: 1, kernel: 3, stride: 1, padding: 1),
    ConvGeometry(height: 7, width: 6, channels: 11, kernel: 3, stride: 2, padding: 1),
    ConvGeometry(height: 6, width: 6, channels: 8, kernel: 2, stride: 2, padding: 0),
    ConvGeometry(height: 9, width: 7, channels: 32, kernel: 3, stride: 1, padding: 1),
    ConvGeometry(height: 4, width: 5, channels: 16, kernel: 2, stride: 1, padding: 2),  // corners see no pixel
  ]

  /// Relative error allowed against a sum in Double: K products rounded to Float, each partial
  /// sum rounded once more, so K ulps of the sum of absolute terms bound it.
  static func bound(terms k: Int, absoluteSum: Double) -> Double { Double(k) * 0x1p-23 * absoluteSum }

  /// Normal images and weights, and the convolution's output with bias 0.25.
  static func forwardPass(_ g: ConvGeometry, batch: Int, seed: UInt64) -> (x: Tensor, w: Tensor, y: Variable) {
    var rng = SeededRandom(seed: seed)
    let x = Tensor.normal([batch, g.inputSize], using: &rng)
    let w = Tensor.normal([g.patchSize, 1], using: &rng)
    let y = conv2d(Variable(x), weight: Variable(w), bias: Variable(Tensor(shape: [1], storage: [0.25])), geometry: g)
    return (x, w, y)
  }

  @Test(arguments: geometries)
  func forwardMatchesSumsInDouble(g: ConvGeometry) {
    let batch = 3
    let (x, w, y) = Self.forwardPass(g, batch: batch, seed: 31)
    #expect(y.shape == [batch, g.positions])
    let patches = im2col(x, g)
    for row in 0..<(batch * g.positions) {
      var sum = 0.25
      var absolute = 0.25
      for i in 0..<g.patchSize {
        sum += Double(patches[row, i]) * Double(w[i, 0])
        absolute += Swift.abs(Double(patches[row, i]) * Double(w[i, 0]))
      }
      let error = Swift.abs(Double(y.value.storage[row]) - sum)
      #expect(error <= Self.bound(terms: g.patchSize + 1, absoluteSum: absolute), "position \(row): \(error)")
    }
  }

  /// The forward pass is bit for bit the order convolution.c documents, whichever body runs
  /// (vectors of 8 channels for 8, 16 and 32, scalars otherwise): per channel a running sum of
  /// w x over the taps inside the image, in (ky, kx) order; the channels folded onto 8 lanes in
  /// channel order; then the tree 8 -> 4 -> 2 -> 1; then the bias.
  @Test(arguments: geometries)
  func forwardSumsInTheDocumentedOrder(g: ConvGeometry) {
    let batch = 2
    let (x, w, y) = Self.forwardPass(g, batch: batch, seed: 35)
    let lanes = (g.channels + 7) / 8 * 8
    var differing = 0
    for n in 0..<batch {
      for oy in 0..<g.outputHeight {
        for ox in 0..<g.outputWidth {
          var acc = [Float](repeating: 0, count: lanes)
          for ky in 0..<g.kernel {
            let iy = oy * g.stride - g.padding + ky
            guard iy >= 0 && iy < g.height else { continue }
            for kx in 0..<g.kernel {
              let ix = ox * g.stride - g.padding + kx
              guard ix >= 0 && ix < g.width else { continue }
              for c in 0..<g.channels {
                let product = w.storage[(ky * g.kernel + kx) * g.channels + c]
                  * x.storage[n * g.inputSize + (iy * g.width + ix) * g.channels + c]
                acc[c] = acc[c] + product
              }
            }
          }
          for c in stride(from: 8, to: lanes, by: 8) { for j in 0..<8 { acc[j] = acc[j] + acc[c + j] } }
          let sum = ((acc[0] + acc[4]) + (acc[2] + acc[6])) + ((acc[1] + acc[5]) + (acc[3] + acc[7]))
          let position = n * g.positions + oy * g.outputWidth + ox
          if (sum + 0.25).bitPattern != y.value.storage[position].bitPattern { differing += 1 }
        }
      }
    }
    #expect(differing == 0, "\(differing) of \(y.value.count) outputs differ")
  }

  @Test(arguments: geometries)
  func gradientsMatchTheIm2colRoute(g: ConvGeometry) {
    var rng = SeededRandom(seed: 32)
    let batch = 3
    let x = Variable(Tensor.normal([batch, g.inputSize], using: &rng), requiresGradient: true)
    let w = Variable(Tensor.normal([g.patchSize, 1], using: &rng), requiresGradient: true)
    let b = Variable(Tensor.zeros([1]), requiresGradient: true)
    let seed = Tensor.normal([batch, g.positions], using: &rng)
    conv2d(x, weight: w, bias: b, geometry: g).backward(seed: seed)
    let gy = seed.reshaped([batch * g.positions, 1])
    // dx: col2im(G W^T), whose products with K = 1 are each rounded once and then summed in
    // col2im's order, as the direct kernel sums them.
    let im2colRoute = col2im(Tensor.matmul(gy, w.value, transposeB: true), g, batch: batch)
    let differing = zip(x.grad!.storage, im2colRoute.storage).filter { $0.0.bitPattern != $0.1.bitPattern }.count
    #expect(differing == 0, "\(differing) of \(im2colRoute.count) input-gradient entries differ")
    // dW = P^T G in Double.
    let patches = im2col(x.value, g)
    for i in 0..<g.patchSize {
      var sum = 0.0
      var absolute = 0.0
      for row in 0..<(batch * g.positions) {
        sum += Double(patches[row, i]) * Double(gy.storage[row])
        absolute += Swift.abs(Double(patches[row, i]) * Double(gy.storage[row]))
      }
      let error = Swift.abs(Double(w.grad!.storage[i]) - sum)
      #expect(error <= Self.bound(terms: g.positions + batch, absoluteSum: absolute), "weight \(i): \(error)")
    }
    let biasSum = seed.storage.reduce(0.0) { $0 + Double($1) }
    let biasBound = Self.bound(terms: seed.count, absoluteSum: seed.storage.reduce(0.0) { $0 + Double(Swift.abs($1)) })
    #expect(Swift.abs(Double(b.grad!.storage[0]) - biasSum) <= biasBound)
  }

  @Test(arguments: geometries)
  func gradientAgainstFiniteDifferences(g: ConvGeometry) {
    var rng = SeededRandom(seed: 33)
    let r = Variable(Tensor.normal([2, g.positions], using: &rng))
    let result = checkGradients(
      at: [
        Tensor.normal([2, g.inputSize], using: &rng),
        Tensor.normal([g.patchSize, 1], standardDeviation: 0.5, using: &rng), Tensor.normal([1], using: &rng),
      ]
    ) { p in (conv2d(p[0], weight: p[1], bias: p[2], geometry: g) * r).sum() }
    #expect(result.passed, "\(result)")
  }

  /// A batch split over the cores gives each image what it gives alone, in every output.
  @Test func splitBatchesChangeNoBit() {
    let g = ConvGeometry(height: 28, width: 28, channels: 16, kernel: 3, stride: 1, padding: 1)
    var rng = SeededRandom(seed: 34)
    let batch = 32
    let x = Tensor.normal([batch, g.inputSize], using: &rng)
    let w = Tensor.normal([g.patchSize, 1], using: &rng)
    let seed = Tensor.normal([batch, g.positions], using: &rng)
    func run(_ images: Tensor, _ gy: Tensor) -> (y: [Float], dx: [Float], dw: [Float]) {
      let xv = Variable(images, requiresGradient: true)
      let wv = Variable(w, requiresGradient: true)
      let y = conv2d(xv, weight: wv, bias: nil, geometry: g)
      y.backward(seed: gy)
      return (y.value.storage, xv.grad!.storage, wv.grad!.storage)
    }
    let whole = run(x, seed)
    for n in [0, batch / 2 - 1, batch / 2, batch - 1] {
      let alone = run(x.rows(n..<(n + 1)), seed.rows(n..<(n + 1)))
      #expect(Array(whole.y[(n * g.positions)..<((n + 1) * g.positions)]) == alone.y, "image \(n)")
      #expect(Array(whole.dx[(n * g.inputSize)..<((n + 1) * g.inputSize)]) == alone.dx, "image \(n)")
    }
    // dW adds the images' shares in image order whatever the split: the whole batch against
    // the shares of single images added the same way.
    var sums = [Double](repeating: 0, count: g.patchSize)
    for n in 0..<batch {
      let share = run(x.rows(n..<(n + 1)), seed.rows(n..<(n + 1))).dw
      for i in 0..<g.patchSize { sums[i] += Double(share[i]) }
    }
    #expect(whole.dw == sums.map { Float($0) })
  }
}
