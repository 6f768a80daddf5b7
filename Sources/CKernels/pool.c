// A tiny persistent thread pool for the row-split loops of training (see ck_parallel_run).
//
// Why: GCD's concurrentPerform wakes a sleeping worker through the kernel for every loop; a
// training step of the course's autoencoders runs about ten such loops of 20-200 us each, and
// the wake-ups (futex, scheduling) were about a tenth of the CPU time in `perf`. Here workers
// spin for a short while (2,000 pause instructions, a few tens of microseconds) after each
// job and only then sleep on a condition variable, so consecutive loops of a step are handed
// over without a system call, while an idle process does not keep a core busy. With longer
// spins (20,000) about one bench run in three on two cores was twice as slow throughout;
// with 2,000, about one in fifteen (the cause was not found then).
//
// One cause, found since: the kernel woke a sleeping worker on the CPU of the thread that woke
// it, the caller's, while the other CPU stayed idle, and the two then took turns on one CPU: the
// worker preempted the caller, ran every part of the job, and went back to sleep, so the next
// wake-up put it there again. `bench --gemm-shapes` ran the MLP VAE's first layer at half
// speed in 5 of 6 processes (x W 216-222 GFLOP/s against 431-436; every part on one thread).
// So a worker that wakes on a CPU another pool thread last ran on moves itself to a CPU none of
// them ran on, if its affinity allows one (ck_move_off_shared_cpu); the same runs then gave
// 460-465 GFLOP/s in 8 processes of 8.

#define _GNU_SOURCE
#include "ckernels.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <unistd.h>

#define CK_MAX_WORKERS 63
#define CK_SPIN_ROUNDS 2000

static pthread_once_t ck_once = PTHREAD_ONCE_INIT;
static int ck_workers = 0;  // threads besides the caller
static atomic_int ck_cores = 0;  // the cores to use; 0 until read or set

static pthread_mutex_t ck_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ck_cond = PTHREAD_COND_INITIALIZER;
static atomic_int ck_sleepers = 0;

static atomic_flag ck_busy = ATOMIC_FLAG_INIT;  // one job at a time
// The job's state in one word, so a claim can never mix two jobs: generation (bits 32-63),
// part count (bits 16-31), next unclaimed part (bits 0-15).
static _Atomic unsigned long long ck_state = 0;
static ck_part_fn ck_body;  // written before the state that publishes the job
static void *ck_context;
static atomic_long ck_done = 0;  // parts finished in the current job

// The CPU each pool thread last ran on, -1 before it ran (slot 0: the caller of
// ck_parallel_run; slot i: worker i).
static atomic_int ck_thread_cpu[CK_MAX_WORKERS + 1];

int ck_pool_move_target(int here, const int *others, int count, const int *allowed, int allowedCount) {
  int shared = 0;
  for (int i = 0; i < count; i++) shared |= others[i] == here;
  if (!shared) return -1;
  for (int a = 0; a < allowedCount; a++) {
    int taken = 0;
    for (int i = 0; i < count; i++) taken |= others[i] == allowed[a];
    if (!taken) return allowed[a];
  }
  return -1;
}

// Called by worker `self` after it wakes: records its CPU and, if another pool thread last ran
// there, narrows its affinity to the CPU ck_pool_move_target picks (which migrates it at once)
// and restores it (so it is not pinned). Two system calls, only after a sleep.
static void ck_move_off_shared_cpu(int self) {
  const int here = sched_getcpu();
  atomic_store_explicit(&ck_thread_cpu[self], here, memory_order_relaxed);
  int others[CK_MAX_WORKERS + 1], count = 0;
  for (int i = 0; i <= ck_workers; i++)
    if (i != self) others[count++] = atomic_load_explicit(&ck_thread_cpu[i], memory_order_relaxed);
  cpu_set_t mask;
  if (here < 0 || sched_getaffinity(0, sizeof mask, &mask) != 0) return;
  int allowed[CK_MAX_WORKERS + 2], allowedCount = 0;
  for (int cpu = 0; cpu < CPU_SETSIZE && allowedCount < CK_MAX_WORKERS + 2; cpu++)
    if (CPU_ISSET(cpu, &mask)) allowed[allowedCount++] = cpu;
  const int target = ck_pool_move_target(here, others, count, allowed, allowedCount);
  if (target < 0) return;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(target, &one);
  if (sched_setaffinity(0, sizeof one, &one) != 0) return;
  sched_setaffinity(0, sizeof mask, &mask);
  atomic_store_explicit(&ck_thread_cpu[self], target, memory_order_relaxed);
}

static inline void ck_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

