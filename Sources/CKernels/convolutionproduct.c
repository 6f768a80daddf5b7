// A convolution's two narrow products without its patch matrix: im2col(x) W and im2col(x)^T G,
// with the rows of im2col(x) written a chunk at a time into a buffer that stays in the core's
// cache, multiplied by the narrow-product kernels, and overwritten by the next chunk. The whole
// matrix ([B * Ho * Wo, k * k * C], 14 MB for the VQ-VAE's second layer at batch 64, 115 MB
// for the conv VAE's at batch 128) is never written to memory, and need not be kept from the
// forward pass for the weight gradient: it is rebuilt, chunk by chunk, where it is needed.
//
// Numerics: each chunk row is the im2col row, and the kernels' chains do not depend on where a
// chunk starts (ck_narrow_product) or start at the same rows (ck_narrow_transposed_chunk, in
// chunks of CK_NARROW_CHUNK_ROWS from rowStart), so both results are bit for bit those of the
// narrow products of the full patch matrix.

#include "ckernels.h"

/// Rows [rowStart, rowEnd) of im2col(x) into out [rowEnd - rowStart, k * k * C]: row
/// (n Ho + oy) Wo + ox holds the k x k x C patch under output position (oy, ox) of image n,
/// column (ky k + kx) C + c, zero where the patch falls in the padding (as im2col in Swift).
/// no_builtin: plain loops, not memcpy/memset calls; a run is k * C values or fewer (three for
/// a grey first layer), and a library call per run took 7 % of a VQ-VAE epoch in `perf`.
__attribute__((no_builtin)) static void ck_patch_rows(const float *restrict x, const ck_conv_geometry *g, ptrdiff_t rowStart, ptrdiff_t rowEnd,
                          float *restrict out) {
  const ptrdiff_t c = g->channels, k = g->kernel, wo = g->outputWidth;
  const ptrdiff_t positions = g->outputHeight * wo, inputSize = g->height * g->width * c;
  for (ptrdiff_t m = rowStart; m < rowEnd; m++) {
    const ptrdiff_t n = m / positions, oy = m % positions / wo, ox = m % wo;
    const float *restrict image = x + n * inputSize;
    float *restrict row = out + (m - rowStart) * k * k * c;
    // The kernel columns [first, last) fall inside the image.
    const ptrdiff_t left = ox * g->stride - g->padding;
    const ptrdiff_t first = left < 0 ? -left : 0;
    const ptrdiff_t last = g->width - left < k ? g->width - left : k;
    for (ptrdiff_t ky = 0; ky < k; ky++) {
      const ptrdiff_t y = oy * g->stride - g->padding + ky;
      float *restrict target = row + ky * k * c;
      if (y < 0 || y >= g->height || first >= last) {
        for (ptrdiff_t i = 0; i < k * c; i++) target[i] = 0;
        continue;
      }
      const float *restrict source = image + (y * g->width + left) * c;
      for (ptrdiff_t i = 0; i < first * c; i++) target[i] = 0;
      for (ptrdiff_t i = first * c; i < last * c; i++) target[i] = source[i];
      for (ptrdiff_t i = last * c; i < k * c; i++) target[i] = 0;
    }
  }
}

void ck_convolution_product(const float *x, const ck_conv_geometry *g, const float *panels, float *y, ptrdiff_t n,
                            ptrdiff_t rowStart, ptrdiff_t rowEnd, float *patches) {
  const ptrdiff_t patchSize = g->kernel * g->kernel * g->channels;
  for (ptrdiff_t start = rowStart; start < rowEnd; start += CK_PATCH_CHUNK_ROWS) {
    const ptrdiff_t end = rowEnd - start < CK_PATCH_CHUNK_ROWS ? rowEnd : start + CK_PATCH_CHUNK_ROWS;
    ck_patch_rows(x, g, start, end, patches);
    ck_narrow_product_packed(patches, patchSize, panels, y + start * n, n, 0, end - start, n, patchSize);
  }
}

void ck_convolution_transposed_product(const float *x, const ck_conv_geometry *g, const float *gy, ptrdiff_t n,
                                       ptrdiff_t rowStart, ptrdiff_t rowEnd, float *c, float *scratch,
                                       float *patches) {
  const ptrdiff_t patchSize = g->kernel * g->kernel * g->channels;
  for (ptrdiff_t i = 0; i < patchSize * n; i++) c[i] = 0;
  for (ptrdiff_t start = rowStart; start < rowEnd; start += CK_NARROW_CHUNK_ROWS) {
    const ptrdiff_t end = rowEnd - start < CK_NARROW_CHUNK_ROWS ? rowEnd : start + CK_NARROW_CHUNK_ROWS;
    ck_patch_rows(x, g, start, end, patches);
    ck_narrow_transposed_chunk(patches, patchSize, gy + start * n, n, end - start, c, scratch);
  }
}
