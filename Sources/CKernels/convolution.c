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
#include "variants.h"

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

// Each kernel is written once as an inline body taking the channel count, for any count, and
// once more in vectors of 8 channels (ck_v8 below) for the course's counts 8, 16 and 32: the same
// operations in the same order, so the same bits. (Left to itself, the compiler vectorised the
// scalar body's channel loops two floats at a time: about 12 % of the VQ-VAE's epoch in `perf`.)
// variants.h's CK_DISPATCH_CHANNELS picks the body by the channel count.

// The traversal the three kernels share: every output position (oy, ox) of images
// [imageStart, imageEnd) in raster order, and within it every kernel tap inside the image in
// the order (ky, kx). `before` and `after` run at each position, the last argument at each tap
// with `tap` = (ky k + kx) C, the tap's offset in the weights, and `pixel` = (y W + x) C, its
// input values' offset in the image; `n` and `position` (oy Wo + ox) are in scope for all three.
#define CK_FOR_EACH_TAP(g, c, before, after, ...)                                         \
  for (ptrdiff_t n = imageStart; n < imageEnd; n++)                                       \
    for (ptrdiff_t oy = 0; oy < (g)->outputHeight; oy++)                                  \
      for (ptrdiff_t ox = 0; ox < (g)->outputWidth; ox++) {                               \
        const ptrdiff_t position = oy * (g)->outputWidth + ox;                            \
        before;                                                                           \
        for (ptrdiff_t ky = 0; ky < (g)->kernel; ky++) {                                  \
          const ptrdiff_t iy = oy * (g)->stride - (g)->padding + ky;                      \
          if (iy < 0 || iy >= (g)->height) continue;                                      \
          for (ptrdiff_t kx = 0; kx < (g)->kernel; kx++) {                                \
            const ptrdiff_t ix = ox * (g)->stride - (g)->padding + kx;                    \
            if (ix < 0 || ix >= (g)->width) continue;                                     \
            const ptrdiff_t tap = (ky * (g)->kernel + kx) * (c);                          \
            const ptrdiff_t pixel = (iy * (g)->width + ix) * (c);                         \
            __VA_ARGS__;                                                                  \
          }                                                                               \
        }                                                                                 \
        after;                                                                            \
      }

static inline __attribute__((always_inline)) void
ck_conv1_forward_body(const float *restrict x, const float *restrict w, float bias, float *restrict y,
                      ptrdiff_t imageStart, ptrdiff_t imageEnd, const ck_conv_geometry *g, const ptrdiff_t c) {
  const ptrdiff_t inputSize = g->height * g->width * c, positions = g->outputHeight * g->outputWidth;
  float acc[CK_CONV_MAX_CHANNELS];
  CK_FOR_EACH_TAP(g, c,
    for (ptrdiff_t ch = 0; ch < ((c + 7) & ~(ptrdiff_t)7); ch++) acc[ch] = 0,
    y[n * positions + position] = ck_lane_sum(acc, c) + bias,
    {
      const float *restrict xp = x + n * inputSize + pixel;
      const float *restrict wp = w + tap;
      for (ptrdiff_t ch = 0; ch < c; ch++) acc[ch] += wp[ch] * xp[ch];
    })
}

static inline __attribute__((always_inline)) void
ck_conv1_weight_gradient_body(const float *restrict x, const float *restrict gy, float *restrict partials,
                              ptrdiff_t imageStart, ptrdiff_t imageEnd, const ck_conv_geometry *g, const ptrdiff_t c) {
  const ptrdiff_t patch = g->kernel * g->kernel * c;
  const ptrdiff_t inputSize = g->height * g->width * c, positions = g->outputHeight * g->outputWidth;
  for (ptrdiff_t i = imageStart * patch; i < imageEnd * patch; i++) partials[i] = 0;
  float go = 0;
  CK_FOR_EACH_TAP(g, c, go = gy[n * positions + position], (void)0, {
    const float *restrict xp = x + n * inputSize + pixel;
    float *restrict pp = partials + n * patch + tap;
    for (ptrdiff_t ch = 0; ch < c; ch++) pp[ch] += go * xp[ch];
  })
}

static inline __attribute__((always_inline)) void
ck_conv1_input_gradient_body(const float *restrict gy, const float *restrict w, float *restrict dx,
                             ptrdiff_t imageStart, ptrdiff_t imageEnd, const ck_conv_geometry *g, const ptrdiff_t c) {
  const ptrdiff_t inputSize = g->height * g->width * c, positions = g->outputHeight * g->outputWidth;
  for (ptrdiff_t i = imageStart * inputSize; i < imageEnd * inputSize; i++) dx[i] = 0;
  float go = 0;
  CK_FOR_EACH_TAP(g, c, go = gy[n * positions + position], (void)0, {
    float *restrict xp = dx + n * inputSize + pixel;
    const float *restrict wp = w + tap;
    for (ptrdiff_t ch = 0; ch < c; ch++) {
      const float product = go * wp[ch];
      xp[ch] += product;
    }
  })
}

