// C = A B for a small right-hand factor: the products of a convolution layer, whose B is its
// weights ([k * k * C_in, C_out], at most a few tens of KB) and whose A is a tall patch or
// gradient matrix ([B * H * W, ...], up to 100 MB). sgemm packs all of A into its own panel
// layout before multiplying: a full extra read and write of the big matrix for a product of
// only 2 * K * N flops per row (bench's VQ-VAE: 20 % of its samples in that packing, against
// 25 % in sgemm's multiply kernel). Here each block of rows of A is read in place and
// multiplied by B, packed once per call into zero-padded panels of W columns.
//
// Numerics: every C[i, j] is one chain of fused multiply-adds over p = 0, 1, ..., K - 1 from
// zero, fmaf(A[i, p], B[p, j], acc), whatever the block sizes, the vector width or the rows a
// core is given; so the result is the same on every machine with FMA, and does not depend on
// how the rows are split over the cores. (It is not sgemm's rounding: OpenBLAS's Haswell kernel
// sums some rows in two interleaved chains, and blocks K above 384.)

#include "ckernels.h"
#include "narrowblocks.h"

#include <math.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))

#include <immintrin.h>

/// Eight rows of 8 floats, r[i] = row i, turned into their columns in place: r[c] = column c.
static inline __attribute__((always_inline, target("avx2"))) void ck_transpose8(__m256 r[8]) {
  __m256 t[8], s[8];
  for (int i = 0; i < 4; i++) {
    t[2 * i] = _mm256_unpacklo_ps(r[2 * i], r[2 * i + 1]);
    t[2 * i + 1] = _mm256_unpackhi_ps(r[2 * i], r[2 * i + 1]);
  }
  for (int i = 0; i < 2; i++) {
    s[4 * i] = _mm256_shuffle_ps(t[4 * i], t[4 * i + 2], _MM_SHUFFLE(1, 0, 1, 0));
    s[4 * i + 1] = _mm256_shuffle_ps(t[4 * i], t[4 * i + 2], _MM_SHUFFLE(3, 2, 3, 2));
    s[4 * i + 2] = _mm256_shuffle_ps(t[4 * i + 1], t[4 * i + 3], _MM_SHUFFLE(1, 0, 1, 0));
    s[4 * i + 3] = _mm256_shuffle_ps(t[4 * i + 1], t[4 * i + 3], _MM_SHUFFLE(3, 2, 3, 2));
  }
  for (int i = 0; i < 4; i++) {
    r[i] = _mm256_permute2f128_ps(s[i], s[i + 4], 0x20);
    r[i + 4] = _mm256_permute2f128_ps(s[i], s[i + 4], 0x31);
  }
}

/// Columns [q, q + columns) of B as one panel [k, 32], zero past `columns`. A transposed B
/// (bRow = 1: the input gradient dZ W^T, whose panel holds 32 rows of W) is turned 8 x 8 floats
/// at a time in registers, each row of W read along its length; element by element each of the
/// panel's rows gathers 32 floats k apart (the packing, so and outside the vector unit's target,
/// took 10 % of a VAE epoch's samples). A copy either way, so the panel is the same.
static inline __attribute__((always_inline, target("avx2"))) void ck_wide_pack(
    const float *b, ptrdiff_t bRow, ptrdiff_t bColumn, ptrdiff_t k, ptrdiff_t q, ptrdiff_t columns, float *panel) {
  if (bRow == 1 && columns == 32) {
    ptrdiff_t p = 0;
    for (; p + 8 <= k; p += 8)
      for (int j = 0; j < 32; j += 8) {
        __m256 r[8];
        for (int i = 0; i < 8; i++) r[i] = _mm256_loadu_ps(b + p + (q + j + i) * bColumn);
        ck_transpose8(r);
        for (int i = 0; i < 8; i++) _mm256_storeu_ps(panel + (p + i) * 32 + j, r[i]);
      }
    for (; p < k; p++)
      for (ptrdiff_t j = 0; j < 32; j++) panel[p * 32 + j] = b[p + (q + j) * bColumn];
  } else if (bColumn == 1 && columns == 32) {
    for (ptrdiff_t p = 0; p < k; p++)
      for (ptrdiff_t j = 0; j < 32; j++) panel[p * 32 + j] = b[p * bRow + q + j];
  } else {
    for (ptrdiff_t p = 0; p < k; p++)
      for (ptrdiff_t j = 0; j < 32; j++) panel[p * 32 + j] = j < columns ? b[p * bRow + (q + j) * bColumn] : 0;
  }
}

