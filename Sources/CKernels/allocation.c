// Heap settings for the executables (see Lecture/LargeAllocations.swift for the reason).

#include "ckernels.h"

#include <stdlib.h>  // defines __GLIBC__ under glibc
#if defined(__GLIBC__)
#include <malloc.h>
#endif

void ck_reuse_large_allocations(void) {
#if defined(__GLIBC__)
  mallopt(M_MMAP_MAX, 0);
  mallopt(M_TRIM_THRESHOLD, 0x7fffffff);
#endif
}
