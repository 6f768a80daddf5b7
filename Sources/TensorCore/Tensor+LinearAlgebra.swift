// Matrix products on OpenBLAS (cblas_sgemm) and the transpose. Every product of the training
// path goes through `matmul`, so its four transpose cases are where the FLOPs are.

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
          let split = BLASSplit(m: m, n: n, k: k)
          guard split.parts > 1 else {
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
          // One single-threaded sgemm per core on a block of C's rows (or columns): see BLASSplit.
          let blocks = UncheckedBox((pa, pb, pc))
          BLASSplit.singleThreadedBLAS {
            Parallel.perform(parts: split.parts) { part in
              let (pa, pb, pc) = blocks.value
              let range = split.range(part)
              if split.alongRows {
                // Rows i of C need rows i of op(A): A [M, K] row i at i*lda, A^T's at column i.
                let aBlock = transposeA ? pa + range.lowerBound : pa + range.lowerBound * lda
                sgemmRowMajor(
                  transposeA, transposeB, range.count, n, k, alpha, aBlock, lda, pb, ldb, beta,
                  pc + range.lowerBound * n, n)
              } else {
                // Columns j of C need columns j of op(B): B [K, N] column j at j, B^T's at row j.
                let bBlock = transposeB ? pb + range.lowerBound * ldb : pb + range.lowerBound
                sgemmRowMajor(
                  transposeA, transposeB, m, range.count, k, alpha, pa, lda, bBlock, ldb, beta, pc + range.lowerBound, n
                )
              }
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

/// How a product is split over the cores.
///
/// Why not OpenBLAS's own threads: measured on two cores (bench
/// --gemm-shapes), OpenBLAS 0.3.21 with 2 threads runs the skinny products of the autoencoders
/// ([256x784]x[784x32], K or N = 32) at about half its 1-thread speed, and the 784x128 ones
/// no faster than 1 thread; its idle workers also spin (sched_yield) while the element-wise
/// passes run. Splitting C into one block of rows (or columns) per core, each an independent
/// single-threaded sgemm, keeps every core in OpenBLAS's fast 1-thread kernel. Each element of
/// C is computed by the same K-loop either way; only the work assignment differs.
///
/// A product that is not split runs on one OpenBLAS thread too: under about 1 MFLOP the
/// hand-off costs more than a second core saves, and a C too narrow to split (both sides under
/// 64: the weight gradients of convolutions with few channels, [9 x B * 784] x [B * 784 x 16])
/// gains little from OpenBLAS's second thread, which then spins in sched_yield beside the
/// pool's worker. Measured on two cores: the VQ-VAE's epoch on 12,800 images 4.97 s with
/// OpenBLAS's threads on those products against 3.90 s without (bench, back to back). The two
/// differ in the last bits (that run's test loss: 214.84 against 210.03), so on one thread the
/// results of these products no longer depend on how many threads OpenBLAS starts.
struct BLASSplit {
  let parts: Int
  let alongRows: Bool
  let extent: Int

  /// `DUL_BLAS_SPLIT=0` turns the split off (for measuring it against OpenBLAS's threads).
  static let enabled = ProcessInfo.processInfo.environment["DUL_BLAS_SPLIT"] != "0"

  init(m: Int, n: Int, k: Int) {
    let cores = BLASSplit.enabled ? Parallel.width : 1
    // Below about 1 MFLOP the hand-off costs more than the second core saves.
    let enough = 2 * m * n * k >= (1 << 20)
    alongRows = m >= n
    extent = alongRows ? m : n
    parts = cores > 1 && enough && extent >= 32 * cores ? cores : 1
  }

  /// Block `part` of 0..<extent, boundaries on multiples of 16 (whole kernel panels).
  func range(_ part: Int) -> Range<Int> {
    func boundary(_ p: Int) -> Int { p == parts ? extent : Swift.min(extent, (extent * p / parts + 8) / 16 * 16) }
    return boundary(part)..<boundary(part + 1)
  }

  /// Runs `body` with OpenBLAS limited to one thread (so concurrent calls each run on their
  /// caller's core), then restores the previous thread count. The count is process-wide, so
  /// this is a Float section of `ck_blas_single_begin`: the Double routines of LinearAlgebra,
  /// whose rounding depends on the count, wait for it to end (blasthreads.c).
  static func singleThreadedBLAS(_ body: () -> Void) {
    ck_blas_single_begin()
    defer { ck_blas_single_end() }
    body()
  }
}