/// Eight channels' floats, loaded from and stored to any float address.
typedef float ck_v8 __attribute__((vector_size(32), aligned(4), may_alias));

/// ck_lane_sum of c / 8 vectors: lanes added vector by vector in channel order, then the tree.
static inline __attribute__((always_inline)) float ck_vector_lane_sum(const ck_v8 *acc, ptrdiff_t vectors) {
  ck_v8 s = acc[0];
  for (ptrdiff_t i = 1; i < vectors; i++) s += acc[i];
  const float a0 = s[0] + s[4], a1 = s[1] + s[5], a2 = s[2] + s[6], a3 = s[3] + s[7];
  return (a0 + a2) + (a1 + a3);
}

static inline __attribute__((always_inline)) void
ck_conv1_forward_body_vectors(const float *restrict x, const float *restrict w, float bias, float *restrict y,
                              ptrdiff_t imageStart, ptrdiff_t imageEnd, const ck_conv_geometry *g, const ptrdiff_t c) {
  const ptrdiff_t inputSize = g->height * g->width * c, positions = g->outputHeight * g->outputWidth, v = c / 8;
  ck_v8 acc[CK_CONV_MAX_CHANNELS / 8];
  CK_FOR_EACH_TAP(g, c,
    for (ptrdiff_t i = 0; i < v; i++) acc[i] = (ck_v8){0},
    y[n * positions + position] = ck_vector_lane_sum(acc, v) + bias,
    {
      const ck_v8 *xp = (const ck_v8 *)(x + n * inputSize + pixel);
      const ck_v8 *wp = (const ck_v8 *)(w + tap);
      for (ptrdiff_t i = 0; i < v; i++) acc[i] += wp[i] * xp[i];
    })
}

static inline __attribute__((always_inline)) void
ck_conv1_weight_gradient_body_vectors(const float *restrict x, const float *restrict gy, float *restrict partials,
                                      ptrdiff_t imageStart, ptrdiff_t imageEnd, const ck_conv_geometry *g,
                                      const ptrdiff_t c) {
  const ptrdiff_t patch = g->kernel * g->kernel * c, v = c / 8;
  const ptrdiff_t inputSize = g->height * g->width * c, positions = g->outputHeight * g->outputWidth;
  for (ptrdiff_t i = imageStart * patch; i < imageEnd * patch; i++) partials[i] = 0;
  float go = 0;
  CK_FOR_EACH_TAP(g, c, go = gy[n * positions + position], (void)0, {
    const ck_v8 *xp = (const ck_v8 *)(x + n * inputSize + pixel);
    ck_v8 *pp = (ck_v8 *)(partials + n * patch + tap);
    for (ptrdiff_t i = 0; i < v; i++) pp[i] += go * xp[i];
  })
}

static inline __attribute__((always_inline)) void
ck_conv1_input_gradient_body_vectors(const float *restrict gy, const float *restrict w, float *restrict dx,
                                     ptrdiff_t imageStart, ptrdiff_t imageEnd, const ck_conv_geometry *g,
                                     const ptrdiff_t c) {
  const ptrdiff_t inputSize = g->height * g->width * c, positions = g->outputHeight * g->outputWidth, v = c / 8;
  for (ptrdiff_t i = imageStart * inputSize; i < imageEnd * inputSize; i++) dx[i] = 0;
  float go = 0;
  CK_FOR_EACH_TAP(g, c, go = gy[n * positions + position], (void)0, {
    ck_v8 *xp = (ck_v8 *)(dx + n * inputSize + pixel);
    const ck_v8 *wp = (const ck_v8 *)(w + tap);
    for (ptrdiff_t i = 0; i < v; i++) xp[i] += go * wp[i];
  })
}

CK_CLONES
void ck_conv1_forward(const float *x, const float *w, float bias, float *y, ptrdiff_t imageStart, ptrdiff_t imageEnd,
                      const ck_conv_geometry *g) {
  CK_DISPATCH_CHANNELS(ck_conv1_forward_body_vectors, ck_conv1_forward_body, g->channels,
                       x, w, bias, y, imageStart, imageEnd, g)
}

CK_CLONES
void ck_conv1_weight_gradient(const float *x, const float *gy, float *partials, ptrdiff_t imageStart,
                              ptrdiff_t imageEnd, const ck_conv_geometry *g) {
  CK_DISPATCH_CHANNELS(ck_conv1_weight_gradient_body_vectors, ck_conv1_weight_gradient_body, g->channels,
                       x, gy, partials, imageStart, imageEnd, g)
}

CK_CLONES
void ck_conv1_input_gradient(const float *gy, const float *w, float *dx, ptrdiff_t imageStart, ptrdiff_t imageEnd,
                             const ck_conv_geometry *g) {
  CK_DISPATCH_CHANNELS(ck_conv1_input_gradient_body_vectors, ck_conv1_input_gradient_body, g->channels,
                       gy, w, dx, imageStart, imageEnd, g)
}
