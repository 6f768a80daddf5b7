// Element-wise training kernels in C, so that they can use AVX-512/AVX2 when the CPU has them
// while the package itself stays compiled for baseline x86-64 (see ckernels.c).
#ifndef CKERNELS_H
#define CKERNELS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// z[i, j] = act(z[i, j] + b[j]) in place over rows [rowStart, rowEnd) of a row-major
/// [*, columns] buffer; b may be NULL (no bias). act: 0 identity, 1 relu, 2 sigmoid.
void ck_bias_activation(float *z, const float *b, ptrdiff_t rowStart, ptrdiff_t rowEnd, ptrdiff_t columns, int act);

/// dz[i] = dy[i] * act'(from the output y[i]) for i < n. act: 1 relu, 2 sigmoid, 3 tanh.
void ck_activation_backward(float *dz, const float *dy, const float *y, ptrdiff_t n, int act);

/// out[j] = sum over rows of t[i, j] (rows added in order) for a row-major [rows, columns] t.
void ck_column_sums(float *out, const float *t, ptrdiff_t rows, ptrdiff_t columns);

/// acc[j] += sum over rows of t[i, j], in Double, rows added in order, for a row-major
/// [rows, columns] t; acc holds `columns` doubles (zero for plain column sums).
void ck_column_sums_double(double *acc, const float *t, ptrdiff_t rows, ptrdiff_t columns);

/// Binary cross-entropy from logits over rows [rowStart, rowEnd) of [*, columns] (the last
/// row may be short: `count` is the total element count). Writes the gradient
/// (sigmoid(x) - t) * inverseN and each row's loss sum (in Float, stored as double) to rowSums[r].
/// `scratch` holds `columns` floats.
void ck_bce_logits(const float *x, const float *t, float *grad, double *rowSums, float *scratch,
                   ptrdiff_t rowStart, ptrdiff_t rowEnd, ptrdiff_t columns, ptrdiff_t count, float inverseN);

/// out[i] = log p(x_i | z_i) = -sum_j [max(l_ij, 0) - l_ij t_ij + log(1 + e^-|l_ij|)] in Double,
/// summed in pixel order, for rows [rowStart, rowEnd) of row-major [*, columns] logits l and
/// targets t (likelihood.c). `scratch` holds `columns` doubles.
void ck_bernoulli_log_likelihood_rows(double *out, double *scratch, const float *logits, const float *targets,
                                      ptrdiff_t rowStart, ptrdiff_t rowEnd, ptrdiff_t columns);

/// Adam's update over [start, end): m = b1 m + a1 g, v = b2 v + a2 g^2,
/// w -= stepSize * m / (sqrt(v * invC2) + eps).
void ck_adam(float *w, float *m, float *v, const float *g, ptrdiff_t start, ptrdiff_t end,
             float b1, float b2, float a1, float a2, float stepSize, float invC2, float eps);

/// Runs `rounds` rounds of 12 independent chains of fused multiply-adds in the widest vectors
/// the CPU has (AVX-512, AVX2+FMA, else scalar), stores a checksum in `sink` (so the work is
/// not optimised away) and returns the FLOPs done (2 per lane per multiply-add). Timed on
/// every core at once, it gives the multiply-add peak (see peak.c).
double ck_fma_chains(long rounds, float *sink);

/// The shapes of a 2-D convolution over NHWC images (ConvGeometry in NeuralNet).
typedef struct {
  ptrdiff_t height, width, channels, kernel, stride, padding, outputHeight, outputWidth;
} ck_conv_geometry;

/// A convolution with one output channel over images [imageStart, imageEnd) of x [B, H * W * C]
/// with weights w [k * k * C]: y[n, oy, ox] = bias + sum of w * the k x k x C patch (zero
/// padding), y [B, Ho * Wo]. C is at most 512. See convolution.c.
void ck_conv1_forward(const float *x, const float *w, float bias, float *y,
                      ptrdiff_t imageStart, ptrdiff_t imageEnd, const ck_conv_geometry *g);

/// Each image's share of that convolution's weight gradient: partials[n, :] [k * k * C] = the
/// sum over its output positions of gy[n, o] times the patch under o, positions in raster order.
void ck_conv1_weight_gradient(const float *x, const float *gy, float *partials,
                              ptrdiff_t imageStart, ptrdiff_t imageEnd, const ck_conv_geometry *g);

/// Its input gradient: dx[n] = sum over output positions o of gy[n, o] w placed on the patch
/// under o, added pixel by pixel in col2im's order; dx [B, H * W * C] is overwritten.
void ck_conv1_input_gradient(const float *gy, const float *w, float *dx,
                             ptrdiff_t imageStart, ptrdiff_t imageEnd, const ck_conv_geometry *g);

/// Whether the CPU has AVX2 and FMA, which ck_narrow_product's fast paths need.
int ck_has_fma(void);

