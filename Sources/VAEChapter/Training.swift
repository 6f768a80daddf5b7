// Training a GaussianVAE with the shared Trainer and Adam: the loss of a minibatch is
// reconstruction + beta * KL per image (nats), with eps drawn outside the graph.

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

  /// Trains the slides' 784-500-500-Z-500-500-784 VAE on `train` with weight `beta` on the KL.
  static func trainVAE(
    _ run: ChapterRun, train: LabeledImages, latentSize: Int, beta: Double, epochs: Int, config: Config, purpose: String
  ) throws -> TrainedVAE {
    var initRandom = run.random("\(purpose)-init")
    let model = GaussianVAE(inputSize: train.height * train.width, hidden: [500, 500], latentSize: latentSize, using: &initRandom)
    var adam = Adam(learningRate: config.learningRate)
    var shuffle = run.random("\(purpose)-shuffle")
    var noise = run.random("\(purpose)-eps")
    let trainer = Trainer(name: "VAE \(purpose)", epochs: epochs, batchSize: config.batchSize)
    let summaries = try trainer.fit(sampleCount: train.count, parameters: model.parameters, optimizer: &adam, using: &shuffle) { batch in
      let x = train.images.rows(batch)  // [B, 784]
      let eps = Tensor.normal([batch.count, latentSize], using: &noise)  // [B, Z]
      return model.terms(x, noise: eps, beta: Float(beta)).loss
    }
    return TrainedVAE(model: model, epochs: summaries)
  }
}
