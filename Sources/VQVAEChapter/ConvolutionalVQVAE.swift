// Slides "VQ-VAE Details" (an h x w map of D-dimensional vectors) and "VQ-VAE Example": a
// convolutional VQ-VAE on 28 x 28 images with a 7 x 7 code map,
//   encoder  28x28x1 -conv3x3,16,relu-> -maxpool-> 14x14x16 -conv3x3,32,relu-> -maxpool->
//            7x7x32 -conv3x3,D-> z_e: 49 vectors of D per image
//   quantise each vector to its nearest of K codebook vectors
//   decoder  7x7xD -conv3x3,32,relu-> -up2-> 14x14x32 -conv3x3,16,relu-> -up2-> 28x28x16
//            -conv3x3,1-> sigmoid
// trained on the slides' loss ||x - Dec(e)||^2 + ||sg[z_e] - e||^2 + beta ||sg[e] - z_e||^2
// (squared error summed over an image's pixels, the other two averaged over the vectors), once
// with the codebook learnt by that loss and once by EMA (the second term dropped), from the same
// initial weights and codebook. Reported: test reconstruction error, and how the codebook is
// used on the test images (the perplexity exp(H) of the code frequencies: K if every code were
// equally used, 1 if one code did everything; and the dead codes, never chosen).

import Autodiff
import AutoencoderKit
import Datasets
import Foundation
import LatentModels
import Lecture
import NeuralNet
import Plotting
import Probability
import Stochastic
import TensorCore

extension VQVAEChapter {
  /// The convolutional VQ-VAE above (`package`: bench times it as the chapter trains it).
  package struct ConvolutionalVQVAE {
    let e1: Conv2D, e2: Conv2D, e3: Conv2D, d1: Conv2D, d2: Conv2D, d3: Conv2D
    package let codebook: Variable  // [K, D]
    let codeSize: Int

    package init(codes: Int, codeSize: Int, using rng: inout SeededRandom) {
      self.codeSize = codeSize
      e1 = Conv2D(height: 28, width: 28, inputChannels: 1, outputChannels: 16, activation: .relu, using: &rng)
      e2 = Conv2D(height: 14, width: 14, inputChannels: 16, outputChannels: 32, activation: .relu, using: &rng)
      e3 = Conv2D(height: 7, width: 7, inputChannels: 32, outputChannels: codeSize, using: &rng)
      d1 = Conv2D(height: 7, width: 7, inputChannels: codeSize, outputChannels: 32, activation: .relu, using: &rng)
      d2 = Conv2D(height: 14, width: 14, inputChannels: 32, outputChannels: 16, activation: .relu, using: &rng)
      d3 = Conv2D(height: 28, width: 28, inputChannels: 16, outputChannels: 1, using: &rng)
      // The paper's initialisation: uniform in +-1/K.
      codebook = Variable(
        Tensor.uniform([codes, codeSize], low: -1 / Float(codes), high: 1 / Float(codes), using: &rng),
        requiresGradient: true)
    }

    package var networkParameters: [Variable] { layers.flatMap(\.parameters) }
    package var layers: [Conv2D] { [e1, e2, e3, d1, d2, d3] }

    /// The slides' loss on a minibatch x [B, 784]: ||x - Dec(e)||^2 + ||sg[z_e] - e||^2 +
    /// beta ||sg[e] - z_e||^2. With `emaUpdate` the codebook is learnt by EMA instead: the
    /// middle term is dropped, and the update sees z_e and its codes before the decoder runs.
    package func loss(
      _ x: Tensor, seams: Seams, beta: Float, emaUpdate: ((_ ze: Tensor, _ indices: [Int]) -> Void)? = nil
    ) -> Variable {
      let ze = encode(Variable(x))
      let q = seams(ze, codebook: codebook)
      emaUpdate?(ze.value, q.indices)
      let reconstruction = seams.reconstruction(decodeLogits(q.quantized), x)
      let vq = emaUpdate != nil ? q.commitmentLoss * beta : q.codebookLoss + q.commitmentLoss * beta
      return reconstruction + vq
    }

    /// z_e as rows: [B, 784] -> [B * 49, D] (NHWC, so a reshape).
    func encode(_ x: Variable) -> Variable {
      let h1 = maxPool2x2(e1(x), height: 28, width: 28, channels: 16)
      let h2 = maxPool2x2(e2(h1), height: 14, width: 14, channels: 32)
      return e3.preactivation(h2).reshaped([x.shape[0] * 49, codeSize])
    }

    /// Logits [B, 784] from quantised vectors [B * 49, D].
    func decodeLogits(_ zq: Variable) -> Variable {
      let b = zq.shape[0] / 49
      let u1 = upsample2x(d1(zq.reshaped([b, 49 * codeSize])), height: 7, width: 7, channels: 32)
      let u2 = upsample2x(d2(u1), height: 14, width: 14, channels: 16)
      return d3.preactivation(u2)
    }

    /// Reconstructions and code maps of x [N, 784], in chunks, through `bottleneck`.
    func reconstruct(_ x: Tensor, bottleneck: Seams) -> (images: Tensor, codes: [Int]) {
      var codes: [Int] = []
      let images = inChunks(x, rows: 500) { chunk in
        let q = bottleneck(encode(Variable(chunk)), codebook: codebook)
        codes += q.indices
        return sigmoid(decodeLogits(q.quantized).value)
      }
      return (images, codes)
    }
  }

