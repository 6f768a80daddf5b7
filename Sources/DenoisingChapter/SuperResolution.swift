// Slide "Examples and Applications: image super resolution". Low-resolution images are the
// test images averaged over 2x2 blocks (14x14 from 28x28); the task is the full image back.
// Bicubic interpolation is the classical answer; the learned one is a small convolutional
// network trained like a DAE, the low-resolution image as its input and the full image as
// its target:
//   14x14x1 -conv3x3,C,relu-> -up2-> 28x28xC -conv3x3,C,relu-> -conv3x3,1-> sigmoid
// Its weights are shared across positions (about 2.8 thousand for C = 16), so it learns local
// rules of how edges continue, which is what interpolation cannot know.

import Autodiff
import AutoencoderKit
import Datasets
import Foundation
import Lecture
import LectureChecks
import NeuralNet
import Plotting
import Stochastic
import TensorCore

extension DenoisingChapter {
  /// The super-resolution network above, for low-resolution images of lowWidth x lowHeight.
  struct SuperResolutionNetwork {
    let c1: Conv2D, c2: Conv2D, c3: Conv2D
    let lowWidth: Int, lowHeight: Int

    init(lowWidth: Int, lowHeight: Int, channels: Int, using rng: inout SeededRandom) {
      (self.lowWidth, self.lowHeight) = (lowWidth, lowHeight)
      c1 = Conv2D(
        height: lowHeight, width: lowWidth, inputChannels: 1, outputChannels: channels, activation: .relu, using: &rng)
      c2 = Conv2D(
        height: 2 * lowHeight, width: 2 * lowWidth, inputChannels: channels, outputChannels: channels,
        activation: .relu, using: &rng)
      c3 = Conv2D(height: 2 * lowHeight, width: 2 * lowWidth, inputChannels: channels, outputChannels: 1, using: &rng)
    }

    var parameters: [Variable] { [c1, c2, c3].flatMap(\.parameters) }

    func logits(_ low: Variable) -> Variable {  // [B, lowWidth * lowHeight] -> [B, 4 lowWidth * lowHeight]
      let up = upsample2x(c1(low), height: lowHeight, width: lowWidth, channels: c1.outputChannels)
      return c3.preactivation(c2(up))
    }
  }

  /// The largest error of bicubic 2x upsampling with Keys' parameter `a` on a random
  /// quadratic q(x, y) sampled on a 9 x 7 grid, over the outputs whose taps are all inside:
  /// zero up to rounding for a = -1/2, not for any other a.
  package static func quadraticReproductionError(a: Double, using rng: inout SeededRandom) -> Double {
    let (w, h) = (9, 7)
    let c = (0..<6).map { _ in rng.uniform(-1, 1) }
    func quadratic(_ x: Double, _ y: Double) -> Double {
      c[0] + c[1] * x + c[2] * y + c[3] * x * x + c[4] * x * y + c[5] * y * y
    }
    let samples = (0..<(w * h)).map { quadratic(Double($0 % w), Double($0 / w)) }  // pixel (r, c) at (x, y) = (c, r)
    let up = bicubicUpsample2x(samples, width: w, height: h, a: a)
    var worst = 0.0
    for r in interiorOutputs(count: h) {
      for col in interiorOutputs(count: w) {
        worst = max(worst, abs(up[r * 2 * w + col] - quadratic(sourceCoordinate(col), sourceCoordinate(r))))
      }
    }
    return worst
  }

  /// The loss the super-resolution network trains with (BCE from its logits against the full
  /// image) on a 2x2 -> 4x4 copy with 2 channels, written with the same ops (conv2d, ReLU,
  /// upsample2x), its backward against finite differences. The point is redrawn until every
  /// ReLU pre-activation is at least 0.1 from its kink (a step of the checker, 1e-2 on one
  /// weight, moves one by a few hundredths at most here), so a difference is a wrong derivative.
  package static func superResolutionLossCheck(_ run: ChapterRun, slide: String, formulas: Formulas = .honest) {
    var rng = run.random("superres-loss-check")
    let (w, h, c) = (2, 2, 2)
    let g1 = ConvGeometry(height: h, width: w, channels: 1, kernel: 3, stride: 1, padding: 1)
    let g2 = ConvGeometry(height: 2 * h, width: 2 * w, channels: c, kernel: 3, stride: 1, padding: 1)
    func forward(_ low: Tensor, _ p: [Variable]) -> (logits: Variable, preactivations: [Tensor]) {
      let a1 = conv2d(Variable(low), weight: p[0], bias: p[1], geometry: g1)
      let up = upsample2x(a1.relu(), height: h, width: w, channels: c)
      let a2 = conv2d(up, weight: p[2], bias: p[3], geometry: g2)
      return (conv2d(a2.relu(), weight: p[4], bias: p[5], geometry: g2), [a1.value, a2.value])
    }
    var low: Tensor
    var target: Tensor
    var start: [Tensor]
    repeat {
      low = Tensor.uniform([1, w * h], using: &rng)
      target = Tensor.uniform([1, 4 * w * h], using: &rng)
      start = [
        Tensor.normal([g1.patchSize, c], using: &rng), Tensor.normal([c], standardDeviation: 0.3, using: &rng),
        Tensor.normal([g2.patchSize, c], standardDeviation: 0.5, using: &rng),
        Tensor.normal([c], standardDeviation: 0.3, using: &rng),
        Tensor.normal([g2.patchSize, 1], standardDeviation: 0.5, using: &rng),
        Tensor.normal([1], standardDeviation: 0.3, using: &rng),
      ]
    } while forward(low, start.map { Variable($0) }).preactivations.contains { a in a.storage.contains { abs($0) < 0.1 }
    }
    run.gradientRow(
      "training loss: BCE of a 2x2 -> 4x4 super-resolution network (2 channels)", slide: slide,
      checkGradients(at: start) { p in
        formulas.reconstructionLoss(forward(low, p).logits, target, .perPixelMean) * 10
      })
  }

