// Matrix products on OpenBLAS (cblas_sgemm) and the transpose. Every product of the training
// path goes through `matmul`, so its four transpose cases are where the FLOPs are.

import CBLAS

extension Tensor {
  /// C = op(A) op(B) for rank-2 tensors, op = transpose when asked.
  ///   A [M, K] (or [K, M] with transposeA), B [K, N] (or [N, K] with transposeB) -> C [M, N].
  public static func matmul(
    _ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false
  ) -> Tensor {
    precondition(a.rank == 2 && b.rank == 2, "matmul needs rank-2 operands: \(a.shape), \(b.shape)")
    let m = transposeA ? a.shape[1] : a.shape[0]
    let k = transposeA ? a.shape[0] : a.shape[1]
    let kb = transposeB ? b.shape[1] : b.shape[0]
    let n = transposeB ? b.shape[0] : b.shape[1]
    precondition(k == kb, "matmul inner dimensions differ: \(a.shape)\(transposeA ? "^T" : "") x \(b.shape)\(transposeB ? "^T" : "")")
    var c = Tensor.zeros([m, n])
    gemm(a, b, into: &c, transposeA: transposeA, transposeB: transposeB, beta: 0)
    return c
  }

  /// C = op(A) op(B) + beta C, written into an existing `c` of shape [M, N] (no allocation).
  public static func gemm(
    _ a: Tensor, _ b: Tensor, into c: inout Tensor,
    transposeA: Bool = false, transposeB: Bool = false, alpha: Float = 1, beta: Float = 0
  ) {
    let m = transposeA ? a.shape[1] : a.shape[0]
    let k = transposeA ? a.shape[0] : a.shape[1]
    let n = transposeB ? b.shape[0] : b.shape[1]
    precondition(c.shape == [m, n], "gemm output shape \(c.shape), expected \([m, n])")
    guard m > 0, n > 0 else { return }
    if k == 0 {
      c = c * beta
      return
    }
    a.storage.withUnsafeBufferPointer { pa in
      b.storage.withUnsafeBufferPointer { pb in
        c.storage.withUnsafeMutableBufferPointer { pc in
          cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha,
            pa.baseAddress, Int32(a.shape[1]),
            pb.baseAddress, Int32(b.shape[1]),
            beta, pc.baseAddress, Int32(n))
        }
      }
    }
  }

  /// The transpose of a rank-2 tensor.
  public func transposed() -> Tensor {
    precondition(rank == 2, "transposed needs rank 2")
    let (r, c) = (shape[0], shape[1])
    var out = [Float](repeating: 0, count: count)
    storage.withUnsafeBufferPointer { s in
      out.withUnsafeMutableBufferPointer { o in
        // Blocked to stay in cache for the 784-wide matrices of the course.
        let block = 32
        for i0 in stride(from: 0, to: r, by: block) {
          for j0 in stride(from: 0, to: c, by: block) {
            for i in i0..<Swift.min(i0 + block, r) {
              for j in j0..<Swift.min(j0 + block, c) { o[j * r + i] = s[i * c + j] }
            }
          }
        }
      }
    }
    return Tensor(shape: [c, r], storage: out)
  }
}
