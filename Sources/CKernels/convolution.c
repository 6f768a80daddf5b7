// A convolution with one output channel, computed directly instead of as im2col + sgemm: the
// last layer of every convolutional decoder in the course (32, 16 or 8 channels back to one
// grey image). As a matrix product it is [B * H * W, k * k * C] x [k * k * C, 1], a product
// with N = 1 that sgemm runs through its full packing (6 GFLOP/s for the conv VAE's 115 MB
// patch matrix), after im2col has written that matrix and before col2im reads it back. Here
// each output pixel reads its k x k x C input values in place.
//
// Numerics: compiled with -ffp-contract=off like ckernels.c, and every sum runs in the order
// the code spells out (channel lanes, then a fixed tree), so every clone gives the same bits.
// The input gradient adds the products g * w to each pixel in exactly col2im's order, so it is
// bit for bit the im2col route's (whose K = 1 product rounds each g * w once).

#include "ckernels.h"

#if defined(__x86_64__) && defined(__linux__) && (defined(__clang__) || defined(__GNUC__))
#define CK_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CK_CLONES
#endif

/// The widest channel count the fixed-size accumulators take.
enum { CK_CONV_MAX_CHANNELS = 512 };

/// Sums acc[0..<channels] in a fixed order: 8 lanes (c mod 8), then a tree 8 -> 4 -> 2 -> 1.
/// acc must hold a multiple of 8 entries, zero past `channels`.
static inline float ck_lane_sum(float *acc, ptrdiff_t channels) {
  ptrdiff_t padded = (channels + 7) & ~(ptrdiff_t)7;
  for (ptrdiff_t c = 8; c < padded; c += 8)
    for (int j = 0; j < 8; j++) acc[j] += acc[c + j];
  for (int j = 0; j < 4; j++) acc[j] += acc[j + 4];
  acc[0] += acc[2];
  acc[1] += acc[3];
  return acc[0] + acc[1];
}

// Each kernel is written once as an inline body taking the channel count, and instantiated for
// the course's counts (8, 16, 32: known at compile time, the channel loops unroll into whole
// vectors) and for any other: the same operations in the same order, so the same bits.
#define CK_DISPATCH_CHANNELS(impl, ...)                  \
  switch (g->channels) {                                 \
  case 8: impl(__VA_ARGS__, 8); break;                   \
  case 16: impl(__VA_ARGS__, 16); break;                 \
  case 32: impl(__VA_ARGS__, 32); break;                 \
  default: impl(__VA_ARGS__, g->channels); break;        \
  }

static inline __attribute__((always_inline)) void
ck_conv1_forward_body(const float *restrict x, const float *restrict w, float bias, float *restrict y,
                      ptrdiff_t imageStart, ptrdiff_t imageEnd, const ck_conv_geometry *g, const ptrdiff_t c) {
  const ptrdiff_t k = g->kernel;
  const ptrdiff_t inputSize = g->height * g->width * c, positions = g->outputHeight * g->outputWidth;
  float acc[CK_CONV_MAX_CHANNELS];
  for (ptrdiff_t n = imageStart; n < imageEnd; n++) {
    const float *image = x + n * inputSize;
    for (ptrdiff_t oy = 0; oy < g->outputHeight; oy++) {
      for (ptrdiff_t ox = 0; ox < g->outputWidth; ox++) {
        for (ptrdiff_t ch = 0; ch < ((c + 7) & ~(ptrdiff_t)7); ch++) acc[ch] = 0;
        for (ptrdiff_t ky = 0; ky < k; ky++) {
          ptrdiff_t iy = oy * g->stride - g->padding + ky;
          if (iy < 0 || iy >= g->height) continue;
          for (ptrdiff_t kx = 0; kx < k; kx++) {
            ptrdiff_t ix = ox * g->stride - g->padding + kx;
            if (ix < 0 || ix >= g->width) continue;
            const float *restrict xp = image + (iy * g->width + ix) * c;
            const float *restrict wp = w + (ky * k + kx) * c;
            for (ptrdiff_t ch = 0; ch < c; ch++) acc[ch] += wp[ch] * xp[ch];
          }
        }
        y[n * positions + oy * g->outputWidth + ox] = ck_lane_sum(acc, c) + bias;
      }
    }
  }
}