  /// The name of the bicubic check (for the catalogue).
  static let bicubicCheckName = "bicubic (Keys, a = -1/2) reproduces a quadratic away from the borders, max abs error"

  /// Keys' cubic with parameter `a` against a random quadratic: exact (to rounding) only for
  /// a = -1/2, the value the chapter interpolates with.
  package static func bicubicCheck(_ run: ChapterRun, formulas: Formulas = .honest) {
    var rng = run.random("bicubic-check")
    run.check(
      bicubicCheckName, slide: "Examples and Applications: image super resolution",
      expected: 0, observed: quadraticReproductionError(a: formulas.bicubicA, using: &rng), tolerance: .absolute(1e-12))
  }

  static func superResolution(
    _ run: ChapterRun, train: LabeledImages, test: LabeledImages, config: Config, formulas: Formulas
  ) throws {
    run.section("Image super resolution: a convolutional network against bicubic interpolation")
    let slide = "Examples and Applications: image super resolution"
    bicubicCheck(run, formulas: formulas)
    superResolutionLossCheck(run, slide: slide, formulas: formulas)
    guard test.width % 2 == 0 && test.height % 2 == 0 else { return }
    let (w, h) = (test.width / 2, test.height / 2)
    let images = train.images.rows(0..<min(config.superResolutionCount, train.count))
    let lowTrain = averagePool2x(images, width: test.width, height: test.height)
    let lowTest = averagePool2x(test.images, width: test.width, height: test.height)
    // Any block average keeps the overall mean: an identity, stated rather than checked.
    run.fact(
      "mean grey level of the test set after 2x2 averaging minus before", slide: slide,
      value: lowTest.sumDouble() / Double(lowTest.count) - test.images.sumDouble() / Double(test.images.count))

    var rng = run.random("superres")
    let network = SuperResolutionNetwork(
      lowWidth: w, lowHeight: h, channels: config.superResolutionChannels, using: &rng)
    let start = Date()
    let curve = try trainBinaryCrossEntropy(
      name: "super resolution", parameters: network.parameters, logits: network.logits, inputs: lowTrain,
      targets: images,
      testInputs: lowTest.rows(0..<min(1_000, test.count)), testTargets: test.images.rows(0..<min(1_000, test.count)),
      epochs: config.superResolutionEpochs, batchSize: config.superResolutionBatch, evaluationChunk: 250, using: &rng)
    run.timing(String(format: "super resolution: %.1f s", Date().timeIntervalSince(start)))
    let weights = network.parameters.map(\.value.count).reduce(0, +)
    run.say(
      String(
        format:
          "%dx%d -> %dx%d, %d weights: %d epochs on %d images, batch %d; test BCE per pixel %.4f after epoch 1, %.4f "
          + "after epoch %d",
        w, h, test.width, test.height, weights, config.superResolutionEpochs, images.shape[0],
        config.superResolutionBatch,
        curve.first?.test ?? .nan, curve.last?.test ?? .nan, curve.last?.epoch ?? 0))

    let nearest = upsample2x(Variable(lowTest), height: h, width: w, channels: 1).value
    let bicubic = bicubicUpsample2x(lowTest, width: w, height: h, coordinate: formulas.bicubicCoordinate)
    let learned = formulas.pixels(inChunks(lowTest, rows: 250) { network.logits(Variable($0)).value })
    let (nearestPSNR, bicubicPSNR, learnedPSNR) = (
      meanPSNR(nearest, test.images), meanPSNR(clippedToUnitRange(bicubic), test.images),
      meanPSNR(learned, test.images)
    )
    run.say(
      String(
        format:
          "PSNR on %d test images: nearest neighbour %.2f dB, bicubic %.2f dB (clipped to [0, 1]), network %.2f dB",
        test.count, nearestPSNR, bicubicPSNR, learnedPSNR))
    let (nearestByImage, bicubicByImage) = (
      perImagePSNR(nearest, test.images), perImagePSNR(clippedToUnitRange(bicubic), test.images)
    )
    run.pairedLower("nearest neighbour's PSNR below bicubic's (dB)", slide: slide, nearestByImage, than: bicubicByImage)
    run.pairedLower(
      "bicubic PSNR below the super-resolution network's (dB)", slide: slide,
      bicubicByImage, than: perImagePSNR(learned, test.images))

    let shown = test.firstOfEachClass
    try run.figure(
      .imageGrid(
        name: "denoising-superres",
        title: "Super resolution from \(w)x\(h): nearest neighbour, bicubic, the network, the original "
          + "(each with its mean PSNR over the \(test.count) test images)\(run.settingsNote)",
        rows: [nearest, bicubic, learned, test.images].map { tiles($0.rows(shown)) },
        imageWidth: test.width, imageHeight: test.height,
        rowLabels: [("nearest", nearestPSNR), ("bicubic", bicubicPSNR), ("network", learnedPSNR)].map { name, psnr in
          String(format: "%@ %.1f dB", name, psnr)
        } + ["original"],
        columnLabels: test.classNames(of: shown)))
  }
}
