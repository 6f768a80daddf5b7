import Autodiff
import Foundation
import Stochastic
import TensorCore
import Testing

import NeuralNet

@Suite("Losses, layers, optimisers, trainer")
struct NeuralNetTests {
  @Test func binaryCrossEntropyGradient() {
    var rng = SeededRandom(seed: 11)
    let targets = Tensor.uniform([4, 5], using: &rng)
    let r = checkGradients(at: [Tensor.normal([4, 5], standardDeviation: 2, using: &rng)]) {
      binaryCrossEntropy(logits: $0[0], targets: targets) * 10
    }
    #expect(r.passed, "\(r)")
  }

  @Test func binaryCrossEntropyMatchesDefinitionAndIsStable() {
    let logits = Tensor([[-3, 0.5, 2]])
    let t = Tensor([[0, 1, 0.25]])
    var naive = 0.0
    for i in 0..<3 {
      let p = 1 / (1 + Foundation.exp(-Double(logits.storage[i])))
      let ti = Double(t.storage[i])
      naive -= ti * Foundation.log(p) + (1 - ti) * Foundation.log(1 - p)
    }
    let bce = binaryCrossEntropy(logits: Variable(logits), targets: t).value.scalar
    #expect(Swift.abs(Double(bce) - naive / 3) < 1e-6)
    // Saturated logits: finite, about |x| per wrong element.
    let extreme = binaryCrossEntropy(logits: Variable(Tensor([[200, -200]])), targets: Tensor([[0, 1]])).value.scalar
    #expect(extreme.isFinite && Swift.abs(extreme - 200) < 1e-3)
  }

  @Test func meanSquaredErrorGradient() {
    var rng = SeededRandom(seed: 12)
    let target = Variable(Tensor.normal([3, 4], using: &rng))
    let r = checkGradients(at: [Tensor.normal([3, 4], using: &rng)]) { meanSquaredError($0[0], target) }
    #expect(r.passed, "\(r)")
  }

  @Test func denseLayerGradient() {
    var rng = SeededRandom(seed: 13)
    let layer = Dense(4, 3, activation: .tanh, using: &rng)
    let x = Variable(Tensor.normal([5, 4], using: &rng))
    let r = checkGradients(at: [layer.weight.value, layer.bias.value]) { p in
      (Variable.matmul(x, p[0]) + p[1]).tanh().squared().mean()
    }
    #expect(r.passed, "\(r)")
    #expect(layer(x).shape == [5, 3])
  }

  @Test func glorotAndHeScales() {
    var rng = SeededRandom(seed: 14)
    let g = Initializer.glorotUniform.weights(inputs: 300, outputs: 100, using: &rng)
    let a = Float((6.0 / 400).squareRoot())
    #expect(g.max() <= a && g.min() >= -a)
    let h = Initializer.heNormal.weights(inputs: 400, outputs: 100, using: &rng)
    let variance = (h * h).mean()
    #expect(Swift.abs(variance - 2.0 / 400) < 0.0005)  // 40000 draws: SE of variance ~ 3.5e-5
  }

  @Test func adamAndSGDMinimiseAQuadratic() throws {
    for useAdam in [true, false] {
      let w = Variable(Tensor([[3, -2]]), requiresGradient: true)
      let target = Variable(Tensor([[1, 1]]))
      var adam = Adam(learningRate: 0.05)
      var sgd = SGD(learningRate: 0.1, momentum: 0.5)
      for _ in 0..<500 {
        meanSquaredError(w, target).backward()
        if useAdam { adam.step([w]) } else { sgd.step([w]) }
        #expect(w.grad == nil, "step clears the gradient")
      }
      #expect(Swift.abs(w.value[0, 0] - 1) < 1e-2 && Swift.abs(w.value[0, 1] - 1) < 1e-2, "adam \(useAdam): \(w.value)")
    }
  }

  @Test func trainerFitsAndReportsNonFiniteLoss() throws {
    var rng = SeededRandom(seed: 15)
    let x = Tensor.normal([64, 3], using: &rng)
    let trueW = Tensor([[1], [-2], [0.5]])
    let y = Tensor.matmul(x, trueW)
    let layer = Dense(3, 1, using: &rng)
    var opt = Adam(learningRate: 0.05)
    let trainer = Trainer(name: "linear", epochs: 60, batchSize: 16, showsProgress: false)
    let hist = try trainer.fit(sampleCount: 64, parameters: layer.parameters, optimizer: &opt, using: &rng) { idx in
      meanSquaredError(layer(Variable(x.rows(idx))), Variable(y.rows(idx)))
    }
    #expect(hist.count == 60)
    #expect(hist.last!.meanLoss < 1e-3 * hist.first!.meanLoss)

    let bad = Dense(3, 1, using: &rng)
    var sgd = SGD(learningRate: 1e30)
    #expect(throws: TrainingError.self) {
      try Trainer(name: "exploding", epochs: 5, batchSize: 16, showsProgress: false)
        .fit(sampleCount: 64, parameters: bad.parameters, optimizer: &sgd, using: &rng) { idx in
          meanSquaredError(bad(Variable(x.rows(idx))), Variable(y.rows(idx))).exp()
        }
    }
  }
}
