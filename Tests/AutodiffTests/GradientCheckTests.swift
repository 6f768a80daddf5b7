// Every op's backward against finite differences, plus tests that the checker itself fails
// when a backward is wrong (a checker that cannot fail checks nothing).

import Autodiff
import Foundation
import Stochastic
import TensorCore
import Testing

/// Random inputs of the given shapes; `awayFromZero` keeps |x| >= 0.2 for ops with a kink or
/// a pole at 0 (relu, abs, log, sqrt, 1/x), where finite differences straddle the kink.
func randomInputs(_ shapes: [[Int]], seed: UInt64 = 7, positive: Bool = false, awayFromZero: Bool = false) -> [Tensor] {
  var rng = SeededRandom(seed: seed)
  return shapes.map { shape in
    var t = Tensor.normal(shape, using: &rng)
    if positive { t = t.map { Swift.abs($0) + 0.5 } }
    if awayFromZero { t = t.map { $0 >= 0 ? $0 + 0.2 : $0 - 0.2 } }
    return t
  }
}

/// A fixed random weighting, so the scalar test function sees every output element with a
/// different weight (sum() alone would hide a transposed gradient).
func weighted(_ v: Variable, seed: UInt64 = 99) -> Variable {
  var rng = SeededRandom(seed: seed)
  return (v * Variable(Tensor.normal(v.shape, using: &rng))).sum()
}

@Suite("Gradient checks of every op")
struct OpGradientTests {
  @Test func gatherRowsWithRepeats() {
    // Row 1 is taken twice: its gradient is the sum of both copies'; row 3 is never taken.
    let r = checkGradients(at: randomInputs([[4, 3]])) { weighted($0[0].gatherRows([2, 1, 0, 1])) }
    #expect(r.passed, "\(r)")
  }

