// The same numbers on every x86-64 machine: OpenBLAS (Debian's build) picks its kernels when it
// loads, by the CPU flags the machine shows, and kernels of different families block and sum
// the matrix products in different orders. The last bits differ, and training amplifies them:
// Chapters/ was run with its Haswell-family kernels; on a VM that shows avx512_bf16, OpenBLAS
// 0.3.21 chooses its Cooperlake kernels, and there the VAE's test ELBO came out -258.70 nats
// instead of -259.21, every trained figure changing with it. Pinned to the Haswell kernels (they
// need AVX2 and FMA; without them OpenBLAS keeps its own choice), that VM prints the numbers of
// Chapters/ and redraws Figures/ byte for byte. The price, measured on the AVX-512 VM: the matrix products
// of the MLP models alone ran 5 to 8 % slower than with the Cooperlake kernels (bench
// --gemm-shapes), whole epochs within the VM's noise (deep AE 0.468 against 0.487 s, MLP VAE
// 2.905 against 3.040 s, back to back). OPENBLAS_CORETYPE set in the environment overrides it.

import CKernels

/// The kernel family the executables pin OpenBLAS to.
public let pinnedBLASKernels = String(cString: ck_pinned_blas_kernels())

/// Pins OpenBLAS to `pinnedBLASKernels` (call first thing in an executable, before any matrix
/// product; the first product would do it otherwise); returns whether it switched (not when
/// OPENBLAS_CORETYPE is set, the CPU lacks AVX2 and FMA, or the OpenBLAS build has one kernel
/// family only).
@discardableResult
public func pinBLASKernels() -> Bool {
  ck_blas_prepare() == 1
}
