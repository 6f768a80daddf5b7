// The Double routines' side of OpenBLAS's one process-wide thread count (see blasthreads.c).

import CKernels

/// Runs a Double BLAS or LAPACK call as a Double section (`ck_blas_exclusive_begin`): with
/// OpenBLAS on two threads, on any machine and whatever another thread is doing. Why: dsyevd,
/// among others, rounds differently on one thread than on two, OpenBLAS's default count is the
/// machine's core count, and the Float products of TensorCore set it to one while they run; a
/// call on another machine, or one that landed while another thread's product ran, would give
/// other bits than the transcripts'.
@inline(__always)
func withDoubleBLAS<Result>(_ body: () throws -> Result) rethrows -> Result {
  ck_blas_exclusive_begin()
  defer { ck_blas_exclusive_end() }
  return try body()
}
