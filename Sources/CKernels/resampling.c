// The convolutional autoencoders' 2x resampling of NHWC images: 2 x 2 max pooling down and its
// winners, nearest-neighbour upsampling and its adjoint (each pixel's 2 x 2 block of gradients
// summed back into it). NeuralNet's Reference/ReferenceResampling.swift writes them in plain
// Swift, as they ran before: there the channel loops went one float at a time, and the passes
// were about 7 % of a VQ-VAE epoch's samples in `perf`. Here a pixel's channels
// are whole vectors: each function is written once and instantiated for the course's channel
// counts 8, 16 and 32 (known at compile time) and for any other, compiled for AVX-512, AVX2 and
// baseline x86-64.
//
// Numerics: the same comparisons and additions in the same order as the Swift definitions, so
// the same bits (-ffp-contract=off as for the other kernels; nothing here could fuse anyway).

#include "ckernels.h"
#include "variants.h"

/// One step of a window's maximum: x[i] replaces the best so far (and i its index) if larger,
/// so ties keep the earlier element and a NaN never wins (as in referenceMaxPool2x2).
static inline __attribute__((always_inline)) void ck_keep_larger(const float *x, ptrdiff_t i, float *best,
                                                                 int32_t *at) {
  const float v = x[i];
  const int better = v > *best;
  *best = better ? v : *best;
  *at = better ? (int32_t)i : *at;
}

static inline __attribute__((always_inline)) void ck_max_pool_body(
    const float *restrict x, float *restrict out, int32_t *restrict winner, ptrdiff_t imageStart, ptrdiff_t imageEnd,
    ptrdiff_t height, ptrdiff_t width, const ptrdiff_t c) {
  const ptrdiff_t ho = height / 2, wo = width / 2, inSize = height * width * c, outSize = ho * wo * c;
  for (ptrdiff_t n = imageStart; n < imageEnd; n++)
    for (ptrdiff_t oy = 0; oy < ho; oy++)
      for (ptrdiff_t ox = 0; ox < wo; ox++) {
        const ptrdiff_t o = n * outSize + (oy * wo + ox) * c;
        const ptrdiff_t corner = n * inSize + (2 * oy * width + 2 * ox) * c;
        const ptrdiff_t right = corner + c, below = corner + width * c;
        // The window in raster order: (0, 0), (0, 1), (1, 0), (1, 1).
        for (ptrdiff_t ch = 0; ch < c; ch++) {
          float best = -__builtin_inff();
          int32_t at = 0;
          ck_keep_larger(x, corner + ch, &best, &at);
          ck_keep_larger(x, right + ch, &best, &at);
          ck_keep_larger(x, below + ch, &best, &at);
          ck_keep_larger(x, below + c + ch, &best, &at);
          out[o + ch] = best;
          winner[o + ch] = at;
        }
      }
}

CK_CLONES
void ck_max_pool2x2(const float *x, float *out, int32_t *winner, ptrdiff_t imageStart, ptrdiff_t imageEnd,
                    ptrdiff_t height, ptrdiff_t width, ptrdiff_t channels) {
  CK_DISPATCH_CHANNELS(ck_max_pool_body, ck_max_pool_body, channels,
                       x, out, winner, imageStart, imageEnd, height, width)
}

// Every pixel of images [imageStart, imageEnd) in raster order, with `pixel` its offset in the
// images [B, H * W * C] and `top` and `bottom` those of the two rows of its 2 x 2 block in the
// upsampled images [B, 2H * 2W * C]: the traversal upsampling and its adjoint share.
#define CK_FOR_EACH_PIXEL_BLOCK(c, ...)                                                         \
  for (ptrdiff_t n = imageStart; n < imageEnd; n++)                                             \
    for (ptrdiff_t y = 0; y < height; y++)                                                      \
      for (ptrdiff_t xx = 0; xx < width; xx++) {                                                \
        const ptrdiff_t pixel = (n * height * width + y * width + xx) * (c);                    \
        const ptrdiff_t top = (4 * n * height * width + 2 * y * 2 * width + 2 * xx) * (c);      \
        const ptrdiff_t bottom = top + 2 * width * (c);                                         \
        __VA_ARGS__;                                                                            \
      }

static inline __attribute__((always_inline)) void ck_upsample_body(
    const float *restrict x, float *restrict out, ptrdiff_t imageStart, ptrdiff_t imageEnd, ptrdiff_t height,
    ptrdiff_t width, const ptrdiff_t c) {
  CK_FOR_EACH_PIXEL_BLOCK(c, {
    for (ptrdiff_t ch = 0; ch < c; ch++)
      out[top + ch] = out[top + c + ch] = out[bottom + ch] = out[bottom + c + ch] = x[pixel + ch];
  })
}

CK_CLONES
void ck_upsample2x(const float *x, float *out, ptrdiff_t imageStart, ptrdiff_t imageEnd, ptrdiff_t height,
                   ptrdiff_t width, ptrdiff_t channels) {
  CK_DISPATCH_CHANNELS(ck_upsample_body, ck_upsample_body, channels, x, out, imageStart, imageEnd, height, width)
}

static inline __attribute__((always_inline)) void ck_upsample_backward_body(
    const float *restrict g, float *restrict dx, ptrdiff_t imageStart, ptrdiff_t imageEnd, ptrdiff_t height,
    ptrdiff_t width, const ptrdiff_t c) {
  // The block in raster order of the output, added to zero (as the reference's loop over the
  // output adds into a cleared dx).
  CK_FOR_EACH_PIXEL_BLOCK(c, {
    for (ptrdiff_t ch = 0; ch < c; ch++)
      dx[pixel + ch] = (((0.0f + g[top + ch]) + g[top + c + ch]) + g[bottom + ch]) + g[bottom + c + ch];
  })
}

CK_CLONES
void ck_upsample2x_backward(const float *g, float *dx, ptrdiff_t imageStart, ptrdiff_t imageEnd, ptrdiff_t height,
                            ptrdiff_t width, ptrdiff_t channels) {
  CK_DISPATCH_CHANNELS(ck_upsample_backward_body, ck_upsample_backward_body, channels,
                       g, dx, imageStart, imageEnd, height, width)
}
