// Slides "Deep Convolutional Autoencoder (CAE)": image-friendly autoencoders. The layers are
// new ops (NeuralNet/Conv2D.swift, Im2col.swift, Pooling.swift, Upsampling.swift), so first
// their checks: im2col + the narrow product against a direct convolution in Double, and every backward
// against finite differences. Then a conv AE on the same images:
//   encoder  28x28x1 -conv3x3,16,relu-> -maxpool-> 14x14x16 -conv3x3,8,relu-> -maxpool->
//            7x7x8 -conv3x3,2,relu-> code 7x7x2 (98 numbers)
//   decoder  7x7x2 -conv3x3,8,relu-> -up2-> 14x14x8 -conv3x3,8,relu-> -up2-> 28x28x8
//            -conv3x3,1-> sigmoid
// About 2.5 thousand weights in all, shared across positions: that is what "image friendly"
// buys. It is compared with PCA with as many weights (k = weights / 784 components: PCA-k
// stores a 784 x k basis) and, for scale, with PCA at the same code size (98).

import Autodiff
import AutoencoderKit
import Datasets
import Foundation
import Lecture
import LectureChecks
import LinearAlgebra
import NeuralNet
import Plotting
import Stochastic
import TensorCore

extension AutoencoderChapter {
  /// The convolutional autoencoder above (`package`: bench times it as the chapter trains it).
  package struct ConvolutionalAutoencoder {
    let e1: Conv2D, e2: Conv2D, e3: Conv2D, d1: Conv2D, d2: Conv2D, d3: Conv2D
    static let codeChannels = 2

    package init(using rng: inout SeededRandom) {
      e1 = Conv2D(height: 28, width: 28, inputChannels: 1, outputChannels: 16, activation: .relu, using: &rng)
      e2 = Conv2D(height: 14, width: 14, inputChannels: 16, outputChannels: 8, activation: .relu, using: &rng)
      e3 = Conv2D(
        height: 7, width: 7, inputChannels: 8, outputChannels: Self.codeChannels, activation: .relu, using: &rng)
      d1 = Conv2D(
        height: 7, width: 7, inputChannels: Self.codeChannels, outputChannels: 8, activation: .relu, using: &rng)
      d2 = Conv2D(height: 14, width: 14, inputChannels: 8, outputChannels: 8, activation: .relu, using: &rng)
      d3 = Conv2D(height: 28, width: 28, inputChannels: 8, outputChannels: 1, using: &rng)
    }

    package var parameters: [Variable] { [e1, e2, e3, d1, d2, d3].flatMap(\.parameters) }
    /// The six convolutions in order, the encoder's first reading the images.
    package var layers: [Conv2D] { [e1, e2, e3, d1, d2, d3] }
    var codeSize: Int { 7 * 7 * Self.codeChannels }

    func code(_ x: Variable) -> Variable {  // [B, 784] -> [B, 98]
      let h1 = maxPool2x2(e1(x), height: 28, width: 28, channels: 16)  // [B, 14*14*16]
      let h2 = maxPool2x2(e2(h1), height: 14, width: 14, channels: 8)  // [B, 7*7*8]
      return e3(h2)  // [B, 7*7*2]
    }

    package func logits(_ x: Variable) -> Variable {  // [B, 784]
      let u1 = upsample2x(d1(code(x)), height: 7, width: 7, channels: 8)  // [B, 14*14*8]
      let u2 = upsample2x(d2(u1), height: 14, width: 14, channels: 8)  // [B, 28*28*8]
      return d3.preactivation(u2)  // [B, 28*28*1]
    }
  }

  /// Inputs whose 2 x 2 windows have no near-ties (values 0.1 apart in random order), so a
  /// finite-difference step cannot change which element is the maximum.
  static func separatedValues(_ count: Int, using rng: inout SeededRandom) -> Tensor {
    let order = rng.permutation(count)
    return Tensor(shape: [1, count], storage: order.map { Float($0) * 0.1 - Float(count) * 0.05 })
  }

