// Slides "CVAE: how to incorporate c" (one-hot concatenation) and "CVAE training": the plain
// VAE and the CVAE, the same 784-500-500-2-500-500-784 body trained alike; the CVAE also reads
// the one-hot label c (encoder [x, c], decoder [z, c]). And the judge of the generated
// samples: a classifier trained on the real training images, which never sees a generated one.

import Autodiff
import Datasets
import Foundation
import LatentModels
import Lecture
import NeuralNet
import Probability
import Stochastic
import TensorCore

extension CVAEChapter {
  /// The three trained models of the chapter.
  package struct Models {
    let vae: GaussianVAE
    let cvae: GaussianVAE
    let judge: SoftmaxClassifier
    /// The judge's accuracy on the real test images.
    let judgeAccuracy: Double
  }

  package static func trainModels(
    _ run: ChapterRun, train: LabeledImages, test: LabeledImages, config: Config, seams: Seams = .honest
  ) throws -> Models {
    run.section("CVAE training: one-hot c concatenated to the encoder's and the decoder's inputs")
    let slide = "Conditional Variational Autoencoder (CVAE): training"
    let (d, classes) = (train.images.shape[1], train.classNames.count)
    let labels = oneHot(train.labels, classes: classes)
    let testLabels = oneHot(test.labels, classes: classes)
    trainingLossGradient(run, sampler: seams.sampler)

    var judgeInit = run.random("judge-init")
    let judge = SoftmaxClassifier(
      hidden: [Dense(d, config.classifierHidden, activation: .relu, initializer: .heNormal, using: &judgeInit)],
      top: Dense(config.classifierHidden, classes, using: &judgeInit))
    var judgeShuffle = run.random("judge-shuffle")
    try judge.fit(
      images: train.images, labels: train.labels, name: "judge", epochs: config.classifierEpochs,
      batchSize: config.classifierBatch, using: &judgeShuffle)
    let judgeAccuracy = judge.accuracy(test.images, labels: test.labels)
    run.say(
      String(
        format:
          "the judge: %d-%d-%d classifier (ReLU, softmax), %d epochs on the real training images; test accuracy %.4f",
        d, config.classifierHidden, classes, config.classifierEpochs, judgeAccuracy))

    let widths = ([d] + config.hidden + [config.latentSize] + config.hidden.reversed() + [d]).map(String.init)
    run.say(
      "VAE \(widths.joined(separator: "-")) and CVAE with c (\(classes) one-hot) concatenated to both inputs; "
        + "Adam lr \(config.learningRate), batch \(config.batch), \(config.epochs) epochs on \(train.count) images")
    var models: [GaussianVAE] = []
    for conditionSize in [0, classes] {
      let name = conditionSize == 0 ? "VAE" : "CVAE"
      var initial = run.random("\(name)-init")
      let model = GaussianVAE(
        inputSize: d, hidden: config.hidden, latentSize: config.latentSize, conditionSize: conditionSize,
        using: &initial)
      var shuffle = run.random("\(name)-shuffle")
      var noise = run.random("\(name)-eps")
      try model.fit(
        images: train.images, conditions: conditionSize == 0 ? nil : labels, name: name, epochs: config.epochs,
        batchSize: config.batch, learningRate: config.learningRate, shuffle: &shuffle, noise: &noise,
        sampler: seams.sampler)
      // The ELBO and the importance-sampled bound on independent draws (their own streams), so
      // "bound >= ELBO" compares two estimates with the standard error of their paired
      // difference over the test images instead of restating Jensen's inequality per image.
      let conditions = conditionSize == 0 ? nil : testLabels
      var elboRandom = run.random("\(name)-elbo")
      var boundRandom = run.random("\(name)-likelihood")
      let e = model.likelihoodEstimates(
        test.images, conditions: conditions, samples: config.importanceSamples, using: &elboRandom)
      let bound = model.likelihoodEstimates(
        test.images, conditions: conditions, samples: config.importanceSamples, using: &boundRandom)
      let mean = { (v: [Double]) in v.reduce(0, +) / Double(v.count) }
      let evidence = conditionSize == 0 ? "log p(x)" : "log p(x|c)"
      let elbo = zip(e.reconstruction, e.kl).map { seams.elbo($0, $1) }
      let gap = MeanEstimate(zip(bound.importanceSampled, elbo).map { $0 - $1 })
      run.say(
        String(
          format:
            "%@: test ELBO %.2f nats (E_q log p(x|z%@) %.2f, KL %.2f); importance-sampled %@ (K = %d, other draws) "
            + "%.2f, %.2f +- %.2f above",
          name, mean(elbo), conditionSize == 0 ? "" : ",c", mean(e.reconstruction), mean(e.kl), evidence,
          config.importanceSamples,
          mean(bound.importanceSampled), gap.mean, gap.standardError))
      run.check(
        "\(name): importance-sampled \(evidence) >= test ELBO, other draws (4 paired SE)", slide: slide,
        expected: mean(elbo), observed: mean(bound.importanceSampled),
        tolerance: .atLeast(margin: 4 * gap.standardError))
      models.append(model)
    }
    return Models(vae: models[0], cvae: models[1], judge: judge, judgeAccuracy: judgeAccuracy)
  }
}
