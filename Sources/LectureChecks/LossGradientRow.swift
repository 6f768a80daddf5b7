// The gradient row every autoencoder-family chapter prints for the loss it trains with: binary
// cross-entropy from the logits of a dense autoencoder (ReLU hidden layers, the chapter's code
// activation, a sigmoid output read as logits, through the fused dense op the models use),
// plus the chapter's penalty on the code when it has one, on a small batch. The loss op itself
// can be passed in (a chapter checking a planted wrong backward), binary cross-entropy by default.

import Autodiff
import Lecture
import NeuralNet
import Stochastic
import TensorCore

extension ChapterRun {
  /// The training loss of a `sizes` = [D, h_1, ..., d] autoencoder, summed over pixels per
  /// image (`penalty` of the code added), its backward through every layer against finite
  /// differences. With `corruptedInput`, half the input pixels are zeroed and the target stays
  /// clean (a DAE). `reconstruction` is the loss from the logits and the target in the
  /// reduction it is given (binary cross-entropy; a chapter passes its own to plant a mistake);
  /// it is called with `.perImageSum`, the slides' convention, in which the penalty is added.
  /// The point is redrawn until every ReLU pre-activation is at least 0.2 from its kink,
  /// several times what one step of the checker (2e-2 on one weight or bias, inputs in [0, 1),
  /// weights of size 0.5) moves it, so a difference is a wrong derivative, not a kink.
  public func autoencoderLossGradientRow(
    _ name: String, slide: String, sizes: [Int], codeActivation: Activation, penalty: ((Variable) -> Variable)? = nil,
    corruptedInput: Bool = false,
    reconstruction: @escaping (_ logits: Variable, _ targets: Tensor, _ reduction: LossReduction) -> Variable = {
      binaryCrossEntropy(logits: $0, targets: $1, reduction: $2)
    }
  ) {
    var rng = random("loss-gradient-" + name)
    let layerSizes = Array(zip(sizes, sizes.dropFirst())) + Array(zip(sizes.reversed(), sizes.reversed().dropFirst()))
    let encoderLayers = sizes.count - 1
    func activation(_ k: Int) -> Activation {
      k == encoderLayers - 1 ? codeActivation : (k == layerSizes.count - 1 ? .identity : .relu)
    }
    func forward(_ input: Variable, _ p: [Variable]) -> (code: Variable, logits: Variable, preactivations: [Tensor]) {
      var h = input
      var code = input
      var preactivations: [Tensor] = []
      for k in layerSizes.indices {
        let a = Variable.matmul(h, p[2 * k]) + p[2 * k + 1]
        if activation(k) == .relu { preactivations.append(a.value) }
        h = Variable.dense(h, weight: p[2 * k], bias: p[2 * k + 1], activation: activation(k))
        if k == encoderLayers - 1 { code = h }
      }
      return (code, h, preactivations)
    }
    var x: Tensor
    var input: Tensor
    var start: [Tensor]
    repeat {
      x = Tensor.uniform([4, sizes[0]], using: &rng)
      let keep = Tensor.uniform([4, sizes[0]], using: &rng).map { $0 < 0.5 ? 0 : 1 }
      input = corruptedInput ? x * keep : x
      start = layerSizes.flatMap { m, n in
        [
          Tensor.normal([m, n], standardDeviation: 0.5, using: &rng),
          Tensor.normal([n], standardDeviation: 0.3, using: &rng),
        ]
      }
    } while forward(Variable(input), start.map { Variable($0) }).preactivations.contains { a in
      a.storage.contains { abs($0) < 0.2 }
    }
    gradientRow(
      name, slide: slide,
      checkGradients(at: start, step: 2e-2) { p in
        let (code, logits, _) = forward(Variable(input), p)
        let loss = reconstruction(logits, x, .perImageSum)
        return penalty.map { loss + $0(code) } ?? loss
      })
  }
}
