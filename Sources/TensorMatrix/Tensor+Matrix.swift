// Crossing between the training type (Float32 Tensor) and the checking type (Double Matrix).
// Float -> Double is exact, so a check computed from converted data sees the same numbers
// the network trained on; Double -> Float rounds to nearest.

import LinearAlgebra
import TensorCore

extension Matrix {
  /// The Double matrix of a rank-2 tensor (exact).
  public init(_ tensor: Tensor) {
    precondition(tensor.rank == 2, "Matrix(_:) needs a rank-2 tensor, shape is \(tensor.shape)")
    self.init(rows: tensor.shape[0], columns: tensor.shape[1], storage: tensor.storage.map(Double.init))
  }
}

extension Tensor {
  /// The Float tensor [rows, columns] of a Double matrix (rounded to nearest).
  public init(_ matrix: Matrix) {
    self.init(shape: [matrix.rows, matrix.columns], storage: matrix.storage.map(Float.init))
  }
}