// One register block: R rows of C starting at c by the W columns of a panel, of which the first
// `columns` are stored. acc[R][W] stays in registers (R * W / lanes vector registers).
#define CK_NARROW_BLOCK(NAME, R, W)                                                                  \
  static inline __attribute__((always_inline)) void NAME(                                           \
      const float *restrict a, ptrdiff_t lda, const float *restrict panel, ptrdiff_t ldb,           \
      float *restrict c, ptrdiff_t ldc, ptrdiff_t columns, ptrdiff_t k) {                           \
    float acc[R][W];                                                                                \
    for (int r = 0; r < R; r++)                                                                     \
      for (int j = 0; j < W; j++) acc[r][j] = 0;                                                    \
    for (ptrdiff_t p = 0; p < k; p++) {                                                             \
      const float *restrict b = panel + p * ldb;                                                    \
      for (int r = 0; r < R; r++) {                                                                 \
        const float x = a[r * lda + p];                                                             \
        for (int j = 0; j < W; j++) acc[r][j] = fmaf(x, b[j], acc[r][j]);                           \
      }                                                                                             \
    }                                                                                               \
    if (columns == W) /* whole panels: the stores vectorise */                                      \
      for (int r = 0; r < R; r++)                                                                   \
        for (int j = 0; j < W; j++) c[r * ldc + j] = acc[r][j];                                     \
    else                                                                                            \
      for (int r = 0; r < R; r++)                                                                   \
        for (ptrdiff_t j = 0; j < columns; j++) c[r * ldc + j] = acc[r][j];                         \
  }

// Rows [rowStart, rowEnd) against every panel: blocks of R rows, each across all the panels so
// that C is written row block by row block, then blocks of 4 rows, then the last rows one at a
// time (each row's chains are the same whichever block computes them). The 4-row blocks keep 8
// chains in flight where a single row keeps 2, which wait on the FMA latency: with the MLP VAE's
// 128 rows (10 blocks of 12 and 8 left over) they took x W from 386-401 GFLOP/s to 448-460
// (bench --gemm-shapes, 512-bit FMA). Panel q holds columns [q W, q W + W) of B.
#define CK_NARROW_ROWS(NAME, BLOCK, FOUR, ONE, R, W)                                                 \
  static inline __attribute__((always_inline)) void NAME(                                           \
      const float *restrict a, ptrdiff_t lda, const float *restrict panels, ptrdiff_t ldb,          \
      float *restrict c, ptrdiff_t ldc, ptrdiff_t rowStart, ptrdiff_t rowEnd, ptrdiff_t n, ptrdiff_t k) { \
    ptrdiff_t i = rowStart;                                                                         \
    for (; i + R <= rowEnd; i += R)                                                                 \
      for (ptrdiff_t first = 0; first < n; first += W)                                              \
        BLOCK(a + i * lda, lda, panels + first * k, ldb, c + i * ldc + first, ldc,                  \
              n - first < W ? n - first : W, k);                                                    \
    if (R > 4)                                                                                      \
      for (; i + 4 <= rowEnd; i += 4)                                                               \
        for (ptrdiff_t first = 0; first < n; first += W)                                            \
          FOUR(a + i * lda, lda, panels + first * k, ldb, c + i * ldc + first, ldc,                 \
               n - first < W ? n - first : W, k);                                                   \
    for (; i < rowEnd; i++)                                                                         \
      for (ptrdiff_t first = 0; first < n; first += W)                                              \
        ONE(a + i * lda, lda, panels + first * k, ldb, c + i * ldc + first, ldc,                    \
            n - first < W ? n - first : W, k);                                                      \
  }

