// Large tensors from the heap, not fresh pages for each one: glibc serves every block above
// 32 MB (its largest mmap threshold) with its own mmap and unmaps it on free, so a training
// step that builds and drops a 115 MB patch matrix (im2col of a batch of 128 images at
// 28x28x32) makes the kernel fault in and zero 28,000 pages, every step. Served from the heap
// and kept there, the same memory is reused: on the conv VAE the system time of a quick epoch
// fell from 35 s to 1 s. The price is that the process keeps its peak memory until it exits.

import CKernels

/// Serves large allocations from the heap and keeps freed memory for reuse (call once, first
/// thing in an executable; nothing to do outside glibc).
public func reuseLargeAllocations() {
  ck_reuse_large_allocations()
}