  package static func convolutionChecks(_ run: ChapterRun, formulas: Formulas = .honest) {
    let slide = "Deep Convolutional AE"
    var rng = run.random("conv-checks")
    // im2col + the narrow product vs the direct sum, with stride 2 and padding to exercise the edges.
    let g = ConvGeometry(height: 7, width: 6, channels: 3, kernel: 3, stride: 2, padding: 1)
    let x = Tensor.normal([2, g.inputSize], using: &rng)
    let w = Tensor.normal([g.patchSize, 4], using: &rng)
    let b = Tensor.normal([4], using: &rng)
    directSumRow(run, "conv2d (im2col + narrow product)", x, w, b, g, formulas: formulas, slide: slide)
    oneChannelChecks(run, g, formulas: formulas, slide: slide)

    // Backward of each layer against finite differences, through a fixed random projection
    // R so the scalar sum(y * R) has a gradient that differs element by element.
    let small = ConvGeometry(height: 5, width: 4, channels: 2, kernel: 3, stride: 1, padding: 1)
    let xs = Tensor.normal([2, small.inputSize], using: &rng)
    let ws = Tensor.normal([small.patchSize, 3], standardDeviation: 0.5, using: &rng)
    let bs = Tensor.normal([3], using: &rng)
    let r = Variable(Tensor.normal([2, small.positions * 3], using: &rng))
    run.gradientRow(
      "Conv2D (x, W, b)", slide: slide,
      checkGradients(at: [xs, ws, bs]) { p in
        (formulas.conv2d(p[0], p[1], p[2], small) * r).sum()
      })
    let strided = ConvGeometry(height: 6, width: 5, channels: 2, kernel: 3, stride: 2, padding: 0)
    let xt = Tensor.normal([2, strided.inputSize], using: &rng)
    let wt = Tensor.normal([strided.patchSize, 2], standardDeviation: 0.5, using: &rng)
    let rt = Variable(Tensor.normal([2, strided.positions * 2], using: &rng))
    run.gradientRow(
      "Conv2D stride 2, no padding", slide: slide,
      checkGradients(at: [xt, wt]) { p in
        (formulas.conv2d(p[0], p[1], nil, strided) * rt).sum()
      })
    let pooled = separatedValues(4 * 6 * 3, using: &rng)
    let rp = Variable(Tensor.normal([1, 2 * 3 * 3], using: &rng))
    run.gradientRow(
      "max pooling 2x2", slide: slide,
      checkGradients(at: [pooled]) { p in
        (formulas.maxPool(p[0], 4, 6, 3) * rp).sum()
      })
    let ru = Variable(Tensor.normal([2, 6 * 4 * 2], using: &rng))
    run.gradientRow(
      "upsampling 2x (nearest)", slide: slide,
      checkGradients(at: [Tensor.normal([2, 3 * 2 * 2], using: &rng)]) { p in
        (formulas.upsample(p[0], 3, 2, 2) * ru).sum()
      })
  }

  /// The row "`route` vs direct sum": conv2d's output against the direct sum in Double, the
  /// largest error relative to the largest output.
  static func directSumRow(
    _ run: ChapterRun, _ route: String, _ x: Tensor, _ w: Tensor, _ b: Tensor, _ g: ConvGeometry,
    formulas: Formulas, slide: String
  ) {
    let fast = formulas.conv2d(Variable(x), Variable(w), Variable(b), g).value
    let direct = directConvolution(x, weight: w, bias: b, geometry: g)
    let scale = direct.map(abs).max() ?? 1
    let worst = zip(fast.storage, direct).map { abs(Double($0) - $1) }.max() ?? .nan
    run.check(
      "\(route) vs direct sum, max rel. error", slide: slide,
      expected: 0, observed: worst / scale, tolerance: .atMost(margin: 1e-5))
  }

  /// The decoder's last layer has one output channel, and conv2d computes such a layer by direct
  /// kernels (CKernels' convolution.c), not im2col + a matrix product: its forward against the direct sum
  /// in Double and its backward against finite differences, on a generator of their own so the
  /// other rows draw the same numbers.
  static func oneChannelChecks(_ run: ChapterRun, _ g: ConvGeometry, formulas: Formulas, slide: String) {
    var rng = run.random("conv-checks-one-channel")
    let x = Tensor.normal([2, g.inputSize], using: &rng)
    let w = Tensor.normal([g.patchSize, 1], using: &rng)
    let b = Tensor.normal([1], using: &rng)
    directSumRow(run, "conv2d to one channel (direct kernels)", x, w, b, g, formulas: formulas, slide: slide)
    let r = Variable(Tensor.normal([2, g.positions], using: &rng))
    run.gradientRow(
      "Conv2D to one channel (x, W, b)", slide: slide,
      checkGradients(at: [x, w.map { $0 * 0.5 }, b]) { p in
        (formulas.conv2d(p[0], p[1], p[2], g) * r).sum()
      })
  }

