// The catalogue's ops with the right value and a wrong derivative: each computes its forward
// with the library's op and replaces the backward by the one a student derives with the
// classic slip. Only the chapter's checks (and, where a mistake says so, its training) call
// them; the library's ops stay honest.

import Autodiff
import Foundation
import NeuralNet
import TensorCore

extension AutoencoderChapter.Formulas {
  /// `loss`'s value at (v, target), with the backward d(per-image sum)/dx'_i = `derivative`
  /// (x'_i, x_i), averaged over the batch as the library's losses average it.
  static func elementwise(
    _ name: String, _ loss: @escaping (Variable, Tensor) -> Variable, derivative: @escaping (Float, Float) -> Float
  ) -> (Variable, Tensor) -> Variable {
    { v, target in
      let (value, p, batch) = (loss(Variable(v.value), target).value, v.value, Float(v.value.shape[0]))
      return Variable(op: name, value: value, inputs: [v]) { g in
        [p.zip(target) { pi, ti in derivative(pi, ti) * g.scalar / batch }]
      }
    }
  }

  /// `f`'s gradients at `inputs` for the upstream gradient `up`, from the library's backward.
  static func honestGradients(_ inputs: [Variable], upstream up: Tensor, _ f: ([Variable]) -> Variable) -> [Tensor?] {
    let leaves = inputs.map { Variable($0.value, requiresGradient: true) }
    (f(leaves) * Variable(up)).sum().backward()
    return leaves.map(\.grad)
  }

  /// EXP's value with L2's backward 2 (x' - x): the factor exp(S / tau) of the chain rule dropped.
  static func exponentialWithoutItsFactor(_ v: Variable, _ target: Tensor, _ tau: Float) -> Variable {
    elementwise("exponentialWithoutItsFactor", { exponentialLoss($0, $1, tau: tau) }) { p, t in 2 * (p - t) }(v, target)
  }

  /// BCE from logits a (in `reduction`, divisor N) with the backward (sigmoid(a) - x) sigmoid'(a) / N:
  /// the sigmoid's slope multiplied in again, though (sigmoid(a) - x) already is dL/da.
  static func binaryCrossEntropyWithSigmoidSlopeTwice(
    _ logits: Variable, _ target: Tensor, _ reduction: LossReduction
  ) -> Variable {
    let value = binaryCrossEntropy(logits: Variable(logits.value), targets: target, reduction: reduction).value
    let (a, n) = (logits.value, Float(reduction.divisor(logits.value.shape)))
    return Variable(op: "binaryCrossEntropyWithSigmoidSlopeTwice", value: value, inputs: [logits]) { g in
      [
        a.zip(target) { ai, xi in
          let s = 1 / (1 + Foundation.exp(-ai))
          return (s - xi) * s * (1 - s) * g.scalar / n
        }
      ]
    }
  }

  /// Softmax cross-entropy (mean over rows) whose backward sums over the rows instead.
  static func softmaxCrossEntropySummedGradient(_ logits: Variable, _ target: Tensor) -> Variable {
    let rows = Float(logits.value.shape[0])
    func loss(_ p: [Variable]) -> Variable { NeuralNet.softmaxCrossEntropy(logits: p[0], targets: target) }
    let value = loss([Variable(logits.value)]).value
    return Variable(op: "softmaxCrossEntropySummedGradient", value: value, inputs: [logits]) { g in
      honestGradients([logits], upstream: g, loss).map { $0.map { $0 * rows } }
    }
  }

  /// The kernel's rows in the order of a true convolution: patch column (ky k + kx) C + c
  /// takes row ((k - 1 - ky) k + k - 1 - kx) C + c (a gather, so its backward scatters back).
  static func flippedKernel(_ w: Variable, kernel k: Int, channels c: Int) -> Variable {
    let order = (0..<(k * k * c)).map { r in
      let (ky, kx, ch) = (r / (k * c), (r / c) % k, r % c)
      return ((k - 1 - ky) * k + (k - 1 - kx)) * c + ch
    }
    return Variable(op: "flippedKernel", value: w.value.rows(order), inputs: [w]) { g in
      var back = Tensor.zeros(w.value.shape)
      let width = w.value.shape[1]
      for (to, from) in order.enumerated() {
        for j in 0..<width { back.storage[from * width + j] += g.storage[to * width + j] }
      }
      return [back]
    }
  }

  /// conv2d's value, with the shared weights' gradients (kernel and bias) divided by the
  /// number of positions the kernel visits: a mean where the sum over positions belongs.
  static func convolutionWithAveragedSharedGradient(
    _ x: Variable, _ w: Variable, _ b: Variable?, _ g: ConvGeometry
  ) -> Variable {
    let inputs = [x, w] + (b.map { [$0] } ?? [])
    func forward(_ p: [Variable]) -> Variable {
      NeuralNet.conv2d(p[0], weight: p[1], bias: p.count > 2 ? p[2] : nil, geometry: g)
    }
    let value = forward(inputs.map { Variable($0.value) }).value
    return Variable(op: "convolutionWithAveragedSharedGradient", value: value, inputs: inputs) { up in
      let honest = honestGradients(inputs, upstream: up, forward)
      return honest.enumerated().map { k, grad in k == 0 ? grad : grad.map { $0 * (1 / Float(g.positions)) } }
    }
  }

  /// Max pooling's value, with average pooling's backward: each element of a 2 x 2 window gets
  /// a quarter of the window's gradient, the winner no more than the others.
  static func maxPoolSpreadingGradient(_ x: Variable, height: Int, width: Int, channels c: Int) -> Variable {
    let value = maxPool2x2(Variable(x.value), height: height, width: width, channels: c).value
    let (shape, wo) = (x.shape, width / 2)
    let (inSize, outSize) = (height * width * c, value.shape[1])
    return Variable(op: "maxPoolSpreadingGradient", value: value, inputs: [x]) { g in
      var dx = Tensor.zeros(shape)
      for i in 0..<dx.count {
        let (n, pixel, ch) = (i / inSize, (i % inSize) / c, i % c)
        let (y, xx) = (pixel / width, pixel % width)
        dx.storage[i] = g.storage[n * outSize + ((y / 2) * wo + xx / 2) * c + ch] / 4
      }
      return [dx]
    }
  }

  /// Nearest upsampling's value, with a backward that takes the gradient of one output of each
  /// 2 x 2 block (the top-left) instead of summing the four the pixel was copied to.
  static func upsampleTakingOneOfFour(_ x: Variable, height: Int, width: Int, channels c: Int) -> Variable {
    let value = upsample2x(Variable(x.value), height: height, width: width, channels: c).value
    let (shape, inSize, outSize) = (x.shape, height * width * c, value.shape[1])
    return Variable(op: "upsampleTakingOneOfFour", value: value, inputs: [x]) { g in
      var dx = Tensor.zeros(shape)
      for i in 0..<dx.count {
        let (n, pixel, ch) = (i / inSize, (i % inSize) / c, i % c)
        let (y, xx) = (pixel / width, pixel % width)
        dx.storage[i] = g.storage[n * outSize + ((2 * y) * (2 * width) + 2 * xx) * c + ch]
      }
      return [dx]
    }
  }
}
