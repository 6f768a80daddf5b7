import Autodiff
import TensorCore
import Testing

@Suite("Backward pass mechanics")
struct BackwardTests {
  @Test func gradientsAccumulateAcrossCalls() {
    let x = Variable(Tensor([[1, -2]]), requiresGradient: true)
    (x * 3).sum().backward()
    (x * 3).sum().backward()
    #expect(x.grad == Tensor([[6, 6]]))
  }

  @Test func constantsGetNoGradientAndNoGraph() {
    let c = Variable(Tensor([[1, 2]]))
    let y = (c * 2).exp()
    #expect(!y.requiresGradient)
    #expect(y.inputs.isEmpty, "a node without trainable inputs keeps no graph")
    y.sum().backward()
    #expect(c.grad == nil)
  }

  @Test func deepChainDoesNotOverflowTheStack() {
    let x = Variable(Tensor(scalar: 1), requiresGradient: true)
    var y = x
    for _ in 0..<20_000 { y = y * 1.0001 }
    y.backward()
    let expected = Foundation_pow(1.0001, 20_000)
    #expect(Swift.abs(Double(x.grad!.scalar) - expected) / expected < 1e-2)
  }
}

private func Foundation_pow(_ a: Double, _ n: Int) -> Double {
  var r = 1.0
  for _ in 0..<n { r *= a }
  return r
}
