// k-nearest-neighbour classification: how well a low-dimensional code keeps the classes
// apart, measured on held-out points (slide "Autoencoder for Dimension Reduction": PC1/PC2
// vs the 2-D code of a deep autoencoder). A code that mixes the classes gives neighbours of
// the wrong class, whatever its scale or orientation: the accuracy needs no labels at
// training time and no decision boundary of a particular shape.

import CKernels
import Dispatch
import Foundation

/// A k-NN classifier over the rows of a matrix, by Euclidean distance (brute force).
public struct NearestNeighborClassifier: Sendable {
  /// Reference points [N, d] (rows) and their labels.
  public let points: Matrix
  public let labels: [Int]
  public let k: Int

  public init(points: Matrix, labels: [Int], k: Int) {
    precondition(points.rows == labels.count, "\(points.rows) points but \(labels.count) labels")
    precondition(k >= 1 && k <= points.rows, "k = \(k) needs 1 <= k <= \(points.rows) points")
    self.points = points
    self.labels = labels
    self.k = k
  }

  /// The majority label of the k nearest reference points of each row of `queries` [M, d];
  /// a tied vote goes to the tied label with the nearest member.
  ///
  /// Each distance is summed over t = 0..<d in order, as the plain loop would: the queries
  /// are taken `lanes` at a time against each reference point (independent sums, so the core
  /// overlaps their additions instead of waiting on one chain), and the query blocks are
  /// split over the cores. The labels are those of the one-query-at-a-time scan, bit for bit.
  public func predict(_ queries: Matrix) -> [Int] {
    precondition(queries.columns == points.columns, "queries have \(queries.columns) columns, points \(points.columns)")
    let m = queries.rows
    let blocks = (m + Self.lanes - 1) / Self.lanes
    var result = [Int](repeating: 0, count: m)
    result.withUnsafeMutableBufferPointer { out in
      let out = UnsafeSendable(out)
      points.storage.withUnsafeBufferPointer { p in
        queries.storage.withUnsafeBufferPointer { q in
          let (p, q) = (UnsafeSendable(p), UnsafeSendable(q))
          // A few hundred microseconds per block of queries: GCD's hand-off is negligible.
          let parts = Swift.min(blocks, Int(ck_parallel_cores()))
          DispatchQueue.concurrentPerform(iterations: parts) { part in
            for block in (blocks * part / parts)..<(blocks * (part + 1) / parts) {
              let first = block * Self.lanes
              classify(first..<Swift.min(first + Self.lanes, m), queries: q.value, points: p.value, into: out.value)
            }
          }
        }
      }
    }
    return result
  }

  /// Queries per pass over the reference points (the four sums of `classify`).
  static let lanes = 4

  /// Labels for the query rows `range` (at most `lanes` of them), written into `out`.
  private func classify(
    _ range: Range<Int>, queries q: UnsafeBufferPointer<Double>, points p: UnsafeBufferPointer<Double>,
    into out: UnsafeMutableBufferPointer<Int>
  ) {
    let d = points.columns
    // Rows past the end of the queries repeat the last one; their answers are dropped.
    let rows = (0..<Self.lanes).map { q.baseAddress! + Swift.min(range.lowerBound + $0, range.upperBound - 1) * d }
    let (r0, r1, r2, r3) = (rows[0], rows[1], rows[2], rows[3])
    // The k best of each query so far, sorted by distance (k is small: insertion is cheapest).
    var best = [[(distance: Double, label: Int)]](repeating: [], count: Self.lanes)
    for lane in best.indices { best[lane].reserveCapacity(k + 1) }
    var distances = [Double](repeating: 0, count: Self.lanes)
    for j in 0..<points.rows {
      let pj = p.baseAddress! + j * d
      var (d0, d1, d2, d3) = (0.0, 0.0, 0.0, 0.0)
      for t in 0..<d {
        let (e0, e1, e2, e3) = (r0[t] - pj[t], r1[t] - pj[t], r2[t] - pj[t], r3[t] - pj[t])
        d0 += e0 * e0
        d1 += e1 * e1
        d2 += e2 * e2
        d3 += e3 * e3
      }
      (distances[0], distances[1], distances[2], distances[3]) = (d0, d1, d2, d3)
      for lane in 0..<range.count {
        let dist = distances[lane]
        if best[lane].count == k, dist >= best[lane][k - 1].distance { continue }
        var at = best[lane].count
        while at > 0 && best[lane][at - 1].distance > dist { at -= 1 }
        best[lane].insert((dist, labels[j]), at: at)
        if best[lane].count > k { best[lane].removeLast() }
      }
    }
    for lane in 0..<range.count {
      var votes: [Int: Int] = [:]
      for b in best[lane] { votes[b.label, default: 0] += 1 }
      let top = votes.values.max() ?? 0
      // Nearest first, so the first label with the top count wins ties.
      out[range.lowerBound + lane] = best[lane].first { votes[$0.label] == top }?.label ?? 0
    }
  }

  /// The fraction of `queries` whose predicted label equals `truth`.
  public func accuracy(_ queries: Matrix, labels truth: [Int]) -> Double {
    precondition(queries.rows == truth.count && !truth.isEmpty, "need one label per query")
    let predicted = predict(queries)
    return Double(zip(predicted, truth).filter { $0 == $1 }.count) / Double(truth.count)
  }
}

/// Carries buffer pointers into `concurrentPerform`'s iterations, which touch disjoint rows.
private struct UnsafeSendable<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}
