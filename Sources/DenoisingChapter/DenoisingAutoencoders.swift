// Slides "Denoising Autoencoder (DAE)" and "Examples and Applications: Denoising AE": a plain
// AE trained on clean images and, with the same architecture and the same initial weights,
// one DAE per corruption, trained on a fresh corruption of every batch with the clean image
// as the target. Scored by PSNR on corrupted test images (one fixed corruption per image,
// the same for every model) against two baselines: the corrupted input itself (clipped to
// [0, 1], which only helps it) and the plain AE applied to the corrupted input. Then the
// Gaussian DAE across noise levels it was not trained at.

import Autodiff
import AutoencoderKit
import Datasets
import Foundation
import Lecture
import LectureChecks
import Plotting
import Stochastic
import TensorCore

extension DenoisingChapter {
  /// The dense AE of this chapter, trained with or without a corruption: hidden sizes `hidden`
  /// (default `config.hidden`); `name` labels it and its random stream (default: the corruption's).
  static func trainAutoencoder(
    _ run: ChapterRun, corruption: Corruption?, hidden: [Int]? = nil, name: String? = nil, train: LabeledImages,
    testInputs: Tensor, testTargets: Tensor, config: Config, formulas: Formulas
  ) throws -> DenseAutoencoder {
    var initial = run.random("dae-init")  // the same initial weights for every model of one architecture
    let label = name ?? corruption.map { "DAE (\($0.shortName))" } ?? "plain AE"
    let model = DenseAutoencoder(
      name: label, sizes: [train.images.shape[1]] + (hidden ?? config.hidden), codeActivation: .relu, using: &initial)
    var rng = run.random("dae-train-" + (name ?? corruption?.shortName ?? "plain"))
    let curve = try trainBinaryCrossEntropy(
      name: label, parameters: model.parameters, logits: model.logits, inputs: train.images, corruption: corruption,
      trainingTarget: corruption == nil ? nil : formulas.daeTarget, testInputs: testInputs, testTargets: testTargets,
      epochs: config.epochs, batchSize: config.batch, learningRate: config.learningRate, using: &rng)
    run.say(
      String(
        format: "%@: test BCE per pixel, %@ input against the clean image, %.4f after epoch 1, %.4f after epoch %d",
        label, corruption == nil ? "clean" : "corrupted", curve.first?.test ?? .nan, curve.last?.test ?? .nan,
        curve.last?.epoch ?? 0))
    return model
  }

  /// The corruptions the DAEs are trained with, in the order `--noise` names them.
  static func trainedCorruptions(_ config: Config) -> [Corruption] {
    config.trainedKinds.map { kind in
      switch kind {
      case "gaussian": return .gaussian(standardDeviation: config.gaussianSigma)
      case "masking": return .masking(fraction: config.maskingFraction)
      default: return .saltAndPepper(fraction: config.saltAndPepperFraction)
      }
    }
  }

  /// The loss the DAEs train with (BCE against the clean image from a masked input), its
  /// backward on a 7-5-3-5-7 copy against finite differences.
  package static func daeLossGradientRow(_ run: ChapterRun, formulas: Formulas = .honest) {
    run.autoencoderLossGradientRow(
      "training loss: BCE of a 7-5-3-5-7 DAE, masked input, clean target", slide: "Denoising Autoencoder (DAE)",
      sizes: [7, 5, 3], codeActivation: .relu, corruptedInput: true, reconstruction: formulas.reconstructionLoss)
  }

