// Training a GaussianVAE with the shared Trainer and Adam: the loss of a minibatch is
// reconstruction + beta * KL per image (nats), with eps drawn outside the graph (the loop is
// GaussianVAE.fit in LatentModels, shared with the CVAE chapter).

import Autodiff
import Datasets
import Foundation
import LatentModels
import Lecture
import NeuralNet
import Stochastic
import TensorCore

extension VAEChapter {
  /// A trained model with its per-epoch summaries.
  struct TrainedVAE {
    let model: GaussianVAE
    let epochs: [EpochSummary]
    var secondsPerEpoch: Double { epochs.map(\.seconds).reduce(0, +) / Double(max(epochs.count, 1)) }
  }

  /// Trains the slides' 784-500-500-Z-500-500-784 VAE (other `hidden` widths if asked) on `train`
  /// with weight `beta` on the KL (as the formulas put it on: `klWeight`), z from their sampler
  /// and their KL term.
  static func trainVAE(
    _ run: ChapterRun, train: LabeledImages, latentSize: Int, beta: Double, epochs: Int, config: Config,
    purpose: String, hidden: [Int] = [500, 500], formulas: Formulas = .honest
  ) throws -> TrainedVAE {
    var initRandom = run.random("\(purpose)-init")
    let model = GaussianVAE(
      inputSize: train.height * train.width, hidden: hidden, latentSize: latentSize, using: &initRandom)
    var shuffle = run.random("\(purpose)-shuffle")
    var noise = run.random("\(purpose)-eps")
    let summaries = try model.fit(
      images: train.images, name: "VAE \(purpose)", epochs: epochs, batchSize: config.batchSize,
      learningRate: config.learningRate,
      beta: Float(formulas.klWeight(beta)), shuffle: &shuffle, noise: &noise,
      sampler: formulas.sampler, klTerm: formulas.klTerm)
    return TrainedVAE(model: model, epochs: summaries)
  }
}