  /// The outcome of one training run.
  struct TrainedVQVAE {
    let name: String
    let model: ConvolutionalVQVAE
    let reconstructions: Tensor
    let codes: [Int]  // 49 per test image
    let squaredError: Double  // per image, summed over pixels
    let imageErrors: [Double]  // the same, per test image
  }

  static func trainVQVAE(
    _ run: ChapterRun, ema: Bool, train: LabeledImages, test: LabeledImages, config: Config, seams: Seams
  ) throws -> TrainedVQVAE {
    let name = ema ? "EMA codebook" : "loss codebook"
    var initial = run.random("vqvae-init")  // the same weights and codebook for both
    let model = ConvolutionalVQVAE(codes: config.codes, codeSize: config.codeSize, using: &initial)
    var dictionary = EMACodebook(codebook: model.codebook.value, decay: seams.emaDecay(config.decay))
    var adam = Adam(learningRate: config.learningRate)
    var shuffle = run.random("vqvae-shuffle")
    let parameters = model.networkParameters + (ema ? [] : [model.codebook])
    try Trainer(name: "VQ-VAE (\(name))", epochs: config.epochs, batchSize: config.batch)
      .fit(sampleCount: train.count, parameters: parameters, optimizer: &adam, using: &shuffle) { batch in
        let emaUpdate: ((Tensor, [Int]) -> Void)? =
          ema
          ? { ze, indices in
            dictionary.update(ze, indices: indices)
            model.codebook.value = dictionary.codebook  // for the next batch; this one's q is built
          } : nil
        return model.loss(train.images.rows(batch), seams: seams, beta: config.beta, emaUpdate: emaUpdate)
      }
    let (images, codes) = model.reconstruct(test.images, bottleneck: seams)
    let imageErrors = squaredErrorPerImage(images, test.images)
    return TrainedVQVAE(
      name: name, model: model, reconstructions: images, codes: codes,
      squaredError: imageErrors.reduce(0, +) / Double(imageErrors.count), imageErrors: imageErrors)
  }

  /// Frequencies of each code, the perplexity exp(H) and the number of codes never used.
  static func usage(_ codes: [Int], of k: Int) -> (frequencies: [Double], perplexity: Double, dead: Int) {
    var counts = [Double](repeating: 0, count: k)
    for c in codes { counts[c] += 1 }
    let frequencies = counts.map { $0 / Double(codes.count) }
    let entropy = -frequencies.reduce(0) { $0 + ($1 > 0 ? $1 * log($1) : 0) }
    return (frequencies, exp(entropy), counts.filter { $0 == 0 }.count)
  }

  /// sum_pixels (a - b)^2 for every row (image).
  static func squaredErrorPerImage(_ a: Tensor, _ b: Tensor) -> [Double] {
    let width = a.shape[1]
    return (0..<a.shape[0]).map { i in
      (0..<width).reduce(0.0) { sum, j in
        let d = Double(a.storage[i * width + j]) - Double(b.storage[i * width + j])
        return sum + d * d
      }
    }
  }

