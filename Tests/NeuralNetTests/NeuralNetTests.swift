import Autodiff
import Foundation
import NeuralNet
import Stochastic
import TensorCore
import Testing

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

  /// The mean of x^2 over a weight matrix and its standard error, in Double.
  func meanSquareAndStandardError(_ w: Tensor) -> (mean: Double, standardError: Double) {
    let squares = w.storage.map { Double($0) * Double($0) }
    let n = Double(squares.count)
    let mean = squares.reduce(0, +) / n
    let variance = squares.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
    return (mean, (variance / n).squareRoot())
  }

  @Test func glorotAndHeScales() {
    // Checked from above (the bound) and from below (the variance within 4 standard errors of
    // its value: a scale 5 % off moves the variance by 10 %, about 15 standard errors here).
    var rng = SeededRandom(seed: 14)
    let g = Initializer.glorotUniform.weights(inputs: 300, outputs: 100, using: &rng)
    let a = (6.0 / 400).squareRoot()
    #expect(g.max() <= Float(a) && g.min() >= -Float(a))
    let uniform = meanSquareAndStandardError(g)
    #expect(Swift.abs(uniform.mean - a * a / 3) <= 4 * uniform.standardError, "\(uniform), a^2/3 = \(a * a / 3)")
    let h = Initializer.heNormal.weights(inputs: 400, outputs: 100, using: &rng)
    let he = meanSquareAndStandardError(h)
    #expect(Swift.abs(he.mean - 2.0 / 400) <= 4 * he.standardError, "\(he), 2/400 = \(2.0 / 400)")
    let n = Initializer.normal(standardDeviation: 0.3).weights(inputs: 200, outputs: 100, using: &rng)
    let normal = meanSquareAndStandardError(n)
    #expect(Swift.abs(normal.mean - 0.09) <= 4 * normal.standardError, "\(normal), 0.3^2 = 0.09")
  }

  @Test func glorotWeightsOfTheLayers() {
    // The layers pass their fan-in and fan-out to the initialiser (a swapped or wrong count
    // changes a): Dense 50 -> 30, Conv2D 3x3x8 -> 16 (fan-in 72).
    var rng = SeededRandom(seed: 15)
    let dense = Dense(50, 30, activation: .tanh, using: &rng).weight.value
    let conv = Conv2D(height: 4, width: 4, inputChannels: 8, outputChannels: 16, using: &rng).weight.value
    for (w, fans) in [(dense, 80.0), (conv, 88.0)] {
      let a = (6.0 / fans).squareRoot()
      let stats = meanSquareAndStandardError(w)
      #expect(w.max() <= Float(a) && w.min() >= -Float(a))
      #expect(Swift.abs(stats.mean - a * a / 3) <= 4 * stats.standardError, "\(stats), a^2/3 = \(a * a / 3)")
    }
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

/// The fused dense op against the three-op graph it replaces, and its gradients against
/// finite differences.
@Suite("Fused dense layer and fast training path")
struct FusedDenseTests {
  @Test(arguments: Activation.allCases)
  func fusedDenseGradientCheck(activation: Activation) {
    var rng = SeededRandom(seed: 31)
    // ReLU's kink: redraw until every pre-activation (with and without the bias) is at least
    // 0.1 from zero, farther than a finite-difference step (1e-2 times an entry of x or W) moves it.
    var (x, w, b) = (Tensor.zeros([5, 4]), Tensor.zeros([4, 3]), Tensor.zeros([3]))
    repeat {
      x = Tensor.normal([5, 4], using: &rng)
      w = Tensor.normal([4, 3], standardDeviation: 0.7, using: &rng)
      b = Tensor.normal([3], standardDeviation: 0.5, using: &rng)
    } while activation == .relu
      && (Tensor.matmul(x, w).storage + (Tensor.matmul(x, w) + b).storage).contains { Swift.abs($0) < 0.1 }
    let r = checkGradients(at: [x, w, b]) { p in
      weightedSum(Variable.dense(p[0], weight: p[1], bias: p[2], activation: activation))
    }
    #expect(r.passed, "\(activation): \(r)")
    let noBias = checkGradients(at: [x, w]) { p in
      weightedSum(Variable.dense(p[0], weight: p[1], bias: nil, activation: activation))
    }
    #expect(noBias.passed, "\(activation) without bias: \(noBias)")
  }

  @Test(arguments: Activation.allCases)
  func fusedDenseEqualsThreeOpGraph(activation: Activation) {
    var rng = SeededRandom(seed: 32)
    // 300 rows x 300 columns: large enough that the bias/activation pass is split over cores.
    let xv = Tensor.normal([300, 20], using: &rng)
    let wv = Tensor.normal([20, 300], standardDeviation: 0.3, using: &rng)
    let bv = Tensor.normal([300], standardDeviation: 0.3, using: &rng)
    let target = Tensor.normal([300, 300], using: &rng)
    func run(_ fused: Bool) -> (Tensor, [Tensor]) {
      let (x, w, b) = (
        Variable(xv, requiresGradient: true), Variable(wv, requiresGradient: true), Variable(bv, requiresGradient: true)
      )
      let y =
        fused ? Variable.dense(x, weight: w, bias: b, activation: activation) : activation(Variable.matmul(x, w) + b)
      (y * Variable(target)).sum().backward()
      return (y.value, [x.grad!, w.grad!, b.grad!])
    }
    let (yf, gf) = run(true)
    let (yr, gr) = run(false)
    #expect(maxRelativeDifference(yf, yr) < 1e-5)
    for (f, r) in zip(gf, gr) { #expect(maxRelativeDifference(f, r) < 1e-4, "\(activation)") }
  }

  @Test func denseLayerUsesTheFusedOpAndSkipsTheDataGradient() {
    var rng = SeededRandom(seed: 33)
    let layer = Dense(4, 3, activation: .relu, using: &rng)
    let y = layer(Variable(Tensor.normal([2, 4], using: &rng)))
    #expect(y.op == "dense(relu)")
    y.sum().backward()
    #expect(layer.weight.grad != nil && layer.bias.grad != nil)
  }

  /// Adam's vectorised, core-split update against the textbook formula in Double, on a
  /// parameter large enough for the split (and with a length that leaves a SIMD tail).
  @Test func adamMatchesReferenceFormula() {
    var rng = SeededRandom(seed: 34)
    let n = 70_003
    let start = Tensor.normal([n], using: &rng)
    let p = Variable(start, requiresGradient: true)
    var adam = Adam(learningRate: 0.01)
    var (m, v, w) = ([Double](repeating: 0, count: n), [Double](repeating: 0, count: n), start.storage.map(Double.init))
    for t in 1...3 {
      let g = Tensor.normal([n], using: &rng)
      p.grad = g
      adam.step([p])
      for i in 0..<n {
        let gi = Double(g.storage[i])
        m[i] = 0.9 * m[i] + 0.1 * gi
        v[i] = 0.999 * v[i] + 0.001 * gi * gi
        let mh = m[i] / (1 - Foundation.pow(0.9, Double(t)))
        let vh = v[i] / (1 - Foundation.pow(0.999, Double(t)))
        w[i] -= 0.01 * mh / (vh.squareRoot() + 1e-7)
      }
    }
    let worst = (0..<n).map { Swift.abs(Double(p.value.storage[$0]) - w[$0]) }.max() ?? .infinity
    #expect(worst < 1e-5, "worst |Adam - reference| \(worst)")
  }

  /// The fused BCE (loss and gradient in one pass, split over cores by rows) against the
  /// definition in Double, on a batch large enough for the split.
  @Test func fusedBinaryCrossEntropyMatchesDefinition() {
    var rng = SeededRandom(seed: 35)
    let logits = Tensor.normal([256, 784], standardDeviation: 4, using: &rng)
    let targets = Tensor.uniform([256, 784], using: &rng)
    let x = Variable(logits, requiresGradient: true)
    let loss = binaryCrossEntropy(logits: x, targets: targets) * 3
    loss.backward()
    // Gradients are at most 3/n; Float rounding of sigmoid(x) - t is absolute, so compare
    // errors in units of 3/n.
    var reference = 0.0
    var worstGradient = 0.0
    let n = Double(logits.count)
    for i in 0..<logits.count {
      let (xi, ti) = (Double(logits.storage[i]), Double(targets.storage[i]))
      reference += Swift.max(xi, 0) - xi * ti + Foundation.log1p(Foundation.exp(-Swift.abs(xi)))
      let g = 3 * (1 / (1 + Foundation.exp(-xi)) - ti) / n
      worstGradient = Swift.max(worstGradient, Swift.abs(Double(x.grad!.storage[i]) - g) / (3 / n))
    }
    #expect(Swift.abs(Double(loss.value.scalar) - 3 * reference / n) < 1e-6 * 3 * reference / n)
    #expect(worstGradient < 1e-6, "worst gradient error \(worstGradient) x 3/n")
  }
}

/// A fixed random weighting of all elements, so every output element matters in a check.
func weightedSum(_ v: Variable) -> Variable {
  var rng = SeededRandom(seed: 77)
  return (v * Variable(Tensor.normal(v.shape, using: &rng))).sum()
}

func maxRelativeDifference(_ a: Tensor, _ b: Tensor) -> Double {
  precondition(a.shape == b.shape)
  var worst = 0.0
  for i in 0..<a.count {
    let (x, y) = (Double(a.storage[i]), Double(b.storage[i]))
    worst = Swift.max(worst, Swift.abs(x - y) / Swift.max(1, Swift.abs(y)))
  }
  return worst
}
