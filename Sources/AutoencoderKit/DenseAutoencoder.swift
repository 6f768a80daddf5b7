// A dense autoencoder as data: an encoder stack and its mirror-image decoder, as the
// autoencoder-family chapters build them (ReLU hidden layers, a chosen code activation, a
// sigmoid output read as Bernoulli logits).

import Autodiff
import NeuralNet
import Stochastic
import TensorCore

/// A dense autoencoder: hidden layers ReLU, the code layer as given, a sigmoid output.
public struct DenseAutoencoder {
  public let name: String
  public let encoder: Sequential
  public let decoder: Sequential

  /// `sizes` = [D, h_1, ..., d]: encoder D -> ... -> d, decoder the mirror image d -> ... -> D.
  public init(name: String, sizes: [Int], codeActivation: Activation, using rng: inout SeededRandom) {
    self.name = name
    var enc: [Dense] = []
    for i in 0..<(sizes.count - 1) {
      let last = i == sizes.count - 2
      enc.append(Dense(sizes[i], sizes[i + 1], activation: last ? codeActivation : .relu, using: &rng))
    }
    let mirrored = Array(sizes.reversed())
    var dec: [Dense] = []
    for i in 0..<(mirrored.count - 1) {
      let last = i == mirrored.count - 2
      dec.append(Dense(mirrored[i], mirrored[i + 1], activation: last ? .sigmoid : .relu, using: &rng))
    }
    encoder = Sequential(enc)
    decoder = Sequential(dec)
  }

  public var parameters: [Variable] { encoder.parameters + decoder.parameters }
  public var architecture: String {
    ([encoder.layers[0].inputSize] + encoder.layers.map(\.outputSize) + decoder.layers.map(\.outputSize)).map(
      String.init
    ).joined(separator: "-")
  }

  public func code(_ x: Variable) -> Variable { encoder(x) }  // [B, d]
  public func logits(_ x: Variable) -> Variable { decoder.logits(encoder(x)) }  // [B, D]

  /// The reconstructions sigmoid(logits(x)) of the rows of x [N, D], in chunks of rows.
  public func reconstruct(_ x: Tensor, rows chunk: Int = 2_000) -> Tensor {
    sigmoid(inChunks(x, rows: chunk) { logits(Variable($0)).value })
  }
}
