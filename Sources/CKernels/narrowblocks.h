// The register blocks of the two narrow products (narrowproduct.c: C = A B; narrowtransposed.c:
// C = P^T G). A block covers R rows of C by a panel of W columns (8, 16 or 32, the narrowest
// that holds the product's columns) and keeps its R x W sums in 12 vector registers (AVX2 has
// 16 registers of 8 lanes), or 24 for AVX-512's 32-column panels (32 registers of 16 lanes):
// with 12 rows, each pair of panel vectors loaded serves 24 fused multiply-adds instead of 12.
// On the MLP VAE's dense products (bench --gemm-shapes, 512-bit FMA, one run each), 12 rows
// against 6 took x W from 333-347 to 355-367 GFLOP/s and P^T G from 348-358 to 389-402.
#ifndef CK_NARROWBLOCKS_H
#define CK_NARROWBLOCKS_H

#include <stddef.h>

/// X(isa, W, R) for each instruction set (512: AVX-512, 256: AVX2) and panel width.
#define CK_NARROW_SHAPES(X) X(512, 8, 12) X(512, 16, 12) X(512, 32, 12) X(256, 8, 12) X(256, 16, 6) X(256, 32, 3)

/// The panel width W for a product with n columns: the narrowest of 8, 16 and 32 that holds
/// them (wider products take several panels of 32).
static inline int ck_narrow_panel_width(ptrdiff_t n) { return n <= 8 ? 8 : n <= 16 ? 16 : 32; }

/// Whether the AVX-512 blocks may run (cleared by ck_narrow_limit_to_avx2, for the tests).
int ck_narrow_uses_avx512(void);

#endif
