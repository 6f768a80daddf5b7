// Slides "Vanilla Autoencoder" (Keras: Dense(32, relu) -> Dense(784, sigmoid)) and "Deep
// Autoencoder" (128-64-32-64-128, relu, sigmoid output), both compiled with
// optimizer='adam', loss='binary_crossentropy'. Trained here the same way (Glorot-uniform
// weights, zero biases, Adam lr 1e-3, batch 256) and compared with the Keras reference test
// loss on Fashion-MNIST. The code size, the vanilla AE's loss and weight decay, and the
// schedule are the run's knobs (`autoencoder --help`); the reference applies to Keras' own.

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

extension AutoencoderChapter {
  /// The two trained slide models with their learning curves.
  package struct KerasModels {
    let shallow: DenseAutoencoder
    let deep: DenseAutoencoder
    let shallowCurve: [EpochLoss]
    let deepCurve: [EpochLoss]
  }

  /// The loss both models train with, BCE from the logits, through a small 7-5-3-5-7 AE.
  package static func trainingLossGradientRow(_ run: ChapterRun, formulas: Formulas = .honest) {
    run.autoencoderLossGradientRow(
      "training loss: BCE of a 7-5-3-5-7 AE from its logits", slide: "Vanilla/Deep Autoencoder", sizes: [7, 5, 3],
      codeActivation: .relu, reconstruction: formulas.logitsCrossEntropy)
  }

  package static func kerasModels(
    _ run: ChapterRun, train: LabeledImages, test: LabeledImages, config: Config, formulas: Formulas = .honest
  ) throws -> KerasModels {
    run.section("Vanilla and Deep Autoencoder: the slides' Keras configurations")
    let d = train.images.shape[1]
    var rng = run.random("keras-models")
    let shallow = DenseAutoencoder(name: "shallow", sizes: [d, config.code], codeActivation: .relu, using: &rng)
    let deep = DenseAutoencoder(name: "deep", sizes: [d, 128, 64, config.code], codeActivation: .relu, using: &rng)
    // The vanilla AE on the run's objective (Keras' cross-entropy by default), the deep one on
    // Keras' cross-entropy.
    let objectives = [config.vanilla, VanillaObjective(loss: .crossEntropy, lambda: 0)]
    var curves: [[EpochLoss]] = []
    for (model, objective) in zip([shallow, deep], objectives) {
      let start = Date()
      let curve = try trainVanilla(
        model, objective: objective, train: train.images, test: test.images, config: config,
        trained: formulas.trained, using: &rng
      ) { partial in
        try run.showProgress(
          lossCurvesFigure(
            run, models: [shallow, deep], objectives: objectives, curves: curves + [partial], config: config,
            trainCount: train.count))
      }
      curves.append(curve)
      run.timing(String(format: "%@: %.1f s", model.architecture, Date().timeIntervalSince(start)))
      run.say(
        String(
          format: "%@: %d epochs on %d images (batch %d, lr %g); test %@ per pixel %.4f (train %.4f)",
          model.architecture, config.kerasEpochs, train.count, config.kerasBatch,
          Double(config.kerasLearningRate),
          objective.objectiveName, curve.last?.test ?? .nan, curve.last?.train ?? .nan))
    }
    let slide = "Vanilla/Deep Autoencoder"
    trainingLossGradientRow(run, formulas: formulas)
    let reference = kerasReference
    if config.kerasConfiguration && run.options.dataset == .fashion {
      // The vanilla AE only when it trains on Keras' objective.
      for (k, (model, curve)) in zip([shallow, deep], curves).enumerated() where k == 1 || config.vanilla.isKeras {
        run.check(
          "\(model.architecture) test BCE <= Keras \(reference.loss) + \(reference.margin)", slide: slide,
          expected: reference.loss, observed: curve.last?.test ?? .nan, tolerance: .atMost(margin: reference.margin))
      }
    } else if run.options.dataset == .fashion {
      run.say(
        "\(config.kerasEpochs) epochs on \(train.count) images, batch \(config.kerasBatch); the Keras reference "
          + "(\(reference.loss) after \(reference.epochs) epochs on 60k) applies to the full run of Keras' "
          + "configuration (code 32, BCE, batch 256, lr 0.001)")
    } else {
      run.say("no Keras reference for \(run.options.dataset.displayName)")
    }
    // At any size and seed: each model against the best input-independent guess measured in
    // the same run, the mean training image, image by image on the test set.
    let meanImage = Tensor.zeros(test.images.shape) + train.images.mean(axis: 0)
    for (model, objective) in zip([shallow, deep], objectives) {
      let baseline = objective.perImage(probabilities: meanImage, targets: test.images)
      run.pairedLower(
        "\(model.architecture) test \(objective.lossName) below the mean training image's", slide: slide,
        objective.perImage(probabilities: model.reconstruct(test.images), targets: test.images),
        than: baseline)
    }
    for ((model, curve), objective) in zip(zip([shallow, deep], curves), objectives) {
      run.check(
        "\(model.architecture) test \(objective.objectiveName) decreased: last <= first epoch", slide: slide,
        expected: curve.first?.test ?? .nan, observed: curve.last?.test ?? .nan, tolerance: .atMost(margin: 0))
    }

    try run.figure(
      lossCurvesFigure(
        run, models: [shallow, deep], objectives: objectives, curves: curves, config: config, trainCount: train.count))
    return KerasModels(shallow: shallow, deep: deep, shallowCurve: curves[0], deepCurve: curves[1])
  }

  /// The learning curves of the models trained so far (with `--show`, after every epoch).
  static func lossCurvesFigure(
    _ run: ChapterRun, models: [DenseAutoencoder], objectives: [VanillaObjective], curves: [[EpochLoss]],
    config: Config, trainCount: Int
  ) -> Figure {
    let reference = kerasReference
    var figure = Figure(
      name: "ae-loss-curves",
      title: "\(config.vanilla.isKeras ? "Binary cross-entropy" : "Loss") per pixel, Adam, batch \(config.kerasBatch), "
        + "\(trainCount) images\(run.settingsNote)",
      xLabel: "epoch",
      yLabel: config.vanilla.isKeras ? "binary cross-entropy (mean over pixels)" : "loss / 784 (deep: BCE)",
      commands: [KeyPlacement.inside(.topRight).command, "set grid"])
    for (k, (model, curve)) in zip(models, curves).enumerated() {
      let epochs = curve.map { Double($0.epoch) }
      let name = config.vanilla.isKeras ? model.architecture : "\(model.architecture) \(objectives[k].objectiveName)"
      let color = "lc rgb '\(Palette.color(k))'"
      figure.layers.append(
        .columns([epochs, curve.map(\.train)], style: "linespoints lw 2 pt 6 dt 2 \(color)", title: "\(name) train"))
      figure.layers.append(
        .columns([epochs, curve.map(\.test)], style: "linespoints lw 2 pt 7 \(color)", title: "\(name) test"))
    }
    if run.options.dataset == .fashion {
      figure.layers.append(
        .function(
          "\(reference.loss)", style: .line(.grey(0x44), width: 1.5, dash: 3),
          title: "Keras reference, epoch \(reference.epochs)"))
    }
    return figure
  }
}
