// Training a VAE (the MLP VAE, the CVAE, the conv VAE) with the shared Trainer and Adam: the
// loss of a minibatch is reconstruction + beta * KL per image (nats), with eps drawn outside
// the graph from its own stream, so the batch order and the noise are reproducible separately.

import Autodiff
import NeuralNet
import Stochastic
import TensorCore

extension VariationalAutoencoder {
  /// Trains on the rows of `images` [N, D] (with `conditions` [N, C] for a CVAE).
  @discardableResult
  public func fit(
    images: Tensor, conditions: Tensor? = nil, name: String, epochs: Int, batchSize: Int, learningRate: Float = 1e-3,
    beta: Float = 1, shuffle: inout SeededRandom, noise: inout SeededRandom,
    sampler: Sampler = reparameterize, klTerm: KLTerm = klToStandardNormal
  ) throws -> [EpochSummary] {
    var adam = Adam(learningRate: learningRate)
    var eps = noise
    defer { noise = eps }
    let trainer = Trainer(name: name, epochs: epochs, batchSize: batchSize)
    return try trainer.fit(sampleCount: images.rows, parameters: parameters, optimizer: &adam, using: &shuffle) {
      batch in
      let x = images.rows(batch)  // [B, D]
      let e = Tensor.normal([batch.count, latentSize], using: &eps)  // [B, Z]
      return negativeELBO(x, condition: conditions?.rows(batch), noise: e, beta: beta, sampler: sampler, klTerm: klTerm)
        .loss
    }
  }
}