static inline __attribute__((always_inline)) void
ck_conv1_weight_gradient_body(const float *restrict x, const float *restrict gy, float *restrict partials,
                              ptrdiff_t imageStart, ptrdiff_t imageEnd, const ck_conv_geometry *g, const ptrdiff_t c) {
  const ptrdiff_t k = g->kernel, patch = k * k * c;
  const ptrdiff_t inputSize = g->height * g->width * c, positions = g->outputHeight * g->outputWidth;
  for (ptrdiff_t n = imageStart; n < imageEnd; n++) {
    const float *image = x + n * inputSize;
    float *restrict part = partials + n * patch;
    for (ptrdiff_t i = 0; i < patch; i++) part[i] = 0;
    for (ptrdiff_t oy = 0; oy < g->outputHeight; oy++) {
      for (ptrdiff_t ox = 0; ox < g->outputWidth; ox++) {
        const float go = gy[n * positions + oy * g->outputWidth + ox];
        for (ptrdiff_t ky = 0; ky < k; ky++) {
          ptrdiff_t iy = oy * g->stride - g->padding + ky;
          if (iy < 0 || iy >= g->height) continue;
          for (ptrdiff_t kx = 0; kx < k; kx++) {
            ptrdiff_t ix = ox * g->stride - g->padding + kx;
            if (ix < 0 || ix >= g->width) continue;
            const float *restrict xp = image + (iy * g->width + ix) * c;
            float *restrict pp = part + (ky * k + kx) * c;
            for (ptrdiff_t ch = 0; ch < c; ch++) pp[ch] += go * xp[ch];
          }
        }
      }
    }
  }
}

static inline __attribute__((always_inline)) void
ck_conv1_input_gradient_body(const float *restrict gy, const float *restrict w, float *restrict dx,
                             ptrdiff_t imageStart, ptrdiff_t imageEnd, const ck_conv_geometry *g, const ptrdiff_t c) {
  const ptrdiff_t k = g->kernel;
  const ptrdiff_t inputSize = g->height * g->width * c, positions = g->outputHeight * g->outputWidth;
  for (ptrdiff_t n = imageStart; n < imageEnd; n++) {
    float *restrict image = dx + n * inputSize;
    for (ptrdiff_t i = 0; i < inputSize; i++) image[i] = 0;
    for (ptrdiff_t oy = 0; oy < g->outputHeight; oy++) {
      for (ptrdiff_t ox = 0; ox < g->outputWidth; ox++) {
        const float go = gy[n * positions + oy * g->outputWidth + ox];
        for (ptrdiff_t ky = 0; ky < k; ky++) {
          ptrdiff_t iy = oy * g->stride - g->padding + ky;
          if (iy < 0 || iy >= g->height) continue;
          for (ptrdiff_t kx = 0; kx < k; kx++) {
            ptrdiff_t ix = ox * g->stride - g->padding + kx;
            if (ix < 0 || ix >= g->width) continue;
            float *restrict xp = image + (iy * g->width + ix) * c;
            const float *restrict wp = w + (ky * k + kx) * c;
            for (ptrdiff_t ch = 0; ch < c; ch++) {
              const float product = go * wp[ch];
              xp[ch] += product;
            }
          }
        }
      }
    }
  }
}

CK_CLONES
void ck_conv1_forward(const float *x, const float *w, float bias, float *y, ptrdiff_t imageStart, ptrdiff_t imageEnd,
                      const ck_conv_geometry *g) {
  CK_DISPATCH_CHANNELS(ck_conv1_forward_body, x, w, bias, y, imageStart, imageEnd, g)
}

CK_CLONES
void ck_conv1_weight_gradient(const float *x, const float *gy, float *partials, ptrdiff_t imageStart,
                              ptrdiff_t imageEnd, const ck_conv_geometry *g) {
  CK_DISPATCH_CHANNELS(ck_conv1_weight_gradient_body, x, gy, partials, imageStart, imageEnd, g)
}

CK_CLONES
void ck_conv1_input_gradient(const float *gy, const float *w, float *dx, ptrdiff_t imageStart, ptrdiff_t imageEnd,
                             const ck_conv_geometry *g) {
  CK_DISPATCH_CHANNELS(ck_conv1_input_gradient_body, gy, w, dx, imageStart, imageEnd, g)
}