  @Test func add() {
    let r = checkGradients(at: randomInputs([[3, 4], [3, 4]])) { weighted($0[0] + $0[1]) }
    #expect(r.passed, "\(r)")
  }
  @Test func addBroadcastRow() {
    let r = checkGradients(at: randomInputs([[3, 4], [4]])) { weighted($0[0] + $0[1]) }
    #expect(r.passed, "\(r)")
  }
  @Test func addBroadcastScalar() {
    let r = checkGradients(at: randomInputs([[3, 4], []])) { weighted($0[0] + $0[1]) }
    #expect(r.passed, "\(r)")
  }
  @Test func subtract() {
    let r = checkGradients(at: randomInputs([[3, 4], [1, 4]])) { weighted($0[0] - $0[1]) }
    #expect(r.passed, "\(r)")
  }
  @Test func multiply() {
    let r = checkGradients(at: randomInputs([[3, 4], [3, 4]])) { weighted($0[0] * $0[1]) }
    #expect(r.passed, "\(r)")
  }
  @Test func multiplyBroadcastRow() {
    let r = checkGradients(at: randomInputs([[3, 4], [4]])) { weighted($0[0] * $0[1]) }
    #expect(r.passed, "\(r)")
  }
  @Test func divide() {
    let xs = randomInputs([[3, 4]]) + randomInputs([[3, 4]], seed: 8, positive: true)
    let r = checkGradients(at: xs) { weighted($0[0] / $0[1]) }
    #expect(r.passed, "\(r)")
  }
  @Test func divideBroadcastRow() {
    let xs = randomInputs([[3, 4]]) + randomInputs([[4]], seed: 8, positive: true)
    let r = checkGradients(at: xs) { weighted($0[0] / $0[1]) }
    #expect(r.passed, "\(r)")
  }
  @Test func negateAndScalars() {
    let r = checkGradients(at: randomInputs([[2, 5]])) { v in weighted(2 - (-(v[0]) * 3 + 1) / 4) }
    #expect(r.passed, "\(r)")
  }
  @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
  func matmul(transposeA: Bool, transposeB: Bool) {
    let a = transposeA ? [4, 3] : [3, 4]
    let b = transposeB ? [5, 4] : [4, 5]
    let r = checkGradients(at: randomInputs([a, b])) {
      weighted(Variable.matmul($0[0], $0[1], transposeA: transposeA, transposeB: transposeB))
    }
    #expect(r.passed, "transposeA \(transposeA) transposeB \(transposeB): \(r)")
  }
  @Test func exp() {
    let r = checkGradients(at: randomInputs([[3, 3]])) { weighted($0[0].exp()) }
    #expect(r.passed, "\(r)")
  }
  @Test func log() {
    let r = checkGradients(at: randomInputs([[3, 3]], positive: true)) { weighted($0[0].log()) }
    #expect(r.passed, "\(r)")
  }
  @Test func squared() {
    let r = checkGradients(at: randomInputs([[3, 3]])) { weighted($0[0].squared()) }
    #expect(r.passed, "\(r)")
  }
  @Test func sqrt() {
    let r = checkGradients(at: randomInputs([[3, 3]], positive: true)) { weighted($0[0].sqrt()) }
    #expect(r.passed, "\(r)")
  }
  @Test func abs() {
    let r = checkGradients(at: randomInputs([[3, 3]], awayFromZero: true)) { weighted($0[0].abs()) }
    #expect(r.passed, "\(r)")
  }
  @Test func relu() {
    let r = checkGradients(at: randomInputs([[4, 4]], awayFromZero: true)) { weighted($0[0].relu()) }
    #expect(r.passed, "\(r)")
  }
  @Test func sigmoid() {
    let r = checkGradients(at: randomInputs([[4, 4]])) { weighted($0[0].sigmoid()) }
    #expect(r.passed, "\(r)")
  }
  @Test func tanh() {
    let r = checkGradients(at: randomInputs([[4, 4]])) { weighted($0[0].tanh()) }
    #expect(r.passed, "\(r)")
  }
  @Test func softplus() {
    let r = checkGradients(at: randomInputs([[4, 4]])) { weighted($0[0].softplus()) }
    #expect(r.passed, "\(r)")
  }
  @Test func sumAndMean() {
    let r = checkGradients(at: randomInputs([[3, 4]])) { ($0[0].sum() * 0.5 + $0[0].squared().mean()) }
    #expect(r.passed, "\(r)")
  }
  @Test(arguments: [0, 1]) func sumAlongAxis(axis: Int) {
    let r = checkGradients(at: randomInputs([[3, 4]])) { weighted($0[0].sum(axis: axis)) }
    #expect(r.passed, "axis \(axis): \(r)")
  }
  @Test func meanAlongAxis() {
    let r = checkGradients(at: randomInputs([[3, 4]])) { weighted($0[0].mean(axis: 1)) }
    #expect(r.passed, "\(r)")
  }
  @Test func transposeAndReshape() {
    let r = checkGradients(at: randomInputs([[3, 4]])) { weighted($0[0].transposed().reshaped([2, 6])) }
    #expect(r.passed, "\(r)")
  }
  @Test func columnsAndConcatenate() {
    let r = checkGradients(at: randomInputs([[3, 5], [3, 2]])) {
      weighted(Variable.concatenateColumns([$0[0].columns(1..<4), $0[1], $0[0].columns(0..<1)]))
    }
    #expect(r.passed, "\(r)")
  }
  @Test func reusedValueAccumulates() {
    // x used on two paths: the gradient is the sum of both.
    let r = checkGradients(at: randomInputs([[2, 3]])) { v in weighted(v[0] * v[0] + v[0].exp()) }
    #expect(r.passed, "\(r)")
  }
  @Test func stopGradientBlocksFlow() {
    let x = Variable(Tensor([[1, 2], [3, 4]]), requiresGradient: true)
    let y = (x * x.stopGradient()).sum()  // d/dx = stop(x), not 2x
    y.backward()
    #expect(x.grad == x.value)
  }
  @Test func composedNetwork() {
    // A two-layer network end to end: matmul, bias broadcast, tanh, sigmoid, mean.
    let r = checkGradients(at: randomInputs([[5, 4], [4, 3], [3], [3, 2]])) { v in
      let h = (Variable.matmul(v[0], v[1]) + v[2]).tanh()
      return weighted(Variable.matmul(h, v[3]).sigmoid()).mean()
    }
    #expect(r.passed, "\(r)")
  }
}