/// Rows [rowStart, rowEnd) of C = A B, with A [*, k] (row stride lda), B(p, j) =
/// b[p * bRow + j * bColumn] for p < k, j < n (so a transposed B is bRow = 1, bColumn = k), and
/// C [*, n] (row stride ldc). Each C[i, j] is the fused multiply-add chain over p = 0..<k in
/// order from zero. `scratch` holds k * (n rounded up to a multiple of 32) floats. See narrowproduct.c.
void ck_narrow_product(const float *a, ptrdiff_t lda, const float *b, ptrdiff_t bRow, ptrdiff_t bColumn, float *c,
                       ptrdiff_t ldc, ptrdiff_t rowStart, ptrdiff_t rowEnd, ptrdiff_t n, ptrdiff_t k,
                       float *scratch);

/// Columns [first, last) of C = A B for rows 0..<m (A, B and C as in ck_narrow_product), one
/// panel of 32 columns at a time, each packed into `panel` (k * 32 floats) and multiplied by every
/// row: the same chains, so the same bits, as ck_narrow_product. For wide products, whose columns
/// the cores share out. See narrowproduct.c.
void ck_wide_product_columns(const float *a, ptrdiff_t lda, const float *b, ptrdiff_t bRow, ptrdiff_t bColumn,
                             float *c, ptrdiff_t ldc, ptrdiff_t m, ptrdiff_t k, ptrdiff_t first, ptrdiff_t last,
                             float *panel);

/// B packed for ck_narrow_product_packed: panels of 8, 16 or 32 columns (the narrowest that holds
/// n), zero-padded; `panels` holds k * (n rounded up to a multiple of 32) floats.
void ck_narrow_pack(const float *b, ptrdiff_t bRow, ptrdiff_t bColumn, ptrdiff_t k, ptrdiff_t n, float *panels);

/// ck_narrow_product with B already packed by ck_narrow_pack (the same bits).
void ck_narrow_product_packed(const float *a, ptrdiff_t lda, const float *panels, float *c, ptrdiff_t ldc,
                              ptrdiff_t rowStart, ptrdiff_t rowEnd, ptrdiff_t n, ptrdiff_t k);

/// With on = 1, ck_narrow_product and ck_narrow_transposed_product use their AVX2 blocks even
/// where the CPU has AVX-512 (the tests run both; the bits are the same), until called with 0.
void ck_narrow_limit_to_avx2(int on);

/// The rows of P^T G's chunks (see ck_narrow_transposed_product).
enum { CK_NARROW_CHUNK_ROWS = 128 };

/// c [k, n] = P^T G summed over rows [rowStart, rowEnd) of P [*, k] and G [*, n] (both row-major,
/// unpadded): chunks of CK_NARROW_CHUNK_ROWS rows from rowStart, each C[q, j] a fused
/// multiply-add chain over a chunk's rows in order, the chunks added to c (zeroed first) in
/// order. `scratch` holds CK_NARROW_CHUNK_ROWS * 32 floats. See narrowtransposed.c.
void ck_narrow_transposed_product(const float *p, ptrdiff_t k, const float *g, ptrdiff_t n, ptrdiff_t rowStart,
                                  ptrdiff_t rowEnd, float *c, float *scratch);

/// Columns [first, last) of ck_narrow_transposed_product's c (the others are not touched): the
/// same bits, so that the cores can share a wide C out by columns.
void ck_narrow_transposed_columns(const float *p, ptrdiff_t k, const float *g, ptrdiff_t n, ptrdiff_t rowStart,
                                  ptrdiff_t rowEnd, float *c, ptrdiff_t first, ptrdiff_t last, float *scratch);

/// Adds one chunk's P^T G to c [k, n], for P [rows, k] and G [rows, n], rows at most
/// CK_NARROW_CHUNK_ROWS: each C[q, j] gets the fused multiply-add chain over the rows in order.
/// `scratch` holds CK_NARROW_CHUNK_ROWS * 32 floats.
void ck_narrow_transposed_chunk(const float *p, ptrdiff_t k, const float *g, ptrdiff_t n, ptrdiff_t rows, float *c,
                                float *scratch);

/// The rows of im2col(x) that ck_convolution_product writes at a time (a multiple of every
/// block height of narrowblocks.h, so no chunk ends in single-row blocks).
enum { CK_PATCH_CHUNK_ROWS = 192 };

/// Rows [rowStart, rowEnd) of y [*, n] = im2col(x) B for x [B, H * W * C] with geometry g and B
/// [k * k * C, n] packed by ck_narrow_pack: bit for bit ck_narrow_product on the patch matrix.
/// `patches` holds CK_PATCH_CHUNK_ROWS * k * k * C floats. See convolutionproduct.c.
void ck_convolution_product(const float *x, const ck_conv_geometry *g, const float *panels, float *y, ptrdiff_t n,
                            ptrdiff_t rowStart, ptrdiff_t rowEnd, float *patches);

