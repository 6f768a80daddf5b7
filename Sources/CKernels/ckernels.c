// The hot element-wise loops of training (bias + activation, activation derivative, bias
// gradient, fused sigmoid cross-entropy, Adam), each compiled three times by function
// multiversioning (target_clones: AVX-512, AVX2, baseline SSE2); the loader picks the widest
// the CPU supports, so the binary still runs on any x86-64.
//
// Numerics: these are the operations of the Swift versions (FastMath's exp, atanh series and
// Newton square root) in the same order. The package compiles this file with
// -ffp-contract=off, so no multiply-add is fused and every clone gives bit-identical results
// on every CPU.

#include "ckernels.h"
#include "variants.h"
#include <stdint.h>
#include <string.h>

static inline float ck_bits_to_float(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static inline uint32_t ck_float_to_bits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static inline float ck_max(float a, float b) { return a > b ? a : b; }
static inline float ck_min(float a, float b) { return a < b ? a : b; }

// FastMath.exp: Cephes expf with the 1.5 * 2^23 rounding trick, clamped to [-87.3, 88].
static inline float ck_exp(float x) {
  float xc = ck_min(ck_max(x, -87.3f), 88.0f);
  const float shifter = 12582912.0f;
  float shifted = xc * 1.44269504f + shifter;
  float k = shifted - shifter;
  int32_t ki = (int32_t)ck_float_to_bits(shifted) - (int32_t)ck_float_to_bits(shifter);
  float r = (xc - k * 0.693359375f) - k * -2.1219444e-4f;
  float r2 = r * r;
  float p01 = 5.0000001201e-1f + 1.6666665459e-1f * r;
  float p23 = 4.1665795894e-2f + 8.3334519073e-3f * r;
  float p45 = 1.3981999507e-3f + 1.9875691500e-4f * r;
  float p = p01 + r2 * (p23 + r2 * p45);
  float er = p * r2 + r + 1;
  float scale = ck_bits_to_float((uint32_t)(ki + 127) << 23);
  return er * scale;
}

// FastMath.twiceAtanh: 2 atanh(s) for s in [0, 1/3].
static inline float ck_twice_atanh(float s) {
  float t = s * s;
  float t2 = t * t;
  float q01 = 1.0f / 3 + t * (1.0f / 5);
  float q23 = 1.0f / 7 + t * (1.0f / 9);
  float q45 = 1.0f / 11 + t * (1.0f / 13);
  float q = q01 + t2 * (q23 + t2 * q45);
  return 2 * (s + s * t * q);
}

static inline float ck_sigmoid(float x) {
  float e = ck_exp(-__builtin_fabsf(x));
  float r = 1 / (1 + e);
  return x >= 0 ? r : e * r;
}

// FastMath.squareRoot: three Newton steps on the reciprocal square root.
static inline float ck_sqrt(float x) {
  float y = ck_bits_to_float(0x5F375A86u - (ck_float_to_bits(x) >> 1));
  float half = 0.5f * x;
  y = y * (1.5f - half * y * y);
  y = y * (1.5f - half * y * y);
  y = y * (1.5f - half * y * y);
  return x * y;
}

// FastMath.sum: 16 lanes of partial sums, then the lanes in SIMD16.sum()'s pairwise order,
// then the tail.
static inline float ck_sum(const float *p, ptrdiff_t count) {
  float acc[16] = {0};
  ptrdiff_t i = 0;
  for (; i + 16 <= count; i += 16)
    for (int l = 0; l < 16; l++) acc[l] += p[i + l];
  for (int w = 8; w >= 1; w /= 2)
    for (int l = 0; l < w; l++) acc[l] = acc[l] + acc[l + w];
  float s = acc[0];
  for (; i < count; i++) s += p[i];
  return s;
}

CK_CLONES
void ck_bias_activation(float *z, const float *b, ptrdiff_t rowStart, ptrdiff_t rowEnd, ptrdiff_t columns, int act) {
  for (ptrdiff_t i = rowStart; i < rowEnd; i++) {
    float *restrict row = z + i * columns;
    if (b) {
      const float *restrict bb = b;
      switch (act) {
      case 0: for (ptrdiff_t j = 0; j < columns; j++) row[j] += bb[j]; break;
      case 1: for (ptrdiff_t j = 0; j < columns; j++) { float v = row[j] + bb[j]; row[j] = 0 >= v ? 0 : v; } break;
      case 2: for (ptrdiff_t j = 0; j < columns; j++) row[j] = ck_sigmoid(row[j] + bb[j]); break;
      }
    } else {
      switch (act) {
      case 1: for (ptrdiff_t j = 0; j < columns; j++) { float v = row[j] + 0.0f; row[j] = 0 >= v ? 0 : v; } break;
      case 2: for (ptrdiff_t j = 0; j < columns; j++) row[j] = ck_sigmoid(row[j] + 0.0f); break;
      default: break;
      }
    }
  }
}

CK_CLONES
void ck_activation_backward(float *restrict dz, const float *restrict dy, const float *restrict y, ptrdiff_t n, int act) {
  switch (act) {
  case 1: for (ptrdiff_t i = 0; i < n; i++) dz[i] = y[i] > 0 ? dy[i] : 0; break;
  case 2: for (ptrdiff_t i = 0; i < n; i++) dz[i] = dy[i] * y[i] * (1 - y[i]); break;
  case 3: for (ptrdiff_t i = 0; i < n; i++) dz[i] = dy[i] * (1 - y[i] * y[i]); break;
  default: for (ptrdiff_t i = 0; i < n; i++) dz[i] = dy[i]; break;
  }
}

CK_CLONES
void ck_column_sums_double(double *restrict acc, const float *restrict t, ptrdiff_t rows, ptrdiff_t columns) {
  for (ptrdiff_t i = 0; i < rows; i++) {
    const float *restrict row = t + i * columns;
    for (ptrdiff_t j = 0; j < columns; j++) acc[j] += (double)row[j];
  }
}

CK_CLONES
void ck_column_sums(float *restrict out, const float *restrict t, ptrdiff_t rows, ptrdiff_t columns) {
  for (ptrdiff_t j = 0; j < columns; j++) out[j] = 0;
  for (ptrdiff_t i = 0; i < rows; i++) {
    const float *restrict row = t + i * columns;
    for (ptrdiff_t j = 0; j < columns; j++) out[j] += row[j];
  }
}

CK_CLONES
void ck_bce_logits(const float *x, const float *t, float *grad, double *rowSums, float *scratch,
                   ptrdiff_t rowStart, ptrdiff_t rowEnd, ptrdiff_t columns, ptrdiff_t count, float inverseN) {
  float *restrict term = scratch;
  for (ptrdiff_t r = rowStart; r < rowEnd; r++) {
    ptrdiff_t start = r * columns;
    ptrdiff_t width = count - start < columns ? count - start : columns;
    const float *restrict xr = x + start;
    const float *restrict tr = t + start;
    float *restrict gr = grad + start;
    for (ptrdiff_t j = 0; j < width; j++) {
      float xi = xr[j], ti = tr[j];
      float e = ck_exp(-__builtin_fabsf(xi));
      float a = 1 + e, b = 2 + e;
      float rr = 1 / (a * b);
      float p = b * rr;
      term[j] = ck_max(xi, 0) - xi * ti + ck_twice_atanh(e * a * rr);
      gr[j] = ((xi >= 0 ? p : e * p) - ti) * inverseN;
    }
    rowSums[r] = (double)ck_sum(term, width);
  }
}

CK_CLONES
void ck_adam(float *restrict w, float *restrict m, float *restrict v, const float *restrict g, ptrdiff_t start, ptrdiff_t end,
             float b1, float b2, float a1, float a2, float stepSize, float invC2, float eps) {
  for (ptrdiff_t i = start; i < end; i++) {
    float gi = g[i];
    float mi = b1 * m[i] + a1 * gi;
    float vi = b2 * v[i] + a2 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    w[i] -= stepSize * mi / (ck_sqrt(vi * invC2) + eps);
  }
}
