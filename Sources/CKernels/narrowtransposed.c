// C = P^T G for a tall P [M, K] and G [M, N] with a small result [K, N]: a convolution's
// weight gradient, P its patches and G the gradient at its output, M = B * Ho * Wo rows (the
// VQ-VAE's second layer: [144 x 12544] x [12544 x 32]). sgemm copies all of P into its panels
// first (bench's VQ-VAE: 11 % of its samples in that copy); here P and G are read in place, a
// chunk of rows at a time, and the K x N sums stay in registers while the chunk streams by.
//
// Numerics: rows are taken in chunks of CK_NARROW_CHUNK_ROWS from rowStart; within a chunk each
// C[p, j] is a chain of fused multiply-adds over its rows in order from zero, and the chunks'
// sums are added to the result in order. So the bits depend on rowStart and rowEnd only, not
// on the vector width or the block sizes; the Swift caller fixes the row ranges (two halves,
// whatever the number of cores) and adds their results in a fixed order.

#include "ckernels.h"
#include "narrowblocks.h"

#include <math.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))

// One register block: C rows [p0, p0 + R) (patch entries) by the W columns of a panel of G
// (held as chunk rows of W floats, zero past n), summed over `rows` rows of the chunk and added
// to c (row stride ldc), of which the first `columns` are stored. With add = 0 c is not read:
// the sums are stored as 0 + sum (the bits of adding them to a cleared c, -0 included), which
// spares the caller clearing c before the first chunk.
#define CK_GRADIENT_BLOCK(NAME, R, W)                                                                \
  static inline __attribute__((always_inline)) void NAME(                                           \
      const float *restrict p, ptrdiff_t ldp, const float *restrict g, ptrdiff_t rows,              \
      float *restrict c, ptrdiff_t ldc, ptrdiff_t columns, int add) {                               \
    float acc[R][W];                                                                                \
    for (int r = 0; r < R; r++)                                                                     \
      for (int j = 0; j < W; j++) acc[r][j] = 0;                                                    \
    for (ptrdiff_t m = 0; m < rows; m++) {                                                          \
      const float *restrict gm = g + m * W;                                                         \
      for (int r = 0; r < R; r++) {                                                                 \
        const float x = p[m * ldp + r];                                                             \
        for (int j = 0; j < W; j++) acc[r][j] = fmaf(x, gm[j], acc[r][j]);                          \
      }                                                                                             \
    }                                                                                               \
    if (columns == W)                                                                               \
      for (int r = 0; r < R; r++)                                                                   \
        for (int j = 0; j < W; j++) c[r * ldc + j] = (add ? c[r * ldc + j] : 0.0f) + acc[r][j];     \
    else                                                                                            \
      for (int r = 0; r < R; r++)                                                                   \
        for (ptrdiff_t j = 0; j < columns; j++) c[r * ldc + j] = (add ? c[r * ldc + j] : 0.0f) + acc[r][j]; \
  }

// Every row of C for one panel of a chunk: blocks of R patch entries, then of 4 (8 chains in flight
// instead of a single entry's 2: 500 entries leave 8 after the 12-entry blocks), then the rest
// one at a time.
#define CK_GRADIENT_PANEL(NAME, BLOCK, FOUR, ONE, R, W)                                              \
  static inline __attribute__((always_inline)) void NAME(                                           \
      const float *restrict p, ptrdiff_t k, const float *restrict g, ptrdiff_t rows,                \
      float *restrict c, ptrdiff_t ldc, ptrdiff_t columns, int add) {                               \
    ptrdiff_t q = 0;                                                                                \
    for (; q + R <= k; q += R) BLOCK(p + q, k, g, rows, c + q * ldc, ldc, columns, add);            \
    if (R > 4)                                                                                      \
      for (; q + 4 <= k; q += 4) FOUR(p + q, k, g, rows, c + q * ldc, ldc, columns, add);           \
    for (; q < k; q++) ONE(p + q, k, g, rows, c + q * ldc, ldc, columns, add);                      \
  }

