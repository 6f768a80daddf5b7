// Slide "Convolutional VAE": the same mechanism (a Gaussian q(z|x), the reparameterised z, a
// Bernoulli decoder, the -ELBO as the loss) with keras.io's convolutional encoder and
// transposed-convolution decoder (LatentModels/ConvolutionalVAE.swift) in place of the MLPs.
// Nothing new to check: the loss, the sampler and the estimates are the MLP VAE's, checked in
// its section, and the transposed convolution is checked against its definition (the adjoint
// of a convolution) and by finite differences in NeuralNet's tests. Stated: the conv VAE's test
// ELBO against the pixel-mean baseline and against the MLP VAE on the same test images. Its
// weight gradients cannot be checked here as the MLP's encoder outputs are: on a conv VAE small
// enough for finite differences, a -ELBO of 11 nats rounds to about 3e-4 per Float32 step
// against weight gradients of 0.02.

import Autodiff
import Datasets
import Foundation
import LatentModels
import Lecture
import Plotting
import Probability
import Stochastic
import TensorCore

extension VAEChapter {
  static let convolutionalSlide = "Convolutional VAE"

  /// Trains keras.io's conv VAE (Z = 2) on `train` and judges it on `test`; `mlp` is the main
  /// VAE with its per-image test ELBOs when the mlp-vae section ran in the same run.
  static func convolutionalVAE(
    _ run: ChapterRun, train: LabeledImages, test: LabeledImages, mlp: (model: GaussianVAE, elbos: [Double])?,
    config: Config, formulas f: Formulas
  ) throws {
    run.section("Convolutional VAE: keras.io's conv encoder and transposed-conv decoder, Z = 2")
    let slide = convolutionalSlide
    guard train.height % 4 == 0 && train.width % 4 == 0 else {
      run.say("the conv VAE halves the image twice: \(train.height)x\(train.width) images do not divide by 4")
      return
    }
    let architecture = ConvolutionalVAE.Architecture(imageHeight: train.height, imageWidth: train.width)
    var initRandom = run.random("conv-init")
    let vae = ConvolutionalVAE(architecture, using: &initRandom)
    let weights = vae.parameters.map(\.value.count).reduce(0, +)
    run.say(
      "\(train.count) training images, \(test.count) test images; Adam lr \(config.learningRate), batch "
        + "\(config.batchSize), \(config.convolutionalEpochs) epochs; \(weights) weights"
        + (mlp.map { ", against \($0.model.parameters.map(\.value.count).reduce(0, +)) in the MLP VAE" } ?? ""))
    var shuffle = run.random("conv-shuffle")
    var noise = run.random("conv-eps")
    let epochs = try vae.fit(
      images: train.images, name: "conv VAE", epochs: config.convolutionalEpochs, batchSize: config.batchSize,
      learningRate: config.learningRate, shuffle: &shuffle, noise: &noise, sampler: f.sampler, klTerm: f.klTerm)
    run.say(
      "training -ELBO per epoch (nats/image): "
        + epochs.map { String(format: "%.1f", $0.meanLoss) }.joined(separator: ", "))
    let seconds = epochs.map(\.seconds).reduce(0, +) / Double(max(epochs.count, 1))
    run.timing(
      String(
        format: "conv VAE: %.2f s per epoch of %d images (%.0f images/s)", seconds, train.count,
        Double(train.count) / max(seconds, 1e-9)))

    var elboRandom = run.random("conv-elbo-draws")
    // K = 5 draws of z per image: the ELBO's E_q log p(x|z) is unbiased at any K, and a decoder
    // pass of the conv VAE costs 20 times the MLP's.
    let k = 5
    let (_, kls, elbos) = heldOutELBOs(vae, test.images, samples: k, batchSize: 100, using: &elboRandom, formulas: f)
    let elbo = MeanEstimate(elbos)
    run.say(
      String(
        format: "test ELBO %.2f +- %.2f nats, KL %.2f (K = %d samples of z per image)", elbo.mean, elbo.standardError,
        MeanEstimate(kls).mean, k))
    let gain = gainOverPixelMean(elbos, train: train.images, test: test.images, formulas: f).gain
    run.say(
      String(
        format: "the conv VAE's test ELBO is %.2f +- %.2f nats above the pixel-mean model's log p(x)", gain.mean,
        gain.standardError))
    run.fact("test ELBO of the conv VAE minus the pixel-mean model's log p(x) (nats)", slide: slide, value: gain.mean)
    if let mlp, mlp.elbos.count == elbos.count {
      // Which architecture wins depends on the epochs each gets: stated, not checked.
      let difference = MeanEstimate(zip(elbos, mlp.elbos).map { $0 - $1 })
      run.say(
        String(
          format: "the conv VAE's test ELBO minus the MLP VAE's (Z = %d): %.2f nats (paired SE %.2f)",
          mlp.model.latentSize, difference.mean, difference.standardError))
      run.fact("test ELBO of the conv VAE minus the MLP VAE's (nats)", slide: slide, value: difference.mean)
    }
    try convolutionalFigures(run, vae: vae, mlp: mlp?.model, test: test)
  }

  /// One test image of each class: the input, the MLP VAE's and the conv VAE's decoder means at
  /// z = mu(x); and the conv VAE's manifold when its code is 2-D.
  static func convolutionalFigures(
    _ run: ChapterRun, vae: ConvolutionalVAE, mlp: GaussianVAE?, test: LabeledImages
  ) throws {
    let (h, w) = (test.height, test.width)
    let picks = test.classNames.indices.compactMap { c in test.labels.firstIndex(of: c) }
    let originals = Tensor(shape: [picks.count, h * w], storage: picks.flatMap { test.images.row($0) })
    func reconstruct(_ model: some VariationalAutoencoder) -> [[Float]] {
      let back = model.decode(model.encode(Variable(originals), condition: nil).mean.value, condition: nil)
      return picks.indices.map { back.row($0) }
    }
    var rows = [picks.indices.map { originals.row($0) }]
    var labels = ["input"]
    if let mlp {
      rows.append(reconstruct(mlp))
      labels.append("MLP VAE")
    }
    rows.append(reconstruct(vae))
    labels.append("conv VAE")
    try run.figure(
      .imageGrid(
        name: "vae-conv-reconstructions", title: "Test images and decoder means at z = mu(x), Z = 2\(run.settingsNote)",
        rows: rows, imageWidth: w, imageHeight: h, rowLabels: labels,
        columnLabels: test.classNames(of: picks)))
    if vae.latentSize == 2 {
      try manifoldFigure(run, name: "vae-conv-manifold", vae: vae, imageWidth: w, imageHeight: h, model: "conv VAE: ")
    }
  }
}
