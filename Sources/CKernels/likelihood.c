// The Bernoulli log-likelihood of a decoder's logits, log p(x | z) per row, in Double: what the
// held-out estimates (the ELBO and the importance-sampled log p(x) of the VAE and CVAE
// chapters) evaluate K times per test image, 784 pixels at a time.
//
// Each pixel's softplus term log(1 + e^-|l|) is written as fdlibm writes exp and log1p (Sun's
// freely distributable libm, the basis of glibc's and most others), without their branches,
// so that the compiler evaluates four or eight pixels at once; libm's scalar calls cost about
// 30 ns per pixel on one core, most of these estimates' time. fdlibm bounds each function's error by one
// unit in the last place; the test holds the term to libm's log1p(exp(-|l|)) within two.
// Each row is still summed in pixel order, as the Swift loop it replaces summed it. Compiled
// with -ffp-contract=off (Package.swift), so every clone gives the same bits.

#include "ckernels.h"
#include "variants.h"
#include <stdint.h>
#include <string.h>

static inline double ck_bits_to_double(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }
static inline int64_t ck_double_to_bits(double d) { int64_t u; memcpy(&u, &d, 8); return u; }

static const double ck_ln2_hi = 6.93147180369123816490e-01;  // ln 2, its last 32 bits zero
static const double ck_ln2_lo = 1.90821492927058770002e-10;  // ln 2 - ck_ln2_hi

// e^-a for a >= 0 (fdlibm's e_exp.c): a = k ln2 + r with |r| <= ln2 / 2, e^r from a rational
// approximation on that interval, times 2^k. Beyond a = 708 the result would be subnormal
// (below 2.3e-308); it is returned as 0, which changes no sum of these terms. NaN stays NaN.
static inline double ck_exp_negative(double a) {
  double x = -(a > 708.0 ? 708.0 : a);
  const double shifter = 6755399441055744.0;  // 1.5 * 2^52: adding it rounds to an integer
  double shifted = x * 1.44269504088896338700e+00 + shifter;
  double k = shifted - shifter;
  int64_t ki = ck_double_to_bits(shifted) - ck_double_to_bits(shifter);
  double hi = x - k * ck_ln2_hi;
  double lo = k * ck_ln2_lo;
  double r = hi - lo;
  double t = r * r;
  double c = r - t * (1.66666666666666019037e-01 +
                      t * (-2.77777777770155933842e-03 +
                           t * (6.61375632143793436117e-05 +
                                t * (-1.65339022054652515390e-06 + t * 4.13813679705723846039e-08))));
  double y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
  double scale = ck_bits_to_double((uint64_t)(ki + 1023) << 52);
  return a > 708.0 ? 0.0 : y * scale;
}

// log(1 + e) for 0 <= e <= 1 (fdlibm's s_log1p.c): below sqrt(2) - 1, f = e; above, 1 + e is
// halved to u / 2 in [0.71, 1], f = u / 2 - 1 (exact) and c carries what rounding 1 + e lost;
// then log(1 + f) = 2 atanh(f / (2 + f)) from its series in s = f / (2 + f).
static inline double ck_log1p_unit(double e) {
  int high = e >= 0.41421356237309503;  // sqrt(2) - 1
  double u = 1.0 + e;
  double k = high ? 1.0 : 0.0;
  double c = high ? (e - (u - 1.0)) / u : 0.0;
  double f = high ? u * 0.5 - 1.0 : e;
  double hfsq = 0.5 * f * f;
  double s = f / (2.0 + f);
  double z = s * s;
  double R = z * (6.666666666666735130e-01 +
                  z * (3.999999999940941908e-01 +
                       z * (2.857142874366239149e-01 +
                            z * (2.222219843214978396e-01 +
                                 z * (1.818357216161805012e-01 +
                                      z * (1.531383769920937332e-01 + z * 1.479819860511658591e-01))))));
  return k * ck_ln2_hi - ((hfsq - (s * (hfsq + R) + (k * ck_ln2_lo + c))) - f);
}

CK_CLONES
void ck_bernoulli_log_likelihood_rows(double *out, double *scratch, const float *logits, const float *targets,
                                      ptrdiff_t rowStart, ptrdiff_t rowEnd, ptrdiff_t columns) {
  for (ptrdiff_t i = rowStart; i < rowEnd; i++) {
    const float *restrict l = logits + i * columns;
    const float *restrict t = targets + i * columns;
    double *restrict term = scratch;
    for (ptrdiff_t j = 0; j < columns; j++) {
      double x = l[j];
      double a = x < 0 ? -x : x;
      double relu = 0.0 >= x ? 0.0 : x;  // Swift.max(x, 0), NaN included
      term[j] = relu - x * (double)t[j] + ck_log1p_unit(ck_exp_negative(a));
    }
    double total = 0.0;
    for (ptrdiff_t j = 0; j < columns; j++) total -= term[j];
    out[i] = total;
  }
}
