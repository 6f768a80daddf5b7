// OpenBLAS's kernel family, pinned once per process (see Lecture/BLASKernels.swift for why).

#include "ckernels.h"

#include <pthread.h>
#include <stdlib.h>

#define CK_PINNED_BLAS_KERNELS "Haswell"

// Entry points of OpenBLAS builds with DYNAMIC_ARCH (Debian's): weak, so a build without them
// links and simply keeps its kernels.
extern void gotoblas_dynamic_init(void) __attribute__((weak));
extern void gotoblas_dynamic_quit(void) __attribute__((weak));

int ck_pin_blas_kernels(const char *coretype) {
  if (getenv("OPENBLAS_CORETYPE") != NULL) return 0;  // the user's own choice stands
  if (gotoblas_dynamic_init == NULL || gotoblas_dynamic_quit == NULL) return 0;
  if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma")) return 0;
  setenv("OPENBLAS_CORETYPE", coretype, 1);
  gotoblas_dynamic_quit();  // forgets the kernel table chosen at load time
  gotoblas_dynamic_init();  // chooses again, reading OPENBLAS_CORETYPE
  return 1;
}

const char *ck_pinned_blas_kernels(void) { return CK_PINNED_BLAS_KERNELS; }

static pthread_once_t ck_pin_once = PTHREAD_ONCE_INIT;
static int ck_pinned = 0;

static void ck_pin_once_body(void) { ck_pinned = ck_pin_blas_kernels(CK_PINNED_BLAS_KERNELS); }

int ck_blas_prepare(void) {
  pthread_once(&ck_pin_once, ck_pin_once_body);
  return ck_pinned;
}
