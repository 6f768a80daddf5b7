// The machine's multiply-add peak, for bench: the FLOP rate no product can exceed.
//
// Why a separate measurement: `bench` reports the sgemm ceiling (what OpenBLAS reaches on a
// large product), but whether a target is reachable at all is a question about the cores:
// with two 256-bit FMA pipes (Zen 4 runs a 512-bit FMA on both), a core retires at most 32
// single-precision FLOPs per cycle. Twelve independent chains of fused multiply-adds, longer
// than the FMA latency times the pipes, keep both pipes busy; the result is the clock times
// the FLOPs per cycle, as the hardware delivers it inside this VM.

#include "ckernels.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

__attribute__((target("avx512f"))) static float ck_fma_chains_avx512(long rounds) {
  __m512 acc[12];
  const __m512 a = _mm512_set1_ps(0.999999f), b = _mm512_set1_ps(1e-7f);
  for (int i = 0; i < 12; i++) acc[i] = _mm512_set1_ps((float)i);
  for (long r = 0; r < rounds; r++)
    for (int i = 0; i < 12; i++) acc[i] = _mm512_fmadd_ps(acc[i], a, b);
  float s = 0;
  for (int i = 0; i < 12; i++) s += _mm512_reduce_add_ps(acc[i]);
  return s;
}

__attribute__((target("avx2,fma"))) static float ck_fma_chains_avx2(long rounds) {
  __m256 acc[12];
  const __m256 a = _mm256_set1_ps(0.999999f), b = _mm256_set1_ps(1e-7f);
  for (int i = 0; i < 12; i++) acc[i] = _mm256_set1_ps((float)i);
  for (long r = 0; r < rounds; r++)
    for (int i = 0; i < 12; i++) acc[i] = _mm256_fmadd_ps(acc[i], a, b);
  float lanes[8], s = 0;
  for (int i = 0; i < 12; i++) {
    _mm256_storeu_ps(lanes, acc[i]);
    for (int l = 0; l < 8; l++) s += lanes[l];
  }
  return s;
}
#endif

static float ck_fma_chains_scalar(long rounds) {
  float acc[12];
  for (int i = 0; i < 12; i++) acc[i] = (float)i;
  for (long r = 0; r < rounds; r++)
    for (int i = 0; i < 12; i++) acc[i] = __builtin_fmaf(acc[i], 0.999999f, 1e-7f);
  float s = 0;
  for (int i = 0; i < 12; i++) s += acc[i];
  return s;
}

double ck_fma_chains(long rounds, float *sink) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) {
    *sink = ck_fma_chains_avx512(rounds);
    return 2.0 * 16 * 12 * (double)rounds;
  }
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    *sink = ck_fma_chains_avx2(rounds);
    return 2.0 * 8 * 12 * (double)rounds;
  }
#endif
  *sink = ck_fma_chains_scalar(rounds);
  return 2.0 * 12 * (double)rounds;
}
