// Slides "Examples and Applications: feature reduction" (input 28x28 = 784D, hidden 100D, code
// 32D) and "Examples and Applications: Denoising AE, same setting": the 784-100-32-100-784 AE
// trained on clean images, and from the same initial weights a DAE trained on Gaussian-noised
// ones (sigma of `--noise gaussian:`, 0.5 by default, as the slide's Keras example). Both are
// scored on the same noisy test images, one fixed draw per image: the DAE against the noisy
// input (clipped to [0, 1], which only helps it) and against the plain AE given that input.

import AutoencoderKit
import Datasets
import Foundation
import Lecture
import Plotting
import Stochastic
import TensorCore

extension DenoisingChapter {
  /// The architecture as the slide writes it, e.g. "784-100-32-100-784".
  static func widths(_ d: Int, hidden: [Int]) -> String {
    ([d] + hidden + hidden.dropLast().reversed() + [d]).map(String.init).joined(separator: "-")
  }

  /// The section's two orderings for a d-pixel input and hidden sizes `hidden` (the checks
  /// append " (paired, by > 4 SE)").
  static func featureReductionRows(_ d: Int = 784, hidden: [Int] = Config(quick: true).featureReductionHidden)
    -> [String]
  {
    let code = ([d] + hidden).map(String.init).joined(separator: "-")
    return [
      "\(code): noisy input's PSNR below the DAE's (dB)",
      "\(code): plain AE's PSNR on the noisy input below the DAE's (dB)",
    ]
  }

  package static func featureReduction(
    _ run: ChapterRun, train: LabeledImages, test: LabeledImages, config: Config, formulas: Formulas
  ) throws {
    let hidden = config.featureReductionHidden
    let d = train.images.shape[1]
    let code = ([d] + hidden).map(String.init).joined(separator: "-")
    run.section("Feature reduction \(widths(d, hidden: hidden)): a plain AE and a DAE in the same setting")
    let slide = "Examples and Applications: feature reduction and Denoising AE"
    let corruption = Corruption.gaussian(standardDeviation: config.gaussianSigma)
    run.say(
      "ReLU, sigmoid output; Adam lr \(config.learningRate), batch \(config.batch), \(config.epochs) epochs on "
        + "\(train.count) images; the DAE on \(corruption.description), a fresh draw per batch; the same initial "
        + "weights for both")
    let plain = try trainAutoencoder(
      run, corruption: nil, hidden: hidden, name: "\(code) plain AE", train: train, testInputs: test.images,
      testTargets: test.images, config: config, formulas: formulas)
    var noise = run.random("feature-reduction-noise")
    let noisy = corruption.apply(to: test.images, using: &noise)
    let dae = try trainAutoencoder(
      run, corruption: corruption, hidden: hidden, name: "\(code) DAE", train: train, testInputs: noisy,
      testTargets: test.images, config: config, formulas: formulas)

    let plainOnClean = plain.reconstruct(test.images)
    let plainOnNoisy = plain.reconstruct(formulas.plainAEInput(noisy, test.images))
    let denoised = dae.reconstruct(noisy)
    let input = perImagePSNR(clippedToUnitRange(noisy), test.images)
    let byPlain = perImagePSNR(plainOnNoisy, test.images)
    let byDAE = perImagePSNR(denoised, test.images)
    func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
    let cleanPSNR = meanPSNR(plainOnClean, test.images)
    run.say(
      String(
        format: "PSNR on %d test images: plain AE on clean images %.2f dB; on the noisy ones: the input %.2f dB, "
          + "plain AE %.2f dB, DAE %.2f dB",
        test.count, cleanPSNR, mean(input), mean(byPlain), mean(byDAE)))
    let names = featureReductionRows(d, hidden: hidden)
    run.pairedLower(names[0], slide: slide, input, than: byDAE)
    run.pairedLower(names[1], slide: slide, byPlain, than: byDAE)

    let shown = test.firstOfEachClass
    let rows: [(String, Tensor, Double?)] = [
      ("clean input", test.images, nil), ("plain AE", plainOnClean, cleanPSNR),
      ("noisy input", clippedToUnitRange(noisy), mean(input)), ("plain AE on it", plainOnNoisy, mean(byPlain)),
      ("DAE on it", denoised, mean(byDAE)),
    ]
    try run.figure(
      .imageGrid(
        name: "denoising-feature-reduction",
        title: "\(widths(d, hidden: hidden)): the plain AE on clean and on noisy test images (sigma = "
          + "\(config.gaussianSigma), clipped for display) and the DAE on the noisy ones (mean PSNR over the "
          + "\(test.count) test images)\(run.settingsNote)",
        rows: rows.map { tiles($0.1.rows(shown)) }, imageWidth: test.width, imageHeight: test.height,
        rowLabels: rows.map { label, _, psnr in psnr.map { String(format: "%@ %.1f dB", label, $0) } ?? label },
        columnLabels: test.classNames(of: shown)))
  }
}
