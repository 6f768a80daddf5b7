import Stochastic
import TensorCore
import Testing

/// Reference product by the definition, in Double.
func naiveMatmul(_ a: Tensor, _ b: Tensor, _ ta: Bool, _ tb: Bool) -> [Double] {
  let m = ta ? a.shape[1] : a.shape[0]
  let k = ta ? a.shape[0] : a.shape[1]
  let n = tb ? b.shape[0] : b.shape[1]
  var c = [Double](repeating: 0, count: m * n)
  for i in 0..<m {
    for j in 0..<n {
      var s = 0.0
      for p in 0..<k {
        let x = ta ? a[p, i] : a[i, p]
        let y = tb ? b[j, p] : b[p, j]
        s += Double(x) * Double(y)
      }
      c[i * n + j] = s
    }
  }
  return c
}

@Suite("Tensor")
struct TensorTests {
  @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
  func matmulMatchesDefinition(ta: Bool, tb: Bool) {
    var rng = SeededRandom(seed: 3)
    let a = Tensor.normal(ta ? [7, 5] : [5, 7], using: &rng)
    let b = Tensor.normal(tb ? [6, 7] : [7, 6], using: &rng)
    let c = Tensor.matmul(a, b, transposeA: ta, transposeB: tb)
    #expect(c.shape == [5, 6])
    let ref = naiveMatmul(a, b, ta, tb)
    let err = zip(c.storage, ref).map { Swift.abs(Double($0) - $1) }.max()!
    #expect(err < 1e-5)
  }

  @Test func gemmAccumulatesWithBeta() {
    let a = Tensor([[1, 2], [3, 4]])
    var c = Tensor([[1, 1], [1, 1]])
    Tensor.gemm(a, a, into: &c, beta: 2)
    #expect(c == Tensor([[9, 12], [17, 24]]))
  }

  @Test func broadcastRowAndScalar() {
    let x = Tensor([[1, 2, 3], [4, 5, 6]])
    #expect(x + Tensor(shape: [3], storage: [10, 20, 30]) == Tensor([[11, 22, 33], [14, 25, 36]]))
    #expect(x * Tensor(scalar: 2) == x * 2)
    #expect(x.broadcast(of: Tensor(shape: [1, 3], storage: [0, 0, 0])) == .row)
  }

  @Test func reductions() {
    let x = Tensor([[1, 2, 3], [4, 5, 6]])
    #expect(x.sum() == 21)
    #expect(x.sum(axis: 0) == Tensor(shape: [3], storage: [5, 7, 9]))
    #expect(x.sum(axis: 1) == Tensor(shape: [2], storage: [6, 15]))
    #expect(x.mean(axis: 0) == Tensor(shape: [3], storage: [2.5, 3.5, 4.5]))
    #expect(x.argmaxRows() == [2, 2])
  }

  @Test func transposeIsAnInvolution() {
    var rng = SeededRandom(seed: 1)
    let x = Tensor.normal([37, 70], using: &rng)
    #expect(x.transposed().transposed() == x)
    #expect(x.transposed()[5, 36] == x[36, 5])
  }

  @Test func rowsAndColumns() {
    let x = Tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    #expect(x.rows([2, 0]) == Tensor([[7, 8, 9], [1, 2, 3]]))
    #expect(x.rows(1..<2) == Tensor([[4, 5, 6]]))
    #expect(x.columns(1..<3) == Tensor([[2, 3], [5, 6], [8, 9]]))
    #expect(Tensor.concatenateColumns([x.columns(0..<1), x.columns(1..<3)]) == x)
  }

  @Test func finiteness() {
    #expect(Tensor([[1, 2]]).isFinite)
    #expect(!Tensor([[1, .nan]]).isFinite)
    #expect(!Tensor([[.infinity, 0]]).isFinite)
  }

  @Test func seededRandomTensorsRepeat() {
    var r1 = SeededRandom(seed: 5)
    var r2 = SeededRandom(seed: 5)
    #expect(Tensor.normal([4, 4], using: &r1) == Tensor.normal([4, 4], using: &r2))
  }
}
