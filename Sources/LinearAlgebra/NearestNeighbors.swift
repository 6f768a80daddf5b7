// k-nearest-neighbour classification: how well a low-dimensional code keeps the classes
// apart, measured on held-out points (slide "Autoencoder for Dimension Reduction": PC1/PC2
// vs the 2-D code of a deep autoencoder). A code that mixes the classes gives neighbours of
// the wrong class, whatever its scale or orientation: the accuracy needs no labels at
// training time and no decision boundary of a particular shape.

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
  public func predict(_ queries: Matrix) -> [Int] {
    precondition(queries.columns == points.columns, "queries have \(queries.columns) columns, points \(points.columns)")
    let d = points.columns
    var result = [Int](repeating: 0, count: queries.rows)
    points.storage.withUnsafeBufferPointer { p in
      queries.storage.withUnsafeBufferPointer { q in
        // The k best so far, sorted by distance (k is small: insertion is cheapest).
        var best = [(distance: Double, label: Int)]()
        best.reserveCapacity(k + 1)
        for i in 0..<queries.rows {
          best.removeAll(keepingCapacity: true)
          let qi = q.baseAddress! + i * d
          for j in 0..<points.rows {
            let pj = p.baseAddress! + j * d
            var dist = 0.0
            for t in 0..<d {
              let diff = qi[t] - pj[t]
              dist += diff * diff
            }
            if best.count == k, dist >= best[k - 1].distance { continue }
            var at = best.count
            while at > 0 && best[at - 1].distance > dist { at -= 1 }
            best.insert((dist, labels[j]), at: at)
            if best.count > k { best.removeLast() }
          }
          var votes: [Int: Int] = [:]
          for b in best { votes[b.label, default: 0] += 1 }
          let top = votes.values.max() ?? 0
          // Nearest first, so the first label with the top count wins ties.
          result[i] = best.first { votes[$0.label] == top }?.label ?? 0
        }
      }
    }
    return result
  }

  /// The fraction of `queries` whose predicted label equals `truth`.
  public func accuracy(_ queries: Matrix, labels truth: [Int]) -> Double {
    precondition(queries.rows == truth.count && !truth.isEmpty, "need one label per query")
    let predicted = predict(queries)
    return Double(zip(predicted, truth).filter { $0 == $1 }.count) / Double(truth.count)
  }
}
