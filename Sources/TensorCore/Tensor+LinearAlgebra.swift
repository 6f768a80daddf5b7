// Matrix products on OpenBLAS (cblas_sgemm) and the transpose. The dense and convolution layers'
// forward products and weight gradients go through TensorCore's own FMA-chain kernels instead
// (Tensor+NarrowProduct.swift); `matmul` serves the rest: autodiff's `Variable.matmul`, the
// convolutions' input gradients that have no direct kernel, and every product without FMA.

import CBLAS
import CKernels
import Dispatch
import Foundation

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
    precondition(
      k == kb,
      "matmul inner dimensions differ: \(a.shape)\(transposeA ? "^T" : "") x \(b.shape)\(transposeB ? "^T" : "")")
    if k == 0 { return Tensor.zeros([m, n]) }
    // beta = 0: sgemm never reads C, so the output needs no zero fill.
    var c = Tensor(shape: [m, n]) { _ in }
    gemm(a, b, into: &c, transposeA: transposeA, transposeB: transposeB, beta: 0)
    return c
  }

  /// C = op(A) op(B) + beta C, written into an existing `c` of shape [M, N] (no allocation).
  public static func gemm(
    _ a: Tensor, _ b: Tensor, into c: inout Tensor,
    transposeA: Bool = false, transposeB: Bool = false, alpha: Float = 1, beta: Float = 0
  ) {
    gemm(
      a, b, into: &c, transposeA: transposeA, transposeB: transposeB, alpha: alpha, beta: beta, cores: Parallel.width)
  }

  /// `gemm` with its blocks planned for `cores` cores (see BLASSplit): the tests plan for other
  /// machines than the one they run on, to hold the bits to the same values on every one.
  package static func gemm(
    _ a: Tensor, _ b: Tensor, into c: inout Tensor,
    transposeA: Bool, transposeB: Bool, alpha: Float, beta: Float, cores: Int
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
    if k == 1 && beta == 0 {
      outerProduct(a, b, into: &c, alpha: alpha)
      return
    }
    let (lda, ldb) = (a.shape[1], b.shape[1])
    a.storage.withUnsafeBufferPointer { pa in
      b.storage.withUnsafeBufferPointer { pb in
        c.storage.withUnsafeMutableBufferPointer { pc in
          guard let pa = pa.baseAddress, let pb = pb.baseAddress, let pc = pc.baseAddress else { return }
          let plan = BLASSplit(m: m, n: n, k: k, cores: cores)
          guard plan.blocks.count > 1 else {
            if BLASSplit.enabled {
              // Too small or too narrow to split: one core, one OpenBLAS thread (see BLASSplit).
              BLASSplit.singleThreadedBLAS {
                sgemmRowMajor(transposeA, transposeB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, n)
              }
            } else {
              sgemmRowMajor(transposeA, transposeB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, n)
            }
            return
          }
          // One single-threaded sgemm per block of C, the blocks shared out over the cores.
          let pointers = UncheckedBox((pa, pb, pc))
          BLASSplit.singleThreadedBLAS {
            Parallel.perform(parts: plan.blocks.count) { part in
              let (pa, pb, pc) = pointers.value
              let (rows, columns) = plan.blocks[part]
              // Rows i of C need rows i of op(A): A [M, K] row i at i*lda, A^T's at column i.
              let aBlock = transposeA ? pa + rows.lowerBound : pa + rows.lowerBound * lda
              // Columns j of C need columns j of op(B): B [K, N] column j at j, B^T's at row j.
              let bBlock = transposeB ? pb + columns.lowerBound * ldb : pb + columns.lowerBound
              sgemmRowMajor(
                transposeA, transposeB, rows.count, columns.count, k, alpha, aBlock, lda, bBlock, ldb, beta,
                pc + rows.lowerBound * n + columns.lowerBound, n)
            }
          }
        }
      }
    }
  }

  /// C = alpha a b^T for K = 1 (a column of M and a row of N values, whichever way A and B are
  /// stored): each entry is one product, rounded once, as sgemm rounds it, so the bits are
  /// sgemm's. OpenBLAS 0.3.21 packs both operands and runs its K-loop once: for the input
  /// gradient of a conv decoder's last layer ([100352 x 1] x [1 x 288], batch 128) it took
  /// 7.9-9.1 ms against 2.7-4.3 ms for writing the 115 MB result directly (bench --gemm-shapes).
  private static func outerProduct(_ a: Tensor, _ b: Tensor, into c: inout Tensor, alpha: Float) {
    let (m, n) = (c.shape[0], c.shape[1])
    a.storage.withUnsafeBufferPointer { pa in
      b.storage.withUnsafeBufferPointer { pb in
        c.storage.withUnsafeMutableBufferPointer { pc in
          guard let pa = pa.baseAddress, let pb = pb.baseAddress, let pc = pc.baseAddress else { return }
          let pointers = UncheckedBox((pa, pb, pc))
          Parallel.forEachRange(m, cost: n) { rows in
            let (pa, pb, pc) = pointers.value
            for i in rows {
              let ai = pa[i]
              let row = pc + i * n
              if alpha == 1 {
                for j in 0..<n { row[j] = ai * pb[j] }
              } else {
                for j in 0..<n { row[j] = alpha * (ai * pb[j]) }
              }
            }
          }
        }
      }
    }
  }

  /// Whether large products are split over the cores as single-threaded sgemms (see
  /// BLASSplit); false with `DUL_BLAS_SPLIT=0` or one core, when OpenBLAS threads them itself.
  public static var splitsProductsOverCores: Bool { BLASSplit.enabled && Parallel.width > 1 }

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

/// One row-major cblas_sgemm call on raw pointers.
@inline(__always)
func sgemmRowMajor(
  _ transposeA: Bool, _ transposeB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
  _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
  _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int
) {
  cblas_sgemm(
    CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}