// For each shape of narrowblocks.h (R patch entries by W columns): its block, the one-entry
// block for the last entries, and the loop over all entries, e.g. ck_gradient512x16.
#define CK_GRADIENT_INSTANCE(isa, W, R)                                                              \
  CK_GRADIENT_BLOCK(ck_gradient_block##isa##x##W, R, W)                                             \
  CK_GRADIENT_BLOCK(ck_gradient_four##isa##x##W, 4, W)                                              \
  CK_GRADIENT_BLOCK(ck_gradient_one##isa##x##W, 1, W)                                               \
  CK_GRADIENT_PANEL(ck_gradient##isa##x##W, ck_gradient_block##isa##x##W, ck_gradient_four##isa##x##W, \
                    ck_gradient_one##isa##x##W, R, W)
CK_NARROW_SHAPES(CK_GRADIENT_INSTANCE)

// Adds one chunk's P^T G to columns [first, last) of c [k, n] (stores it, with add = 0): P [rows,
// k] and G [rows, n] (rows <= CK_NARROW_CHUNK_ROWS), panel by panel of G; `scratch` holds
// CK_NARROW_CHUNK_ROWS * 32 floats (the chunk's panel of G, zero-padded to W columns).
#define CK_GRADIENT_CHUNK(NAME, TARGET, PANEL8, PANEL16, PANEL32)                                    \
  __attribute__((target(TARGET))) static void NAME(                                                 \
      const float *p, ptrdiff_t k, const float *g, ptrdiff_t n, ptrdiff_t rows, float *c,           \
      ptrdiff_t first, ptrdiff_t last, int add, float *scratch) {                                   \
    const int w = ck_narrow_panel_width(n);                                                         \
    for (ptrdiff_t q = first; q < last; q += w) {                                                   \
      const ptrdiff_t columns = last - q < w ? last - q : w;                                        \
      for (ptrdiff_t m = 0; m < rows; m++)                                                          \
        for (int j = 0; j < w; j++) scratch[m * w + j] = j < columns ? g[m * n + q + j] : 0;        \
      if (w == 8) PANEL8(p, k, scratch, rows, c + q, n, columns, add);                              \
      else if (w == 16) PANEL16(p, k, scratch, rows, c + q, n, columns, add);                       \
      else PANEL32(p, k, scratch, rows, c + q, n, columns, add);                                    \
    }                                                                                               \
  }

CK_GRADIENT_CHUNK(ck_gradient_avx512, "avx512f,fma", ck_gradient512x8, ck_gradient512x16, ck_gradient512x32)
CK_GRADIENT_CHUNK(ck_gradient_avx2, "avx2,fma", ck_gradient256x8, ck_gradient256x16, ck_gradient256x32)

static void ck_narrow_transposed_chunk_columns(const float *p, ptrdiff_t k, const float *g, ptrdiff_t n,
                                               ptrdiff_t rows, float *c, ptrdiff_t first, ptrdiff_t last, int add,
                                               float *scratch) {
  if (ck_narrow_uses_avx512())
    ck_gradient_avx512(p, k, g, n, rows, c, first, last, add, scratch);
  else
    ck_gradient_avx2(p, k, g, n, rows, c, first, last, add, scratch);
}

#else

static void ck_narrow_transposed_chunk_columns(const float *p, ptrdiff_t k, const float *g, ptrdiff_t n,
                                               ptrdiff_t rows, float *c, ptrdiff_t first, ptrdiff_t last, int add,
                                               float *scratch) {
  (void)scratch;
  for (ptrdiff_t q = 0; q < k; q++)
    for (ptrdiff_t j = first; j < last; j++) {
      float acc = 0;
      for (ptrdiff_t m = 0; m < rows; m++) acc = fmaf(p[m * k + q], g[m * n + j], acc);
      c[q * n + j] = (add ? c[q * n + j] : 0.0f) + acc;
    }
}

#endif

void ck_narrow_transposed_chunk(const float *p, ptrdiff_t k, const float *g, ptrdiff_t n, ptrdiff_t rows, float *c,
                                float *scratch) {
  ck_narrow_transposed_chunk_columns(p, k, g, n, rows, c, 0, n, 1, scratch);
}

// Columns [first, last) of c [k, n] = the sum over rows [rowStart, rowEnd) of P^T G, chunk by
// chunk. Each entry's sum is the same whatever the window, so a wide C can be shared out over the
// cores by columns. The first chunk's sums are stored rather than added to a cleared c: the same
// bits, without a pass clearing c (1.5 MB for the MLP VAE's first layer, 5 % of its epoch).
void ck_narrow_transposed_columns(const float *p, ptrdiff_t k, const float *g, ptrdiff_t n, ptrdiff_t rowStart,
                                  ptrdiff_t rowEnd, float *c, ptrdiff_t first, ptrdiff_t last, float *scratch) {
  if (rowEnd <= rowStart)
    for (ptrdiff_t q = 0; q < k; q++)
      for (ptrdiff_t j = first; j < last; j++) c[q * n + j] = 0;
  for (ptrdiff_t start = rowStart; start < rowEnd; start += CK_NARROW_CHUNK_ROWS) {
    const ptrdiff_t rest = rowEnd - start, rows = rest < CK_NARROW_CHUNK_ROWS ? rest : CK_NARROW_CHUNK_ROWS;
    ck_narrow_transposed_chunk_columns(p + start * k, k, g + start * n, n, rows, c, first, last, start > rowStart,
                                       scratch);
  }
}

// c [k, n] = the sum over rows [rowStart, rowEnd) of P^T G, chunk by chunk.
void ck_narrow_transposed_product(const float *p, ptrdiff_t k, const float *g, ptrdiff_t n, ptrdiff_t rowStart,
                                  ptrdiff_t rowEnd, float *c, float *scratch) {
  ck_narrow_transposed_columns(p, k, g, n, rowStart, rowEnd, c, 0, n, scratch);
}