@Suite("The gradient checker can fail")
struct CheckerFailsTests {
  /// x^2 with a planted wrong backward (x instead of 2x).
  func wrongSquare(_ x: Variable) -> Variable {
    let v = x.value
    return Variable(op: "wrong square", value: v * v, inputs: [x]) { g in [g * v] }
  }

  @Test func wrongBackwardIsCaught() {
    let r = checkGradients(at: randomInputs([[3, 3]])) { weighted(wrongSquare($0[0])) }
    #expect(!r.passed, "a factor-2 error must fail: \(r)")
    #expect(r.maxRelativeError > 0.1)
  }

  @Test func coarseStepFails() {
    // exp with h = 1.5: extrapolated from steps 1.5 and 0.75, the difference is still off by
    // h^4 / 480 ~ 1 %, ten times the tolerance.
    let r = checkGradients(at: randomInputs([[2, 2]]), step: 1.5) { weighted($0[0].exp()) }
    #expect(!r.passed, "\(r)")
  }

  /// A backward 1 % wrong: each case is an honest forward with a slipped pullback.
  enum OnePercentSlip: String, CaseIterable, Sendable {
    /// sigmoid'(x) = y (1 - y), times 0.99.
    case sigmoidFactor
    /// exp'(x) = e^x, times 0.99.
    case expFactor
    /// d(a/b)/da = 1/b computed as 1/(b + 0.01) at b near 1.
    case divideEpsilon
    /// d(mean)/dx = 1/n computed as 1/(n + 1) with n = 100.
    case meanCountPlusOne
    /// d(A B)/dB = A^T g, times 0.99 (dA left honest).
    case matmulRightFactor
  }

  /// Runs the slipped op inside a small function of two inputs; `slipped` false runs the honest op.
  func check(_ slip: OnePercentSlip, slipped: Bool) -> GradientCheckResult {
    let factor: Float = slipped ? 0.99 : 1
    switch slip {
    case .sigmoidFactor:
      return checkGradients(at: randomInputs([[4, 4]])) { v in
        let y = v[0].value.map { 1 / (1 + Foundation.exp(-$0)) }
        return weighted(
          Variable(op: "sigmoid", value: y, inputs: [v[0]]) { g in
            [g.zip(y) { gi, yi in gi * yi * (1 - yi) * factor }]
          })
      }
    case .expFactor:
      return checkGradients(at: randomInputs([[3, 3]])) { v in
        let y = v[0].value.map { Foundation.exp($0) }
        return weighted(Variable(op: "exp", value: y, inputs: [v[0]]) { g in [g * y * factor] })
      }
    case .divideEpsilon:
      let epsilon: Float = slipped ? 0.01 : 0
      // b in [0.9, 1.1]: the slip is a relative error 0.01 / b of about 1 %.
      let b = randomInputs([[3, 4]], seed: 8).map { $0.map { 1 + 0.1 * Foundation.tanh($0) } }
      return checkGradients(at: randomInputs([[3, 4]]) + b) { v in
        let (a, b) = (v[0].value, v[1].value)
        return weighted(
          Variable(op: "divide", value: a / b, inputs: [v[0], v[1]]) { g in
            [g / (b + epsilon), -(g * a) / (b * b)]
          })
      }
    case .meanCountPlusOne:
      let count = Float(slipped ? 101 : 100)
      return checkGradients(at: randomInputs([[10, 10]])) { v in
        let x = v[0]
        let mean = Variable(op: "mean", value: Tensor(scalar: x.value.storage.reduce(0, +) / 100), inputs: [x]) { g in
          [Tensor(repeating: g.scalar / count, shape: x.shape)]
        }
        return (mean * 3).squared()
      }
    case .matmulRightFactor:
      return checkGradients(at: randomInputs([[3, 4], [4, 2]])) { v in
        let (a, b) = (v[0].value, v[1].value)
        let product = Variable.matmul(Variable(a), Variable(b)).value
        return weighted(
          Variable(op: "matmul", value: product, inputs: [v[0], v[1]]) { g in
            [
              Variable.matmul(Variable(g), Variable(b), transposeB: true).value,
              Variable.matmul(Variable(a), Variable(g), transposeA: true).value * factor,
            ]
          })
      }
    }
  }

