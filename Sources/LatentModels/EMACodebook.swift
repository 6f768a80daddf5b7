// Slide "VQ-VAE Dictionary Learning": the codebook learnt by exponential moving averages in
// place of the codebook loss term. With n_i^(t) the number of encoder outputs of minibatch t
// nearest to e_i and s_i^(t) their sum,
//
//   N_i <- gamma N_i + (1 - gamma) n_i,   m_i <- gamma m_i + (1 - gamma) s_i,   e_i = m_i / N_i,
//
// the online form of the k-means update e_i = mean of its vectors. Started from N_i = 1 and
// m_i = e_i (the initial codebook): a code never chosen keeps its vector, since both decay by
// the same factor. If the assignments and the minibatch stop changing, the error obeys
// e_i^(t) - mu_i = gamma^t (m_i^(0) - N_i^(0) mu_i) / N_i^(t), so e_i converges geometrically to
// the mean mu_i of its vectors (the VQ-VAE chapter checks this closed form).

import TensorCore

/// An EMA-learnt codebook of K vectors of dimension D, kept in Double.
public struct EMACodebook: Sendable {
  public private(set) var counts: [Double]  // N_i
  public private(set) var sums: [[Double]]  // m_i
  public let decay: Double  // gamma

  public init(codebook: Tensor, decay: Double = 0.99) {
    counts = [Double](repeating: 1, count: codebook.shape[0])
    sums = (0..<codebook.shape[0]).map { i in codebook.row(i).map(Double.init) }
    self.decay = decay
  }

  /// One update from the rows of z_e [n, D] and their nearest codes.
  public mutating func update(_ ze: Tensor, indices: [Int]) {
    let d = ze.shape[1]
    var n = [Double](repeating: 0, count: counts.count)
    var s = [[Double]](repeating: [Double](repeating: 0, count: d), count: counts.count)
    for (row, k) in indices.enumerated() {
      n[k] += 1
      for j in 0..<d { s[k][j] += Double(ze[row, j]) }
    }
    for k in counts.indices {
      counts[k] = decay * counts[k] + (1 - decay) * n[k]
      for j in 0..<d { sums[k][j] = decay * sums[k][j] + (1 - decay) * s[k][j] }
    }
  }

  /// e_i = m_i / N_i, as a [K, D] tensor.
  public var codebook: Tensor {
    Tensor(
      shape: [counts.count, sums.first?.count ?? 0],
      storage: counts.indices.flatMap { k in sums[k].map { Float($0 / counts[k]) } })
  }
}