// For each shape of narrowblocks.h: its block, the one-row block for the last rows, and the
// rows loop, e.g. ck_rows512x16.
#define CK_NARROW_INSTANCE(isa, W, R)                                                                \
  CK_NARROW_BLOCK(ck_block##isa##x##W, R, W)                                                        \
  CK_NARROW_BLOCK(ck_four##isa##x##W, 4, W)                                                         \
  CK_NARROW_BLOCK(ck_one##isa##x##W, 1, W)                                                          \
  CK_NARROW_ROWS(ck_rows##isa##x##W, ck_block##isa##x##W, ck_four##isa##x##W, ck_one##isa##x##W, R, W)
CK_NARROW_SHAPES(CK_NARROW_INSTANCE)

// The product over rows [rowStart, rowEnd) against panels packed by ck_narrow_pack.
#define CK_NARROW_PRODUCT(NAME, TARGET, ROWS8, ROWS16, ROWS32)                                       \
  __attribute__((target(TARGET))) static void NAME(                                                 \
      const float *a, ptrdiff_t lda, const float *panels, float *c, ptrdiff_t ldc, ptrdiff_t rowStart, \
      ptrdiff_t rowEnd, ptrdiff_t n, ptrdiff_t k) {                                                 \
    const int w = ck_narrow_panel_width(n);                                                         \
    if (w == 8) ROWS8(a, lda, panels, 8, c, ldc, rowStart, rowEnd, n, k);                           \
    else if (w == 16) ROWS16(a, lda, panels, 16, c, ldc, rowStart, rowEnd, n, k);                   \
    else ROWS32(a, lda, panels, 32, c, ldc, rowStart, rowEnd, n, k);                                \
  }

CK_NARROW_PRODUCT(ck_narrow_product_avx512, "avx512f,fma", ck_rows512x8, ck_rows512x16, ck_rows512x32)
CK_NARROW_PRODUCT(ck_narrow_product_avx2, "avx2,fma", ck_rows256x8, ck_rows256x16, ck_rows256x32)

// Columns [first, last) of a wide product (the dense layers' x W and dZ W^T: 128 rows by 500
// or 784 columns), one panel of 32 columns at a time: every row of A is multiplied by the panel
// while it is in cache, so B is read once in all and the cores, given disjoint column ranges,
// each read only their own panels. Row by row (ck_narrow_product) each block of rows would
// stream all of B's panels again. A transposed B (dZ W^T) and a last panel of fewer than 32
// columns are packed (k x 32 floats, 100 KB at k = 784); a row-major B's 32 columns (x W) are
// read in place, each of the k rows bRow floats from the last. Packing those too cost a copy of
// W per product: bench --gemm-shapes, alternating with the packing binary, x W on the MLP VAE's
// 500 x 500 layers 496-504 GFLOP/s against 440-445, on its 500 x 784 layer 474-503 against
// 430-434.
#define CK_WIDE_COLUMNS(NAME, TARGET, ROWS32)                                                        \
  __attribute__((target(TARGET))) static void NAME(                                                 \
      const float *a, ptrdiff_t lda, const float *b, ptrdiff_t bRow, ptrdiff_t bColumn, float *c,   \
      ptrdiff_t ldc, ptrdiff_t m, ptrdiff_t k, ptrdiff_t first, ptrdiff_t last, float *panel) {     \
    for (ptrdiff_t q = first; q < last; q += 32) {                                                  \
      const ptrdiff_t columns = last - q < 32 ? last - q : 32;                                      \
      if (bColumn == 1 && columns == 32) {                                                          \
        ROWS32(a, lda, b + q, bRow, c + q, ldc, 0, m, columns, k);                                  \
        continue;                                                                                   \
      }                                                                                             \
      ck_wide_pack(b, bRow, bColumn, k, q, columns, panel);                                         \
      ROWS32(a, lda, panel, 32, c + q, ldc, 0, m, columns, k);                                      \
    }                                                                                               \
  }

CK_WIDE_COLUMNS(ck_wide_columns_avx512, "avx512f,fma", ck_rows512x32)
CK_WIDE_COLUMNS(ck_wide_columns_avx2, "avx2,fma", ck_rows256x32)

int ck_has_fma(void) { return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"); }

static int ck_avx2_only = 0;

void ck_narrow_limit_to_avx2(int on) { ck_avx2_only = on; }

int ck_narrow_uses_avx512(void) { return !ck_avx2_only && __builtin_cpu_supports("avx512f"); }

void ck_wide_product_columns(const float *a, ptrdiff_t lda, const float *b, ptrdiff_t bRow, ptrdiff_t bColumn,
                             float *c, ptrdiff_t ldc, ptrdiff_t m, ptrdiff_t k, ptrdiff_t first, ptrdiff_t last,
                             float *panel) {
  if (ck_narrow_uses_avx512())
    ck_wide_columns_avx512(a, lda, b, bRow, bColumn, c, ldc, m, k, first, last, panel);
  else
    ck_wide_columns_avx2(a, lda, b, bRow, bColumn, c, ldc, m, k, first, last, panel);
}

void ck_narrow_product_packed(const float *a, ptrdiff_t lda, const float *panels, float *c, ptrdiff_t ldc,
                              ptrdiff_t rowStart, ptrdiff_t rowEnd, ptrdiff_t n, ptrdiff_t k) {
  if (ck_narrow_uses_avx512())
    ck_narrow_product_avx512(a, lda, panels, c, ldc, rowStart, rowEnd, n, k);
  else
    ck_narrow_product_avx2(a, lda, panels, c, ldc, rowStart, rowEnd, n, k);
}

#else

int ck_has_fma(void) { return 0; }

void ck_wide_product_columns(const float *a, ptrdiff_t lda, const float *b, ptrdiff_t bRow, ptrdiff_t bColumn,
                             float *c, ptrdiff_t ldc, ptrdiff_t m, ptrdiff_t k, ptrdiff_t first, ptrdiff_t last,
                             float *panel) {
  (void)panel;
  for (ptrdiff_t i = 0; i < m; i++)
    for (ptrdiff_t j = first; j < last; j++) {
      float acc = 0;
      for (ptrdiff_t p = 0; p < k; p++) acc = fmaf(a[i * lda + p], b[p * bRow + j * bColumn], acc);
      c[i * ldc + j] = acc;
    }
}

void ck_narrow_limit_to_avx2(int on) { (void)on; }

void ck_narrow_product_packed(const float *a, ptrdiff_t lda, const float *panels, float *c, ptrdiff_t ldc,
                              ptrdiff_t rowStart, ptrdiff_t rowEnd, ptrdiff_t n, ptrdiff_t k) {
  const int w = ck_narrow_panel_width(n);
  for (ptrdiff_t i = rowStart; i < rowEnd; i++)
    for (ptrdiff_t j = 0; j < n; j++) {
      float acc = 0;
      for (ptrdiff_t p = 0; p < k; p++) acc = fmaf(a[i * lda + p], panels[j / w * w * k + p * w + j % w], acc);
      c[i * ldc + j] = acc;
    }
}

#endif

/// The panels of B: panel q is [k, W] with B(p, q W + j) = b[p * bRow + (q W + j) * bColumn],
/// zero past column n.
void ck_narrow_pack(const float *b, ptrdiff_t bRow, ptrdiff_t bColumn, ptrdiff_t k, ptrdiff_t n, float *panels) {
  const int w = ck_narrow_panel_width(n);
  for (ptrdiff_t first = 0; first < n; first += w)
    for (ptrdiff_t p = 0; p < k; p++)
      for (int j = 0; j < w; j++)
        panels[first * k + p * w + j] = first + j < n ? b[p * bRow + (first + j) * bColumn] : 0;
}

void ck_narrow_product(const float *a, ptrdiff_t lda, const float *b, ptrdiff_t bRow, ptrdiff_t bColumn, float *c,
                       ptrdiff_t ldc, ptrdiff_t rowStart, ptrdiff_t rowEnd, ptrdiff_t n, ptrdiff_t k,
                       float *scratch) {
  ck_narrow_pack(b, bRow, bColumn, k, n, scratch);
  ck_narrow_product_packed(a, lda, scratch, c, ldc, rowStart, rowEnd, n, k);
}