  static func convolutionalVQVAE(
    _ run: ChapterRun, train: LabeledImages, test: LabeledImages, config: Config, seams: Seams
  ) throws {
    run.section(
      "A convolutional VQ-VAE: 7x7 code map, K = \(config.codes), D = \(config.codeSize); codebook by the loss or by "
        + "EMA"
    )
    let slide = "VQ-VAE Loss Function"
    trainingLossGradient(run, seams: seams, beta: config.beta)
    guard train.width == 28 && train.height == 28 else { return }
    run.say(
      "encoder conv 16 - pool - conv 32 - pool - conv \(config.codeSize) (7x7x\(config.codeSize)), decoder the mirror "
        + "with upsampling; beta = \(config.beta), EMA gamma = \(config.decay); Adam lr \(config.learningRate), batch "
        + "\(config.batch), \(config.epochs) epochs on \(train.count) images"
    )
    var results: [TrainedVQVAE] = []
    for ema in config.codebooks {
      let start = Date()
      let trained = try trainVQVAE(run, ema: ema, train: train, test: test, config: config, seams: seams)
      run.timing(String(format: "VQ-VAE (%@): %.1f s", trained.name, Date().timeIntervalSince(start)))
      let u = usage(trained.codes, of: config.codes)
      run.say(
        String(
          format:
            "%@: test squared error %.2f per image (MSE %.5f per pixel); code perplexity %.1f of K = %d; dead codes %d",
          trained.name, trained.squaredError, trained.squaredError / 784, u.perplexity, config.codes, u.dead))
      // The trained code maps are what the bottleneck chose: each code the nearest vector.
      let ze = trained.model.encode(Variable(test.images.rows(0..<min(500, test.count)))).value  // [500 * 49, D]
      let codebook = trained.model.codebook.value
      run.check(
        "\(trained.name): test vectors not given their nearest code (brute force in Double), of \(ze.shape[0])",
        slide: "VQ-VAE Details",
        expected: 0, observed: Double(notNearest(seams.assign(ze, codebook), ze, codebook: codebook)),
        tolerance: .absolute(0))
      results.append(trained)
    }
    // Better than the mean training image, by more than 4 standard errors of the paired
    // per-image differences on the same test images.
    let meanImage = train.images.mean(axis: 0)
    let baselineErrors = squaredErrorPerImage(Tensor.zeros(test.images.shape) + meanImage, test.images)
    let baseline = baselineErrors.reduce(0, +) / Double(baselineErrors.count)
    run.say(String(format: "the mean training image's squared error: %.2f per test image", baseline))
    for trained in results {
      let gain = MeanEstimate(zip(baselineErrors, trained.imageErrors).map { $0 - $1 })
      run.check(
        "\(trained.name): mean image's squared error - model's >= 4 SE (paired, per test image)", slide: slide,
        expected: 4 * gain.standardError, observed: gain.mean, tolerance: .atLeast(margin: 0))
    }
    try figures(run, results: results, test: test, config: config)
  }

  static func figures(_ run: ChapterRun, results: [TrainedVQVAE], test: LabeledImages, config: Config) throws {
    let shown = test.firstOfEachClass
    try run.figure(
      .imageGrid(
        name: "vqvae-reconstructions",
        title: "Test images and their VQ-VAE reconstructions from 49 codes of K = \(config.codes)\(run.settingsNote)",
        rows: [tiles(test.images.rows(shown))] + results.map { tiles($0.reconstructions.rows(shown)) },
        imageWidth: test.width, imageHeight: test.height, rowLabels: ["original"] + results.map(\.name),
        columnLabels: test.classNames(of: shown)))

    // Code maps, drawn as images: each code's grey level is the mean intensity of the 4x4
    // pixel blocks it stands for on the test set, so a map reads as a coarse picture of symbols.
    let ema = results[results.count - 1]
    var brightness = [Double](repeating: 0, count: config.codes)
    var uses = [Double](repeating: 0, count: config.codes)
    for (position, code) in ema.codes.enumerated() {
      let (image, cell) = (position / 49, position % 49)
      let (top, left) = (4 * (cell / 7), 4 * (cell % 7))
      for r in top..<(top + 4) {
        for c in left..<(left + 4) { brightness[code] += Double(test.images[image, r * 28 + c]) / 16 }
      }
      uses[code] += 1
    }
    let grey = (0..<config.codes).map { uses[$0] > 0 ? Float(brightness[$0] / uses[$0]) : 0 }
    let maps = shown.map { i in (0..<784).map { p in grey[ema.codes[i * 49 + (p / 28 / 4) * 7 + (p % 28) / 4]] } }
    try run.figure(
      .imageGrid(
        name: "vqvae-code-maps",
        title:
          "Test images, their 7x7 code maps (\(ema.name); each code drawn at its mean brightness) and reconstructions"
          + run.settingsNote,
        rows: [tiles(test.images.rows(shown)), maps, tiles(ema.reconstructions.rows(shown))],
        imageWidth: test.width, imageHeight: test.height, rowLabels: ["original", "code map", "decoded"],
        columnLabels: test.classNames(of: shown)))

    try run.figure(
      .lines(
        name: "vqvae-codebook-usage",
        title: "Codebook usage on the test images, codes sorted by frequency; a curve ends at the last code used, "
          + "the dead codes (never chosen) after it have frequency 0 and no place on a log axis\(run.settingsNote)",
        series: results.map { r in
          let u = usage(r.codes, of: config.codes)
          let f = u.frequencies.sorted(by: >).filter { $0 > 0 }
          let label = String(
            format: "%@: perplexity %.1f of K = %d, %d dead", r.name, u.perplexity, config.codes, u.dead)
          return (label, (1...f.count).map(Double.init), f)
        },
        xLabel: "code rank", yLabel: "fraction of the 49 x N positions", logY: true))
  }
}
