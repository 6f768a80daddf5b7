// Slides "Autoencoder - Loss" and "Autoencoder - Regularization" applied to the vanilla
// autoencoder of the Keras slide: it trains on J = L(x, x') + lambda g(W_enc, W_dec) with the
// run's loss and lambda (`--loss`, `--weight-decay`); Keras compiles it with binary
// cross-entropy and no regulariser, the defaults. J is divided by D (784 pixels): the same
// minimiser and the same Adam steps, and for CE exactly Keras' per-pixel binary cross-entropy.

import Autodiff
import AutoencoderKit
import NeuralNet
import Stochastic
import TensorCore

extension AutoencoderChapter {
  /// The vanilla autoencoder's training objective.
  struct VanillaObjective {
    let loss: ReconstructionLoss
    let lambda: Float

    /// Keras' objective: binary cross-entropy, no regulariser.
    var isKeras: Bool { loss == .crossEntropy && lambda == 0 }
    /// The loss as the rows name it: "BCE" for cross-entropy (Keras' name), else its own.
    var lossName: String { loss == .crossEntropy ? "BCE" : "\(loss)" }
    /// What the learning curve measures: J, the loss plus the regulariser when there is one.
    var objectiveName: String { lambda > 0 ? "\(lossName) + weight decay" : lossName }

    /// J / D for a batch x [B, D] from the model's logits; `weights` are W_enc and W_dec.
    func perPixel(logits: Variable, targets x: Tensor, weights: [Variable]) -> Variable {
      // CE through the logits (no log(0) once the sigmoid saturates); the others on x'.
      let reconstruction =
        loss == .crossEntropy
        ? binaryCrossEntropy(logits: logits, targets: x, reduction: .perPixelMean)
        : loss(logits.sigmoid(), x, reduction: .perPixelMean)
      guard lambda > 0 else { return reconstruction }
      let d = Float(x.shape[1])
      return reconstruction + weightDecay(weights, lambda: lambda) * (1 / d)
    }

    /// J / D over a whole set, in chunks of rows (the learning curve's test point).
    func perPixel(of model: DenseAutoencoder, on x: Tensor, chunk: Int = 2_000) -> Double {
      var total = 0.0
      var start = 0
      while start < x.shape[0] {
        let end = min(start + chunk, x.shape[0])
        let rows = x.rows(start..<end)
        total +=
          Double(perPixel(logits: model.logits(Variable(rows)), targets: rows, weights: []).value.scalar)
          * Double(end - start)
        start = end
      }
      let d = Float(x.shape[1])
      let decay = lambda > 0 ? Double(weightDecay(Self.weights(of: model), lambda: lambda).value.scalar / d) : 0
      return total / Double(x.shape[0]) + decay
    }

    /// L / D image by image for reconstructions `p` [N, D] (probabilities) of `x`: the loss
    /// alone, as it judges a reconstruction whatever made it (an AE, the mean image, PCA).
    func perImage(probabilities p: Tensor, targets x: Tensor) -> [Double] {
      if loss == .crossEntropy { return perImageBinaryCrossEntropy(probabilities: p, targets: x) }
      let d = Double(x.shape[1])
      return (0..<x.shape[0]).map { i in
        Double(loss(Variable(p.rows(i..<(i + 1))), x.rows(i..<(i + 1))).value.scalar) / d
      }
    }

    /// W_enc and W_dec of every layer (the biases are not regularised).
    static func weights(of model: DenseAutoencoder) -> [Variable] {
      (model.encoder.layers + model.decoder.layers).map(\.weight)
    }
  }

  /// The vanilla AE trained by Adam on `objective`, with J / D on the test images after each
  /// epoch (the learning curve).
  static func trainVanilla(
    _ model: DenseAutoencoder, objective: VanillaObjective, train: Tensor, test: Tensor, config: Config,
    trained: @escaping (Variable) -> Variable = { $0 }, using rng: inout SeededRandom,
    afterEpoch progress: ([EpochLoss]) throws -> Void = { _ in }
  ) throws -> [EpochLoss] {
    var adam = Adam(learningRate: config.kerasLearningRate)
    let weights = VanillaObjective.weights(of: model)
    var curve: [EpochLoss] = []
    let trainer = Trainer(name: model.architecture, epochs: config.kerasEpochs, batchSize: config.kerasBatch)
    try trainer.fit(sampleCount: train.shape[0], parameters: model.parameters, optimizer: &adam, using: &rng) { batch in
      let x = train.rows(batch)
      // `trained` is the identity unless a mistake is planted (the update's sign flipped).
      return objective.perPixel(logits: trained(model.logits(Variable(x))), targets: x, weights: weights)
    } afterEpoch: { summary in
      curve.append(
        EpochLoss(epoch: summary.epoch, train: summary.meanLoss, test: objective.perPixel(of: model, on: test)))
      try progress(curve)
    }
    return curve
  }
}