  /// Trains the plain AE and the DAEs, checks them, draws the examples and the PSNR curve;
  /// returns the plain AE (inpainting compares with it too).
  package static func denoising(
    _ run: ChapterRun, train: LabeledImages, test: LabeledImages, config: Config, formulas: Formulas
  ) throws -> DenseAutoencoder {
    run.section("Denoising Autoencoder (DAE): corrupted input, clean target")
    let slide = "Denoising Autoencoder (DAE)"
    let d = train.images.shape[1]
    let widths = ([d] + config.hidden + config.hidden.dropLast().reversed() + [d]).map(String.init)
    run.say(
      "\(widths.joined(separator: "-")), ReLU, sigmoid output; Adam lr \(config.learningRate), batch \(config.batch), "
        + "\(config.epochs) epochs on \(train.count) images, a fresh corruption per batch; "
        + "the same initial weights for every model")
    daeLossGradientRow(run, formulas: formulas)
    let plain = try trainAutoencoder(
      run, corruption: nil, train: train, testInputs: test.images, testTargets: test.images, config: config,
      formulas: formulas)
    run.say(
      String(
        format: "plain AE on clean test images: PSNR %.2f dB", meanPSNR(plain.reconstruct(test.images), test.images)))

    let shown = test.firstOfEachClass
    var rows: [[[Float]]] = [tiles(test.images.rows(shown))]
    var labels = ["clean"]
    var gaussianDAE: DenseAutoencoder?
    for corruption in trainedCorruptions(config) {
      var noise = run.random("test-noise-" + corruption.shortName)
      let corrupted = corruption.apply(to: test.images, using: &noise)
      let model = try trainAutoencoder(
        run, corruption: corruption, train: train, testInputs: corrupted, testTargets: test.images, config: config,
        formulas: formulas)
      if case .gaussian = corruption { gaussianDAE = model }
      let denoised = model.reconstruct(corrupted)
      // Per test image, so each ordering is judged on the paired differences.
      let input = perImagePSNR(clippedToUnitRange(corrupted), test.images)
      let byPlain = perImagePSNR(plain.reconstruct(formulas.plainAEInput(corrupted, test.images)), test.images)
      let byDAE = perImagePSNR(denoised, test.images)
      func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
      run.say(
        String(
          format: "%@: PSNR of the corrupted input %.2f dB, plain AE on it %.2f dB, DAE %.2f dB",
          corruption.description, mean(input), mean(byPlain), mean(byDAE)))
      run.pairedLower(
        "\(corruption.shortName): corrupted input's PSNR below the DAE's (dB)", slide: slide, input, than: byDAE)
      run.pairedLower(
        "\(corruption.shortName): plain AE's PSNR on the corrupted input below the DAE's (dB)", slide: slide,
        byPlain, than: byDAE)
      rows += [tiles(corrupted.rows(shown)), tiles(denoised.rows(shown))]
      labels += [corruption.shortName, "DAE"]
    }
    try run.figure(
      .imageGrid(
        name: "denoising-examples",
        title: "Test images, corrupted (clipped for display) and denoised by the DAE trained on that corruption"
          + run.settingsNote,
        rows: rows, imageWidth: test.width, imageHeight: test.height, rowLabels: labels,
        columnLabels: test.classNames(of: shown)))
    if let gaussianDAE {
      try psnrAgainstNoise(run, plain: plain, dae: gaussianDAE, test: test, config: config)
    } else {
      run.say("no Gaussian DAE trained (--noise names none): no PSNR against the noise level")
    }
    return plain
  }

  /// PSNR of the noisy input, the plain AE and the Gaussian DAE (trained at one sigma) across
  /// noise levels, and the lowest level from which on the DAE beats the noisy input.
  static func psnrAgainstNoise(
    _ run: ChapterRun, plain: DenseAutoencoder, dae: DenseAutoencoder, test: LabeledImages, config: Config
  ) throws {
    var curves: [(input: Double, plain: Double, dae: Double)] = []
    for sigma in config.sigmaSweep {
      var noise = run.random("sweep-\(sigma)")
      let noisy = Corruption.gaussian(standardDeviation: sigma).apply(to: test.images, using: &noise)
      curves.append(
        (
          meanPSNR(clippedToUnitRange(noisy), test.images), meanPSNR(plain.reconstruct(noisy), test.images),
          meanPSNR(dae.reconstruct(noisy), test.images)
        ))
    }
    let sigmas = config.sigmaSweep.map(Double.init)
    run.say("PSNR in dB against the noise level (DAE trained at sigma = \(config.gaussianSigma)):")
    run.say("  sigma  " + sigmas.map { String(format: "%6.2f", $0) }.joined(separator: " "))
    run.say("  input  " + curves.map { String(format: "%6.2f", $0.input) }.joined(separator: " "))
    run.say("  plain  " + curves.map { String(format: "%6.2f", $0.plain) }.joined(separator: " "))
    run.say("  DAE    " + curves.map { String(format: "%6.2f", $0.dae) }.joined(separator: " "))
    let losing = sigmas.indices.filter { curves[$0].dae < curves[$0].input }.map { sigmas[$0] }
    if losing.isEmpty {
      run.say("the DAE beats the noisy input at every level of the sweep")
    } else {
      run.say(
        "the DAE loses to the noisy input itself at sigma = "
          + losing.map { String(format: "%g", $0) }.joined(separator: ", "))
    }
    try run.figure(
      .lines(
        name: "denoising-psnr",
        title:
          "PSNR on Gaussian-noised test images (DAE trained at sigma = \(config.gaussianSigma))\(run.settingsNote)",
        series: [
          ("noisy input (clipped)", sigmas, curves.map(\.input)), ("plain AE", sigmas, curves.map(\.plain)),
          ("DAE", sigmas, curves.map(\.dae)),
        ],
        xLabel: "noise standard deviation sigma", yLabel: "PSNR (dB)"))
  }
}
