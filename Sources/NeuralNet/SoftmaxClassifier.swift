// A classifier as the course uses one: hidden dense layers and a softmax layer, trained with
// softmax cross-entropy. The stacked chapter fine-tunes it from pretrained layers; the CVAE
// chapter trains one on real images to judge whether generated samples show their label.

import Autodiff
import Stochastic
import TensorCore

/// One-hot rows [N, classes] for labels in 0..<classes.
public func oneHot(_ labels: [Int], classes: Int) -> Tensor {
  var t = Tensor.zeros([labels.count, classes])
  for (i, label) in labels.enumerated() {
    precondition(label >= 0 && label < classes, "label \(label) outside 0..<\(classes)")
    t.storage[i * classes + label] = 1
  }
  return t
}

/// Hidden layers, then a linear layer whose outputs are the softmax's logits.
public struct SoftmaxClassifier {
  public let hidden: [Dense]
  public let top: Dense

  public init(hidden: [Dense], top: Dense) {
    self.hidden = hidden
    self.top = top
  }

  public var parameters: [Variable] { hidden.flatMap(\.parameters) + top.parameters }
  public var classes: Int { top.outputSize }

  /// The last hidden layer's output: the features the softmax layer sees.
  public func features(_ x: Variable) -> Variable { hidden.reduce(x) { h, layer in layer(h) } }
  public func logits(_ x: Variable) -> Variable { top.preactivation(features(x)) }

  /// The most probable class of each row of x [N, D], evaluated in chunks of rows.
  public func predict(_ x: Tensor, chunk: Int = 2_000) -> [Int] {
    var out: [Int] = []
    var start = 0
    while start < x.rows {
      let end = min(start + chunk, x.rows)
      out += logits(Variable(x.rows(start..<end))).value.argmaxRows()
      start = end
    }
    return out
  }

  /// The fraction of rows of x whose predicted class is their label.
  public func accuracy(_ x: Tensor, labels: [Int]) -> Double {
    Double(zip(predict(x), labels).filter { $0 == $1 }.count) / Double(labels.count)
  }

  /// Trains every layer by Adam on softmax cross-entropy against `labels`.
  @discardableResult
  public func fit(
    images x: Tensor, labels: [Int], name: String, epochs: Int, batchSize: Int, learningRate: Float = 1e-3,
    using rng: inout SeededRandom
  ) throws -> [EpochSummary] {
    let targets = oneHot(labels, classes: classes)
    var adam = Adam(learningRate: learningRate)
    return try Trainer(name: name, epochs: epochs, batchSize: batchSize)
      .fit(sampleCount: labels.count, parameters: parameters, optimizer: &adam, using: &rng) { batch in
        softmaxCrossEntropy(logits: logits(Variable(x.rows(batch))), targets: targets.rows(batch))
      }
  }
}
