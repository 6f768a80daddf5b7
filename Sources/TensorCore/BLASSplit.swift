// How a matrix product is split over the cores: blocks of C, each one single-threaded sgemm.

import CKernels
import Foundation

/// The blocks of C = op(A) op(B) that `Tensor.gemm` hands to the cores.
///
/// Why not OpenBLAS's own threads: measured on two cores (bench --gemm-shapes), OpenBLAS 0.3.21
/// with 2 threads runs the skinny products of the autoencoders ([256x784]x[784x32], K or N = 32)
/// at about half its 1-thread speed, and the 784x128 ones no faster than 1 thread; its idle
/// workers also spin (sched_yield) while the element-wise passes run. Splitting C into blocks,
/// each an independent single-threaded sgemm, keeps every core in OpenBLAS's fast 1-thread
/// kernel.
///
/// Why the blocks do not follow the core count: the bits of a block's entries depend on where
/// the block starts, as OpenBLAS's Haswell kernels order an entry's sum by its place in the
/// block. Measured against one sgemm on the whole of C: cutting C's rows (row-major) at
/// multiples of 12 changed no bit (15 shapes in all 4 transpose cases, K up to 1000, 2 to 5
/// pieces), cutting them at 256 or 400, or the columns anywhere but before the last two,
/// changed about 2-6 % of the entries. Training amplifies that: with blocks cut per core,
/// `vae --quick` printed a test ELBO of -285.24 nats on one core and -284.31 on two. So the
/// blocks are fixed by the shape alone: the halves below (the blocks the course's transcripts
/// were made with, on two cores), each cut further, for more cores, only at multiples of 12 of
/// its rows. One core runs the halves one after the other. The bits are then the same on every
/// machine.
///
/// A product that is not split runs on one OpenBLAS thread too: under about 1 MFLOP the
/// hand-off costs more than a second core saves, and a C too narrow to split (both sides under
/// 64: the weight gradients of convolutions with few channels, [9 x B * 784] x [B * 784 x 16])
/// gains little from OpenBLAS's second thread, which then spins in sched_yield beside the
/// pool's worker. Measured on two cores: the VQ-VAE's epoch on 12,800 images 4.97 s with
/// OpenBLAS's threads on those products against 3.90 s without (bench, back to back).
package struct BLASSplit {
  /// C's blocks: rows and columns of C, together covering it once.
  package let blocks: [(rows: Range<Int>, columns: Range<Int>)]

  /// `DUL_BLAS_SPLIT=0` turns the split off (for measuring it against OpenBLAS's threads; the
  /// bits then depend on OpenBLAS's thread count).
  static let enabled = ProcessInfo.processInfo.environment["DUL_BLAS_SPLIT"] != "0"

  /// A cut of a block's rows at a multiple of this many rows, counted from the block's first
  /// row, leaves every entry's bits as they were (measured with the Haswell kernels; see above).
  package static let rowTile = 12

  package init(m: Int, n: Int, k: Int, cores: Int) {
    // Below about 1 MFLOP the hand-off costs more than the second core saves.
    let enough = 2 * m * n * k >= (1 << 20)
    let alongRows = m >= n
    let extent = alongRows ? m : n
    guard BLASSplit.enabled && enough && extent >= 64 else {
      blocks = [(0..<m, 0..<n)]
      return
    }
    // The halves: C's longer side cut near its middle, on a multiple of 16.
    let middle = Swift.min(extent, (extent / 2 + 8) / 16 * 16)
    let halves: [(rows: Range<Int>, columns: Range<Int>)] =
      alongRows ? [(0..<middle, 0..<n), (middle..<m, 0..<n)] : [(0..<m, 0..<middle), (0..<m, middle..<n)]
    // More than two cores: each half's rows in pieces of whole row tiles.
    let pieces = (cores + 1) / 2
    blocks = halves.flatMap { half in
      BLASSplit.rowPieces(half.rows, pieces).map { ($0, half.columns) }
    }
  }

  /// `rows` cut into at most `pieces` ranges, each cut a multiple of `rowTile` after its first row.
  static func rowPieces(_ rows: Range<Int>, _ pieces: Int) -> [Range<Int>] {
    let tiles = rows.count / rowTile
    let count = Swift.max(1, Swift.min(pieces, tiles))
    let inner = (1..<count).map { rows.lowerBound + tiles * $0 / count * rowTile }
    let cuts = [rows.lowerBound] + inner + [rows.upperBound]
    return (0..<count).map { cuts[$0]..<cuts[$0 + 1] }
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
