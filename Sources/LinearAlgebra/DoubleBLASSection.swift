// The Double routines' side of OpenBLAS's one process-wide thread count (see blasthreads.c).

import CKernels

/// Runs a Double BLAS or LAPACK call as a Double section (`ck_blas_exclusive_begin`), so that it
/// runs with the thread count the process started with. Why: the Float products of TensorCore
/// set OpenBLAS to one thread while they run, and dsyevd, among others, rounds differently on
/// one thread than on two; a call that landed while another thread's product ran would give
/// other bits than the same call alone.
@inline(__always)
func withDoubleBLAS<Result>(_ body: () throws -> Result) rethrows -> Result {
  ck_blas_exclusive_begin()
  defer { ck_blas_exclusive_end() }
  return try body()
}
