// The sparse family's regularisers: the KL sparsity penalty against its formula, the k-sparse
// selection against a sort, and every backward against finite differences. The contractive
// penalty's value against a finite-difference Jacobian in Double is tested once, with the
// sparse chapter's reference (SparseChapterTests), not re-implemented here.

import Autodiff
import Foundation
import NeuralNet
import Stochastic
import TensorCore
import Testing

@Suite("Sparse codes: KL sparsity, k-sparse, contractive")
struct SparseCodesTests {
  @Test func sparsityPenaltyMatchesTheFormulaInDouble() {
    var rng = SeededRandom(seed: 3)
    let h = Tensor.uniform([7, 5], low: 0.02, high: 0.98, using: &rng)
    for rho in [0.05, 0.2, 0.5] {
      var expected = 0.0
      for j in 0..<5 {
        let hat = (0..<7).map { Double(h[$0, j]) }.reduce(0, +) / 7
        expected += rho * log(rho / hat) + (1 - rho) * log((1 - rho) / (1 - hat))
      }
      let observed = Double(sparsityPenalty(Variable(h), rho: Float(rho)).value.scalar)
      #expect(abs(observed - expected) <= 1e-5 * max(1, abs(expected)), "rho \(rho): \(observed) vs \(expected)")
    }
    // Zero exactly when every unit's mean activation is rho.
    let atRho = Tensor(repeating: 0.2, shape: [4, 3])
    #expect(abs(sparsityPenalty(Variable(atRho), rho: 0.2).value.scalar) < 1e-6)
  }

  @Test func sparsityPenaltyGradient() {
    var rng = SeededRandom(seed: 4)
    let a = Tensor.normal([6, 4], using: &rng)
    let result = checkGradients(at: [a]) { p in sparsityPenalty(p[0].sigmoid(), rho: 0.1) }
    #expect(result.maxRelativeError < 1e-2, "\(result)")
  }

  @Test func selectionMatchesSorting() {
    var rng = SeededRandom(seed: 5)
    for n in [1, 2, 7, 64, 1000] {
      // Few distinct values, so ties are common.
      let values = (0..<n).map { _ in Float(Int(rng.uniform() * 9)) / 4 }
      let sorted = values.sorted()
      for rank in Set([0, n / 3, n / 2, n - 1]) {
        var copy = values
        #expect(selectAscending(&copy, rank: rank) == sorted[rank], "n \(n) rank \(rank)")
      }
    }
  }

  // 9 x 40 runs on the calling thread, 300 x 200 is split over the cores by rows.
  @Test(arguments: [(9, 40), (300, 200)])
  func kSparseKeepsExactlyTheKLargest(rows: Int, columns: Int) {
    var rng = SeededRandom(seed: 6)
    var z = Tensor.normal([rows, columns], using: &rng)
    for j in 0..<10 { z[0, j] = 10 }  // ten tied maxima: k = 1 and 5 must choose among them
    for j in 0..<(columns / 3) { z[rows - 1, 3 * j] = 0.5 }  // many ties in the last row too
    for k in [0, 1, 5, columns] {
      let y = kSparse(Variable(z), k: k).value
      for r in 0..<rows {
        let row = (0..<columns).map { z[r, $0] }
        let kept = (0..<columns).filter { y[r, $0] != 0 }
        #expect(kept.count == k, "row \(r), k \(k): \(kept.count) kept")
        // The kept set is the k largest, ties broken by the lower index.
        let reference = (0..<columns).sorted { row[$0] != row[$1] ? row[$0] > row[$1] : $0 < $1 }.prefix(k).sorted()
        #expect(kept == Array(reference), "row \(r), k \(k)")
        for j in kept { #expect(y[r, j] == z[r, j]) }
      }
    }
  }

  @Test func kSparseGradientFlowsThroughTheKeptUnitsOnly() {
    // Values at least 0.1 apart, so the finite-difference steps (1e-2) never change the set.
    var rng = SeededRandom(seed: 7)
    let order = rng.permutation(24)
    let z = Tensor(shape: [3, 8], storage: order.map { Float($0) * 0.1 - 1.2 })
    let w = Tensor.normal([8, 5], using: &rng)
    let result = checkGradients(at: [z, w]) { p in
      Variable.matmul(kSparse(p[0], k: 3), p[1]).tanh().sum()
    }
    #expect(result.maxRelativeError < 1e-2, "\(result)")
  }

  @Test func contractivePenaltyGradient() {
    var rng = SeededRandom(seed: 9)
    let x = Tensor.uniform([4, 6], using: &rng)
    let w = Tensor.normal([6, 3], using: &rng)
    let bias = Tensor.zeros([3])
    let result = checkGradients(at: [w, bias]) { p in
      let h = (Variable.matmul(Variable(x), p[0]) + p[1]).sigmoid()
      return contractivePenalty(code: h, weight: p[0])
    }
    #expect(result.maxRelativeError < 1e-2, "\(result)")
  }
}