  @Test(arguments: OnePercentSlip.allCases)
  func onePercentSlipIsCaught(_ slip: OnePercentSlip) {
    let honest = check(slip, slipped: false)
    #expect(honest.passed, "honest \(slip.rawValue): \(honest)")
    let wrong = check(slip, slipped: true)
    #expect(!wrong.passed, "a 1 % slip in \(slip.rawValue) must fail: \(wrong)")
    // The slip is seen at its size (about 1e-2), not at the checker's noise.
    #expect(wrong.maxRelativeError > 5e-3, "\(slip.rawValue): \(wrong)")
  }

  @Test(arguments: [1e-3, 1.0, 1e3] as [Float])
  func slipIsCaughtAtAnyScale(_ scale: Float) {
    // exp(x) * scale: the gradient is of size `scale`, the 0.99 slip of relative size 1e-2.
    for slipped in [false, true] {
      let factor: Float = slipped ? 0.99 : 1
      let r = checkGradients(at: randomInputs([[3, 3]])) { v in
        let y = v[0].value.map { Foundation.exp($0) }
        return weighted(Variable(op: "exp", value: y, inputs: [v[0]]) { g in [g * y * factor] }) * scale
      }
      #expect(r.passed == !slipped, "scale \(scale), slipped \(slipped): \(r)")
    }
  }

  @Test func slipInTheSmallerOfTwoGradientsIsCaught() {
    // y = 10 x + b: the gradient of b is ten times smaller than that of x; a 1 % slip in the
    // backward of b alone is 1e-3 of the largest gradient, yet 1e-2 of its own and must fail.
    let inputs = randomInputs([[2, 3], [3]])
    for slipped in [false, true] {
      let factor: Float = slipped ? 0.99 : 1
      let r = checkGradients(at: inputs) { v in
        let slippedB = Variable(op: "identity", value: v[1].value, inputs: [v[1]]) { g in [g * factor] }
        return weighted(v[0] * 10 + slippedB)
      }
      #expect(r.passed == !slipped, "slipped \(slipped): \(r)")
      if slipped { #expect(r.worstInput == 1, "\(r)") }
    }
  }

  @Test func smallGradientBesideALargeValueIsHeldToTheRounding() {
    // f = weighted(e^x) + 6 + 0.002 weighted(b): b's gradient (about 0.004) is far below what
    // Float differences of an f of about 8 resolve (their rounding, some 1e-5, is a few 1e-3 of
    // it), so b is held to the rounding bound 24 eps_32 |f| / h and its honest backward passes;
    // a 1 % slip in x's backward (gradients of about 2) is still far above that bound.
    let inputs = randomInputs([[3, 3], [4]])
    for slipped in [false, true] {
      let factor: Float = slipped ? 0.99 : 1
      let r = checkGradients(at: inputs) { v in
        let y = v[0].value.map { Foundation.exp($0) }
        let slippedExp = Variable(op: "exp", value: y, inputs: [v[0]]) { g in [g * y * factor] }
        return weighted(slippedExp) + 6 + weighted(v[1], seed: 5) * 0.002
      }
      #expect(r.passed == !slipped, "slipped \(slipped): \(r)")
      if slipped { #expect(r.worstInput == 0 && r.maxRelativeError > 5e-3, "\(r)") }
    }
  }

  @Test func honestZeroGradientPasses() {
    // f does not depend on its second input: its gradient is zero and so is the finite difference.
    let r = checkGradients(at: randomInputs([[2, 2], [3]])) { v in weighted(v[0].tanh()) }
    #expect(r.passed, "\(r)")
  }
}