  static func convolutional(
    _ run: ChapterRun, pca: PrincipalComponents, train: LabeledImages, test: LabeledImages, config: Config,
    formulas: Formulas = .honest
  ) throws {
    run.section("Deep Convolutional Autoencoder (CAE): conv + pool encoder, upsample + conv decoder")
    let slide = "Deep Convolutional AE"
    convolutionChecks(run, formulas: formulas)
    guard train.height == 28 && train.width == 28 else { return }
    var rng = run.random("cae")
    let model = ConvolutionalAutoencoder(using: &rng)
    let images = train.prefix(config.caeCount).images
    let start = Date()
    // The per-epoch test loss on the first 1,000 test images (the final scores use them all).
    let curve = try trainBinaryCrossEntropy(
      name: "conv AE", parameters: model.parameters, logits: { formulas.trained(model.logits($0)) },
      inputs: images, testInputs: test.prefix(1_000).images, epochs: config.caeEpochs, batchSize: 32,
      evaluationChunk: 250, using: &rng)
    let seconds = Date().timeIntervalSince(start)
    let parameterCount = model.parameters.map(\.value.count).reduce(0, +)
    let back = sigmoid(inChunks(test.images, rows: 250) { model.logits(Variable($0)).value })
    let pcaBack = pcaReconstruction(pca, test.images, components: model.codeSize)
    let equalWeights = max(1, parameterCount / train.images.shape[1])  // PCA-k stores 784 k numbers
    let pcaSmall = pcaReconstruction(pca, test.images, components: equalWeights)
    let caeMSE = meanSquaredError(back, test.images)
    let (pcaMSE, pcaSmallMSE) = (meanSquaredError(pcaBack, test.images), meanSquaredError(pcaSmall, test.images))
    run.timing(String(format: "conv AE: %.1f s", seconds))
    run.say(
      String(
        format:
          "conv AE (%d weights, code %d = 7x7x%d): %d epochs on %d images; test binary cross-entropy %.4f, MSE %.5f",
        parameterCount, model.codeSize, ConvolutionalAutoencoder.codeChannels, config.caeEpochs, images.shape[0],
        binaryCrossEntropy(probabilities: back, targets: test.images), caeMSE))
    run.say(
      String(
        format: "PCA-%d (%d weights, as many as the conv AE) MSE %.5f; PCA-%d (same code size, %d weights) MSE %.5f",
        equalWeights, equalWeights * train.images.shape[1], pcaSmallMSE, model.codeSize,
        model.codeSize * train.images.shape[1], pcaMSE))
    run.check(
      "conv AE test BCE decreased: last <= first epoch", slide: slide,
      expected: curve.first?.test ?? .nan, observed: curve.last?.test ?? .nan, tolerance: .atMost(margin: 0))
    run.pairedLower(
      "conv AE test MSE below PCA-\(equalWeights)'s (equal weight count)", slide: slide,
      perImageMeanSquaredError(back, test.images), than: perImageMeanSquaredError(pcaSmall, test.images))
    let shown = test.firstOfEachClass
    try run.figure(
      .imageGrid(
        name: "ae-cae-reconstructions",
        title:
          "Test images (top), conv AE (code 7x7x\(ConvolutionalAutoencoder.codeChannels), \(parameterCount) "
          + "weights), PCA with as many weights, PCA with as large a code",
        rows: [
          tiles(test.images.rows(shown)), tiles(back.rows(shown)), tiles(pcaSmall.rows(shown)),
          tiles(pcaBack.rows(shown)),
        ],
        imageWidth: test.width, imageHeight: test.height,
        rowLabels: ["original", "conv AE", "PCA-\(equalWeights)", "PCA-\(model.codeSize)"],
        columnLabels: test.classNames(of: shown)))
  }
}