// Claims and runs parts of job `generation` until none is left.
static void ck_work(unsigned long long generation) {
  unsigned long long state = atomic_load_explicit(&ck_state, memory_order_acquire);
  for (;;) {
    unsigned long long next = state & 0xFFFF, parts = (state >> 16) & 0xFFFF;
    if ((state >> 32) != generation || next >= parts) return;
    if (!atomic_compare_exchange_weak_explicit(&ck_state, &state, state + 1, memory_order_acq_rel, memory_order_acquire))
      continue;
    // Claimed an unfinished part of this job, so the job is still running and ck_body and
    // ck_context are still its own.
    ck_body(ck_context, (ptrdiff_t)next);
    atomic_fetch_add_explicit(&ck_done, 1, memory_order_release);
    state = atomic_load_explicit(&ck_state, memory_order_acquire);
  }
}

static void *ck_worker_main(void *slot) {
  const int self = (int)(intptr_t)slot;
  unsigned long long seen = atomic_load_explicit(&ck_state, memory_order_acquire) >> 32;
  for (;;) {
    unsigned long long now = seen;
    for (int i = 0; i < CK_SPIN_ROUNDS; i++) {
      now = atomic_load_explicit(&ck_state, memory_order_acquire) >> 32;
      if (now != seen) break;
      ck_pause();
    }
    if (now == seen) {
      pthread_mutex_lock(&ck_mutex);
      atomic_fetch_add_explicit(&ck_sleepers, 1, memory_order_seq_cst);
      while ((now = atomic_load_explicit(&ck_state, memory_order_seq_cst) >> 32) == seen)
        pthread_cond_wait(&ck_cond, &ck_mutex);
      atomic_fetch_sub_explicit(&ck_sleepers, 1, memory_order_seq_cst);
      pthread_mutex_unlock(&ck_mutex);
      ck_move_off_shared_cpu(self);
    }
    seen = now;
    ck_work(now);
  }
  return 0;
}

void ck_parallel_set_cores(int cores) {
  atomic_store_explicit(&ck_cores, cores > 1 ? cores : 1, memory_order_relaxed);
}

int ck_parallel_cores(void) {
  int cores = atomic_load_explicit(&ck_cores, memory_order_relaxed);
  if (cores == 0) {
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    cores = online > 1 ? (int)online : 1;
    atomic_store_explicit(&ck_cores, cores, memory_order_relaxed);
  }
  return cores;
}

static void ck_start(void) {
  for (int i = 0; i <= CK_MAX_WORKERS; i++) atomic_store_explicit(&ck_thread_cpu[i], -1, memory_order_relaxed);
  int wanted = ck_parallel_cores() - 1;
  if (wanted > CK_MAX_WORKERS) wanted = CK_MAX_WORKERS;
  for (int i = 0; i < wanted; i++) {
    pthread_t thread;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&thread, &attr, ck_worker_main, (void *)(intptr_t)(ck_workers + 1)) == 0) ck_workers++;
    pthread_attr_destroy(&attr);
  }
}

void ck_parallel_run(ptrdiff_t parts, ck_part_fn body, void *context) {
  if (parts <= 0) return;
  pthread_once(&ck_once, ck_start);
  if (parts == 1 || ck_workers == 0 || atomic_flag_test_and_set_explicit(&ck_busy, memory_order_acquire)) {
    for (ptrdiff_t p = 0; p < parts; p++) body(context, p);
    return;
  }
  atomic_store_explicit(&ck_thread_cpu[0], sched_getcpu(), memory_order_relaxed);
  ck_body = body;
  ck_context = context;
  atomic_store_explicit(&ck_done, 0, memory_order_relaxed);
  // Publish the job (the fields above become visible to whoever acquires the new state),
  // then wake sleepers, if any.
  unsigned long long generation = (atomic_load_explicit(&ck_state, memory_order_relaxed) >> 32) + 1;
  generation &= 0xFFFFFFFFull;
  unsigned long long count = (unsigned long long)(parts > 0xFFFF ? 0xFFFF : parts);
  atomic_store_explicit(&ck_state, (generation << 32) | (count << 16), memory_order_seq_cst);
  if (atomic_load_explicit(&ck_sleepers, memory_order_seq_cst) > 0) {
    pthread_mutex_lock(&ck_mutex);
    pthread_cond_broadcast(&ck_cond);
    pthread_mutex_unlock(&ck_mutex);
  }
  ck_work(generation);
  // Wait for the workers' parts: spin briefly, then yield the core (a worker preempted by
  // another process must not be kept waiting by this thread spinning on its core).
  for (long spins = 0; atomic_load_explicit(&ck_done, memory_order_acquire) < (long)count; spins++) {
    if (spins < CK_SPIN_ROUNDS) ck_pause(); else sched_yield();
  }
  atomic_flag_clear_explicit(&ck_busy, memory_order_release);
  // Parts beyond 65535 (never used: callers split into one part per core) run here.
  for (ptrdiff_t p = (ptrdiff_t)count; p < parts; p++) body(context, p);
}
