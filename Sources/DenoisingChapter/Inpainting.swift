// Slide "Examples and Applications: image reconstruction" (input: corrupted image, output:
// clean image), as inpainting: a DAE trained on images with a missing block at a random
// position. In a test image with a hole, the known pixels are kept and the hole is filled
// from the model's reconstruction; scored by the squared error inside the holes against two
// fills that need no DAE: the mean training image, and the plain AE's reconstruction.

import AutoencoderKit
import Datasets
import Foundation
import Lecture
import LectureChecks
import Plotting
import Stochastic
import TensorCore

extension DenoisingChapter {
  /// Where `corruption`, drawn from `noise`, makes its holes in `count` images of `pixels`
  /// pixels (true = missing). The block's position draws do not depend on the pixels, so
  /// the same draws applied to a white canvas show the holes that real images hide where
  /// they are black.
  package static func holeMask(_ corruption: Corruption, count: Int, pixels: Int, noise: SeededRandom) -> [Bool] {
    var draws = noise
    let white = Tensor(repeating: 1, shape: [count, pixels])
    return corruption.apply(to: white, using: &draws).storage.map { $0 == 0 }
  }

  /// Known pixels from `holed`, hole pixels from `fill` [N, D].
  static func compose(_ holed: Tensor, fill: Tensor, mask: [Bool]) -> Tensor {
    Tensor(shape: holed.shape, storage: (0..<holed.count).map { mask[$0] ? fill.storage[$0] : holed.storage[$0] })
  }

  /// Mean squared error over the hole pixels only.
  static func holeMSE(_ estimate: Tensor, _ clean: Tensor, mask: [Bool]) -> Double {
    var total = 0.0
    var count = 0
    for i in 0..<clean.count where mask[i] {
      let e = Double(estimate.storage[i]) - Double(clean.storage[i])
      total += e * e
      count += 1
    }
    return total / Double(max(count, 1))
  }

  package static func inpainting(
    _ run: ChapterRun, plain: DenseAutoencoder, train: LabeledImages, test: LabeledImages, config: Config,
    formulas: Formulas
  ) throws {
    run.section("Image reconstruction: inpainting a missing \(config.blockSide)x\(config.blockSide) block")
    let slide = "Examples and Applications: image reconstruction"
    let corruption = Corruption.block(side: config.blockSide, imageWidth: test.width, imageHeight: test.height)
    let noise = run.random("test-holes")
    var draws = noise
    let holed = corruption.apply(to: test.images, using: &draws)
    let mask = holeMask(corruption, count: test.count, pixels: test.images.shape[1], noise: noise)
    let model = try trainAutoencoder(
      run, corruption: corruption, train: train, testInputs: holed, testTargets: test.images, config: config,
      formulas: formulas)

    let meanImage = train.images.mean(axis: 0)  // [D]
    let meanFill = compose(holed, fill: Tensor.zeros(test.images.shape) + meanImage, mask: mask)
    let plainFill = compose(holed, fill: plain.reconstruct(formulas.plainAEInput(holed, test.images)), mask: mask)
    let daeFill = compose(holed, fill: model.reconstruct(holed), mask: mask)
    let (meanError, plainError, daeError) = (
      holeMSE(meanFill, test.images, mask: mask), holeMSE(plainFill, test.images, mask: mask),
      holeMSE(daeFill, test.images, mask: mask)
    )
    run.say(
      String(
        format:
          "MSE inside the holes: mean training image %.5f, plain AE %.5f, inpainting DAE %.5f; PSNR of the whole "
          + "images %.2f, %.2f, %.2f dB",
        meanError, plainError, daeError, meanPSNR(meanFill, test.images), meanPSNR(plainFill, test.images),
        meanPSNR(daeFill, test.images)))
    // Per test image (the composed images differ from the clean ones inside the hole only, and
    // every hole has side^2 pixels, so the whole-image MSE is the hole MSE scaled).
    let daeByImage = perImageMeanSquaredError(daeFill, test.images)
    run.pairedLower(
      "inpainting DAE error in the holes below the mean-image fill's", slide: slide,
      daeByImage, than: perImageMeanSquaredError(meanFill, test.images))
    run.pairedLower(
      "inpainting DAE error in the holes below the plain AE's fill", slide: slide,
      daeByImage, than: perImageMeanSquaredError(plainFill, test.images))

    let shown = test.firstOfEachClass
    try run.figure(
      .imageGrid(
        name: "denoising-inpainting",
        title:
          "Inpainting a \(config.blockSide)x\(config.blockSide) hole: known pixels kept, the hole filled by each method"
          + run.settingsNote,
        rows: [holed, meanFill, plainFill, daeFill, test.images].map { tiles($0.rows(shown)) },
        imageWidth: test.width, imageHeight: test.height,
        rowLabels: ["with hole", "mean image", "plain AE", "DAE", "original"],
        columnLabels: test.classNames(of: shown)))
  }
}
