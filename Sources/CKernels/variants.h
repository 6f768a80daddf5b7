// How the kernels are compiled in several variants, shared by the files that need them.
#ifndef CK_VARIANTS_H
#define CK_VARIANTS_H

/// Function multiversioning: the function is compiled for AVX-512, AVX2 and baseline x86-64,
/// and the loader picks the widest the CPU supports, so the binary still runs on any x86-64.
#if defined(__x86_64__) && defined(__linux__) && (defined(__clang__) || defined(__GNUC__))
#define CK_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CK_CLONES
#endif

/// Calls `fixed` with the course's channel counts 8, 16 and 32 as compile-time constants (the
/// channel loops then become whole vectors) and `any` with any other count, each with the
/// arguments followed by the count.
#define CK_DISPATCH_CHANNELS(fixed, any, channels, ...) \
  switch (channels) {                                  \
  case 8: fixed(__VA_ARGS__, 8); break;                \
  case 16: fixed(__VA_ARGS__, 16); break;              \
  case 32: fixed(__VA_ARGS__, 32); break;              \
  default: any(__VA_ARGS__, channels); break;          \
  }

#endif