/// c [k * k * C, n] = im2col(x)^T G over rows [rowStart, rowEnd) of G [*, n]: bit for bit
/// ck_narrow_transposed_product on the patch matrix. `scratch` holds CK_NARROW_CHUNK_ROWS * 32
/// floats, `patches` CK_NARROW_CHUNK_ROWS * k * k * C.
void ck_convolution_transposed_product(const float *x, const ck_conv_geometry *g, const float *gy, ptrdiff_t n,
                                       ptrdiff_t rowStart, ptrdiff_t rowEnd, float *c, float *scratch,
                                       float *patches);

/// 2 x 2 max pooling (stride 2) of images [imageStart, imageEnd) of x [B, H * W * C], H and W
/// even: out [B, (H / 2) * (W / 2) * C] and, per output, the flat index into x of the winner
/// (the first of equal maxima; -inf and index 0 where none of the four is above -inf, e.g. all
/// NaN). See resampling.c.
void ck_max_pool2x2(const float *x, float *out, int32_t *winner, ptrdiff_t imageStart, ptrdiff_t imageEnd,
                    ptrdiff_t height, ptrdiff_t width, ptrdiff_t channels);

/// 2x nearest-neighbour upsampling of images [imageStart, imageEnd) of x [B, H * W * C]: each
/// pixel copied into a 2 x 2 block of out [B, 2H * 2W * C].
void ck_upsample2x(const float *x, float *out, ptrdiff_t imageStart, ptrdiff_t imageEnd, ptrdiff_t height,
                   ptrdiff_t width, ptrdiff_t channels);

/// The adjoint of 2x nearest-neighbour upsampling over images [imageStart, imageEnd): dx [B, H *
/// W * C] gets each pixel's 2 x 2 block of g [B, 2H * 2W * C], added in raster order.
void ck_upsample2x_backward(const float *g, float *dx, ptrdiff_t imageStart, ptrdiff_t imageEnd, ptrdiff_t height,
                            ptrdiff_t width, ptrdiff_t channels);

/// A part of a parallel loop: `body(context, part)`.
typedef void (*ck_part_fn)(void *context, ptrdiff_t part);

/// Runs body(context, 0..<parts) on the calling thread and on persistent worker threads (one
/// fewer than the cores), returning when every part is done. Workers spin briefly after each
/// job before sleeping, so the back-to-back small loops of a training step do not pay a
/// kernel wake-up each. A call made while another is running (nested or from another thread)
/// runs its parts on the calling thread, in order.
void ck_parallel_run(ptrdiff_t parts, ck_part_fn body, void *context);

/// Where a worker that woke on CPU `here` moves: -1 (stay) unless one of `others` (the CPUs the
/// other pool threads last ran on; -1 for none yet) is `here`, else the first of `allowed` that
/// none of `others` is, or -1 if every allowed CPU is taken.
int ck_pool_move_target(int here, const int *others, int count, const int *allowed, int allowedCount);

/// The cores the parallel loops use: the machine's online cores unless set (`--cores`).
int ck_parallel_cores(void);

/// Uses `cores` cores (at least 1); call before the first ck_parallel_run, which starts the
/// workers (one fewer than the cores).
void ck_parallel_set_cores(int cores);

/// Switches OpenBLAS (a DYNAMIC_ARCH build) to the kernels of `coretype`, e.g. "Haswell", as
/// OPENBLAS_CORETYPE would at load time; only when that variable is unset, the CPU has AVX2 and
/// FMA, and OpenBLAS exports its dynamic-arch entry points. Call before any BLAS call. Returns
/// 1 when it switched, 0 when it left the kernels alone.
int ck_pin_blas_kernels(const char *coretype);

/// The kernel family the course pins OpenBLAS to ("Haswell"; see Lecture/BLASKernels.swift).
const char *ck_pinned_blas_kernels(void);

/// Pins OpenBLAS to ck_pinned_blas_kernels() once per process, as ck_pin_blas_kernels does;
/// returns 1 if that switched the kernels. The Float and Double sections call it before their
/// first BLAS call, so every process that multiplies through TensorCore or LinearAlgebra (the
/// test processes too) runs the kernels the course's transcripts were made with.
int ck_blas_prepare(void);

/// A Float section: OpenBLAS runs on one thread (each caller's sgemm on its own core) until the
/// matching end. Sections on different threads run side by side. See blasthreads.c.
void ck_blas_single_begin(void);
void ck_blas_single_end(void);

/// A Double section: waits until no Float section runs, then keeps them and other Double
/// sections out until the matching end, with OpenBLAS on two threads whatever the machine, so
/// the Double routines always round the same way. See blasthreads.c.
void ck_blas_exclusive_begin(void);
void ck_blas_exclusive_end(void);

/// Serves large allocations from the heap instead of one mmap each, and keeps freed memory for
/// reuse (glibc; nothing elsewhere).
void ck_reuse_large_allocations(void);

#ifdef __cplusplus
}
#endif
#endif
