// Row selection: minibatches are gathers of rows, and datasets are sliced by rows.

extension Tensor {
  /// The rows at `indices` of a rank >= 1 tensor, in that order (a minibatch gather).
  public func rows(_ indices: [Int]) -> Tensor {
    precondition(rank >= 1, "rows(_:) needs rank >= 1")
    let width = shape.dropFirst().reduce(1, *)
    let rows = shape[0]
    return storage.withUnsafeBufferPointer { s in
      Tensor(shape: [indices.count] + shape.dropFirst()) { o in
        guard width > 0, let sp = s.baseAddress, let op = o.baseAddress else { return }
        for i in indices { precondition(i >= 0 && i < rows, "row \(i) out of range 0..<\(rows)") }
        // Split over the cores: the rows of a shuffled minibatch are scattered over the whole
        // data set, so the copy waits on memory, and two cores keep more loads in flight.
        indices.withUnsafeBufferPointer { ib in
          guard let ip = ib.baseAddress else { return }
          Parallel.forEachRange(ib.count, cost: width) { range in
            for r in range { (op + r * width).initialize(from: sp + ip[r] * width, count: width) }
          }
        }
      }
    }
  }

  /// Rows `range` of a rank >= 1 tensor.
  public func rows(_ range: Range<Int>) -> Tensor {
    precondition(range.lowerBound >= 0 && range.upperBound <= shape[0], "row range \(range) out of 0..<\(shape[0])")
    let width = shape.dropFirst().reduce(1, *)
    return Tensor(
      shape: [range.count] + shape.dropFirst(),
      storage: Array(storage[(range.lowerBound * width)..<(range.upperBound * width)]))
  }

  /// Row `i` of a rank-2 tensor as an array.
  public func row(_ i: Int) -> [Float] {
    precondition(rank == 2, "row(_:) needs rank 2")
    return Array(storage[(i * shape[1])..<((i + 1) * shape[1])])
  }

  /// Columns `range` of a rank-2 tensor.
  public func columns(_ range: Range<Int>) -> Tensor {
    precondition(
      rank == 2 && range.lowerBound >= 0 && range.upperBound <= shape[1], "column range \(range) out of \(shape)")
    let (r, c, w) = (shape[0], shape[1], range.count)
    var out = [Float](repeating: 0, count: r * w)
    for i in 0..<r {
      for j in 0..<w { out[i * w + j] = storage[i * c + range.lowerBound + j] }
    }
    return Tensor(shape: [r, w], storage: out)
  }

  /// Places rank-2 tensors with equal row counts side by side.
  public static func concatenateColumns(_ parts: [Tensor]) -> Tensor {
    precondition(
      !parts.isEmpty && parts.allSatisfy { $0.rank == 2 && $0.shape[0] == parts[0].shape[0] },
      "concatenateColumns needs rank-2 parts with equal rows")
    let r = parts[0].shape[0]
    let total = parts.reduce(0) { $0 + $1.shape[1] }
    var out = [Float](repeating: 0, count: r * total)
    var offset = 0
    for p in parts {
      let w = p.shape[1]
      for i in 0..<r {
        for j in 0..<w { out[i * total + offset + j] = p.storage[i * w + j] }
      }
      offset += w
    }
    return Tensor(shape: [r, total], storage: out)
  }
}
