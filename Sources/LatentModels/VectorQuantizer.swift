// The VQ-VAE's discretisation bottleneck (slides "VQ-VAE Details" and "VQ-VAE Loss Function"):
// each encoder output vector z_e is replaced by its nearest codebook vector,
//
//   z_q = e_k,  k = argmin_j ||z_e - e_j||,
//
// and since argmin has no gradient, the decoder-input gradient is copied to the encoder
// output unaltered (straight-through). The loss adds the codebook term ||sg[z_e] - e||^2, which
// moves only the codebook, and the commitment term beta ||sg[e] - z_e||^2, which moves only the
// encoder; both averaged over the quantised vectors.

import Autodiff
import TensorCore

/// The index of the nearest row of `codebook` [K, D] for each row of z [n, D] (Euclidean),
/// from ||z||^2 - 2 z e^T + ||e||^2 with one matrix product; a tie goes to the lower index.
public func nearestCodes(_ z: Tensor, codebook: Tensor) -> [Int] {
  precondition(
    z.rank == 2 && codebook.rank == 2 && z.shape[1] == codebook.shape[1], "z \(z.shape), codebook \(codebook.shape)")
  let (n, k, d) = (z.shape[0], codebook.shape[0], z.shape[1])
  let products = Tensor.matmul(z, codebook, transposeB: true)  // [n, K]
  let norms = (0..<k).map { j in (0..<d).reduce(Float(0)) { $0 + codebook[j, $1] * codebook[j, $1] } }
  return (0..<n).map { i in
    var best = 0
    var bestDistance = Float.infinity
    for j in 0..<k {
      let distance = norms[j] - 2 * products[i, j]  // ||z_i||^2 is the same for every j
      if distance < bestDistance { (best, bestDistance) = (j, distance) }
    }
    return best
  }
}

/// One pass through the bottleneck.
public struct VectorQuantization {
  /// k for every row of z_e.
  public let indices: [Int]
  /// The decoder's input: e_k forward; backward, its gradient goes to z_e unaltered.
  public let quantized: Variable
  /// Mean over the vectors of ||sg[z_e] - e_k||^2: gradient only to the codebook.
  public let codebookLoss: Variable
  /// Mean over the vectors of ||sg[e_k] - z_e||^2 (beta is applied by the caller): gradient
  /// only to the encoder.
  public let commitmentLoss: Variable

  public init(indices: [Int], quantized: Variable, codebookLoss: Variable, commitmentLoss: Variable) {
    self.indices = indices
    self.quantized = quantized
    self.codebookLoss = codebookLoss
    self.commitmentLoss = commitmentLoss
  }
}

/// Quantises the rows of z_e [n, D] against `codebook` [K, D].
public func vectorQuantize(_ ze: Variable, codebook: Variable) -> VectorQuantization {
  vectorQuantize(ze, codebook: codebook, indices: nearestCodes(ze.value, codebook: codebook.value))
}

/// The bottleneck with the codes already chosen: z_q = e_{indices}, straight-through, and the
/// two loss terms.
public func vectorQuantize(_ ze: Variable, codebook: Variable, indices: [Int]) -> VectorQuantization {
  precondition(indices.count == ze.shape[0], "one code per row of z_e")
  let e = codebook.gatherRows(indices)  // [n, D]
  let straightThrough = Variable(op: "straightThrough", value: e.value, inputs: [ze]) { g in [g] }
  let n = Float(indices.count)
  return VectorQuantization(
    indices: indices, quantized: straightThrough,
    codebookLoss: (e - ze.stopGradient()).squared().sum() * (1 / n),
    commitmentLoss: (ze - e.stopGradient()).squared().sum() * (1 / n))
}
