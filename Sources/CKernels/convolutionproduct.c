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
#include "variants.h"

/// Rows [rowStart, rowEnd) of im2col(x) into out [rowEnd - rowStart, k * k * C]: row
/// (n Ho + oy) Wo + ox holds the k x k x C patch under output position (oy, ox) of image n,
/// column (ky k + kx) C + c, zero where the patch falls in the padding (as im2col in Swift).
/// A patch wholly inside the image is k runs of k * c contiguous floats, copied as such; only
/// the rows at the border go tap by tap. Written once, instantiated for the course's 3 x 3
/// kernels over its channel counts (each run is then a fixed number of whole vectors; the
/// VQ-VAE's one-channel first layer, forward at batch 64 on one core: 0.37 ms against 1.34 ms
/// tap by tap) and for any other; the position (n, oy, ox) is stepped from row to row rather
/// than divided out of m.
static inline __attribute__((always_inline)) void ck_patch_rows_body(
    const float *restrict x, const ck_conv_geometry *g, ptrdiff_t rowStart, ptrdiff_t rowEnd, float *restrict out,
    const ptrdiff_t c, const ptrdiff_t k) {
  const ptrdiff_t wo = g->outputWidth, ho = g->outputHeight, h = g->height, w = g->width;
  const ptrdiff_t inputSize = h * w * c, patchSize = k * k * c, run = k * c;
  ptrdiff_t n = rowStart / (ho * wo), oy = rowStart % (ho * wo) / wo, ox = rowStart % wo;
  for (ptrdiff_t m = rowStart; m < rowEnd; m++) {
    float *restrict row = out + (m - rowStart) * patchSize;
    const float *restrict image = x + n * inputSize;
    const ptrdiff_t y0 = oy * g->stride - g->padding, x0 = ox * g->stride - g->padding;
    if (y0 >= 0 && y0 + k <= h && x0 >= 0 && x0 + k <= w) {
      // The whole patch inside the image: k runs of k * c contiguous floats.
      for (ptrdiff_t ky = 0; ky < k; ky++) {
        const float *restrict source = image + ((y0 + ky) * w + x0) * c;
        float *restrict target = row + ky * run;
        for (ptrdiff_t i = 0; i < run; i++) target[i] = source[i];
      }
    } else {
      for (ptrdiff_t ky = 0; ky < k; ky++) {
        const ptrdiff_t y = y0 + ky;
        for (ptrdiff_t kx = 0; kx < k; kx++) {
          const ptrdiff_t xx = x0 + kx;
          float *restrict target = row + (ky * k + kx) * c;
          if (y < 0 || y >= h || xx < 0 || xx >= w) {
            for (ptrdiff_t i = 0; i < c; i++) target[i] = 0;
          } else {
            const float *restrict source = image + (y * w + xx) * c;
            for (ptrdiff_t i = 0; i < c; i++) target[i] = source[i];
          }
        }
      }
    }
    if (++ox == wo) {
      ox = 0;
      if (++oy == ho) {
        oy = 0;
        n++;
      }
    }
  }
}

/// Compiled for AVX-512, AVX2 and baseline x86-64 (the loader picks one): a pixel's 16 or 32
/// channels are then one or two vector moves.
CK_CLONES static void ck_patch_rows(
    const float *x, const ck_conv_geometry *g, ptrdiff_t rowStart, ptrdiff_t rowEnd, float *out) {
  if (g->kernel == 3) {
    switch (g->channels) {
    case 1: ck_patch_rows_body(x, g, rowStart, rowEnd, out, 1, 3); return;
    case 8: ck_patch_rows_body(x, g, rowStart, rowEnd, out, 8, 3); return;
    case 16: ck_patch_rows_body(x, g, rowStart, rowEnd, out, 16, 3); return;
    case 32: ck_patch_rows_body(x, g, rowStart, rowEnd, out, 32, 3); return;
    }
  }
  ck_patch_rows_body(x, g, rowStart, rowEnd, out, g->channels, g->kernel);
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
