// k-NN classification and latent semantic analysis: the two library pieces the autoencoder
// chapter scores its 2-D codes with.

import Foundation
import LinearAlgebra
import Stochastic
import Testing

@Suite("k-nearest neighbours and LSA")
struct NearestNeighborsTests {
  @Test func separatedClustersAreClassifiedExactly() {
    // Two clusters far apart: every query takes its own cluster's label.
    var rng = SeededRandom(seed: 31)
    var rows: [[Double]] = []
    var labels: [Int] = []
    for i in 0..<40 {
      let c = i % 2
      rows.append([Double(c) * 10 + 0.1 * rng.normal(), 0.1 * rng.normal()])
      labels.append(c)
    }
    let knn = NearestNeighborClassifier(points: Matrix(rows), labels: labels, k: 5)
    #expect(knn.predict(Matrix([[0.2, 0], [9.8, 0.1]])) == [0, 1])
    #expect(knn.accuracy(Matrix(rows), labels: labels) == 1)
    // Labels that ignore the geometry: a query's neighbours disagree with it half the time.
    let shuffled = labels.map { 1 - $0 }
    #expect(
      NearestNeighborClassifier(points: Matrix(rows), labels: labels, k: 5).accuracy(Matrix(rows), labels: shuffled)
        == 0)
  }

  @Test func majorityVoteAndTieBreakByNearest() {
    let points = Matrix([[0], [1], [2], [10]])
    // k = 3 from 0.4: neighbours 0 (label 7), 1 (label 8), 2 (label 8): majority 8.
    #expect(NearestNeighborClassifier(points: points, labels: [7, 8, 8, 9], k: 3).predict(Matrix([[0.4]])) == [8])
    // k = 2 from 0.4: one vote each; the nearest (0, label 7) wins the tie.
    #expect(NearestNeighborClassifier(points: points, labels: [7, 8, 8, 9], k: 2).predict(Matrix([[0.4]])) == [7])
  }

  /// The k-NN rule one query at a time, each distance summed in index order: what `predict`
  /// (four queries per pass, blocks split over the cores) must reproduce label for label.
  static func plainScan(_ points: Matrix, _ labels: [Int], k: Int, _ queries: Matrix) -> [Int] {
    (0..<queries.rows).map { i in
      var best: [(distance: Double, label: Int)] = []
      for j in 0..<points.rows {
        var dist = 0.0
        for t in 0..<points.columns {
          let diff = queries[i, t] - points[j, t]
          dist += diff * diff
        }
        var at = best.count
        while at > 0 && best[at - 1].distance > dist { at -= 1 }
        best.insert((dist, labels[j]), at: at)
        if best.count > k { best.removeLast() }
      }
      var votes: [Int: Int] = [:]
      for b in best { votes[b.label, default: 0] += 1 }
      let top = votes.values.max() ?? 0
      return best.first { votes[$0.label] == top }!.label
    }
  }

  @Test(arguments: [1, 3, 4])
  func predictIsThePlainScan(k: Int) {
    // Coarse coordinates (multiples of 1/4) make equal distances and tied votes common, and
    // 1, 2, 5, 6 and 83 queries leave every remainder of the blocks of four.
    var rng = SeededRandom(seed: 33 + UInt64(k))
    let points = Matrix((0..<60).map { _ in (0..<7).map { _ in Double(rng.index(below: 5)) / 4 } })
    let labels = (0..<60).map { _ in rng.index(below: 4) }
    let knn = NearestNeighborClassifier(points: points, labels: labels, k: k)
    for m in [1, 2, 5, 6, 83] {
      let queries = Matrix(
        (0..<m).map { _ in (0..<7).map { _ in Double(rng.index(below: 5)) / 4 + 0.1 * rng.normal() } })
      #expect(knn.predict(queries) == Self.plainScan(points, labels, k: k, queries), "m = \(m)")
    }
    #expect(knn.predict(Matrix.zeros(rows: 0, columns: 7)).isEmpty)
  }

  @Test func lsaTruncationErrorIsTheDiscardedEnergy() throws {
    var rng = SeededRandom(seed: 32)
    var counts = Matrix.zeros(rows: 30, columns: 12)
    for i in 0..<30 {
      for j in 0..<12 where rng.uniform() < 0.5 { counts[i, j] = Double(1 + rng.index(below: 4)) }
      counts[i, i % 12] += 1  // no empty document
    }
    let lsa = try LatentSemanticAnalysis(fitting: counts, rank: 3)
    let x = lsa.tfidf(counts)
    let error = (x - matmul(matmul(x, lsa.basis), lsa.basis, transposeB: true)).squaredFrobeniusNorm
    #expect(abs(error - lsa.discardedEnergy) <= 1e-9 * x.squaredFrobeniusNorm)
    // The basis agrees with the SVD of the tf-idf matrix: the same leading singular values.
    let sigma = try x.svd().singularValues
    for i in 0..<3 { #expect(abs(sigma[i] * sigma[i] - lsa.squaredSingularValues[i]) <= 1e-9 * sigma[0] * sigma[0]) }
    #expect(lsa.project(counts).columns == 3)
  }
}
