// Large tensors from the heap, not fresh pages for each one: glibc serves every block above
// 32 MB (its largest mmap threshold) with its own mmap and unmaps it on free, so a training
// step that builds and drops a 115 MB patch matrix (im2col of a batch of 128 images at
// 28x28x32) makes the kernel fault in and zero 28,000 pages, every step. Served from the heap
// and kept there, the same memory is reused: `vae --quick --section conv-vae` went from 16.7 s
// (10.8 s of it in the kernel) to 8.6 s (1.9 s), `denoising --quick` from 26.1 s to 19.6 s. The
// price is that the process keeps its peak memory until it exits.

import CKernels

/// Serves large allocations from the heap and keeps freed memory for reuse (call once, first
/// thing in an executable; nothing to do outside glibc).
public func reuseLargeAllocations() {
  ck_reuse_large_allocations()
}
