// Who may change OpenBLAS's thread count, and when (see BLASSplit in TensorCore and
// withDoubleBLAS in LinearAlgebra).
//
// Why: OpenBLAS 0.3.21 keeps one thread count for the whole process. The Float products run
// with it at 1, one single-threaded sgemm per block of C (see BLASSplit in TensorCore); the
// Double routines (dsyevd, dgesdd, dsyrk, dgemm, ...) run with it at 2. And a Double routine's
// rounding depends on that count: dsyevd's eigenvalues of the VAE chapter's covariances differ
// in the last bits between 1 and 2 threads, and `pca --quick` printed other residuals and wrote
// other figure data with OPENBLAS_NUM_THREADS=1. So the count is fixed rather than left at
// OpenBLAS's default, the machine's core count: 2, the count the course's transcripts were made
// with, whatever the machine (started with OPENBLAS_NUM_THREADS=1, OpenBLAS starts its second
// thread when asked, and `pca --quick` then printed the two-thread numbers). And without a
// rule for who changes it, a Double routine called on one thread while a Float product on
// another had set the count to 1 got the one-thread rounding, and two same-seed runs in one
// test process disagreed. So:
//   - Float sections (ck_blas_single_begin/end) run side by side; the first to start sets the
//     count to 1, the last to end restores it.
//   - Double sections (ck_blas_exclusive_begin/end) wait until no Float section runs, set the
//     count to CK_DOUBLE_THREADS and exclude Float sections and each other while they run, then
//     restore it. A waiting Double section holds back new Float sections, so a stream of
//     products cannot starve it.
// Both kinds nest on one thread. The chapters call BLAS from one thread at a time and never
// wait here; the test process, which runs suites concurrently, does.

#include "ckernels.h"
#include <pthread.h>

extern int openblas_get_num_threads(void);
extern void openblas_set_num_threads(int);

#define CK_DOUBLE_THREADS 2

static pthread_mutex_t ck_blas_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ck_blas_changed = PTHREAD_COND_INITIALIZER;
static int ck_single_sections = 0;  // threads inside a Float section
static int ck_saved_threads = 1;    // the count the first of them found
static int ck_exclusive_waiting = 0;
static int ck_exclusive_depth = 0;  // nesting depth of the running Double section
static int ck_exclusive_saved = 0;  // the count the running Double section found
static pthread_t ck_exclusive_owner;
static _Thread_local int ck_my_single_depth = 0;

static int ck_owns_exclusive(void) {
  return ck_exclusive_depth > 0 && pthread_equal(ck_exclusive_owner, pthread_self());
}

void ck_blas_single_begin(void) {
  ck_blas_prepare();
  pthread_mutex_lock(&ck_blas_mutex);
  if (ck_my_single_depth++ == 0) {
    while ((ck_exclusive_depth > 0 || ck_exclusive_waiting > 0) && !ck_owns_exclusive())
      pthread_cond_wait(&ck_blas_changed, &ck_blas_mutex);
    if (ck_single_sections++ == 0) {
      ck_saved_threads = openblas_get_num_threads();
      if (ck_saved_threads != 1) openblas_set_num_threads(1);
    }
  }
  pthread_mutex_unlock(&ck_blas_mutex);
}

void ck_blas_single_end(void) {
  pthread_mutex_lock(&ck_blas_mutex);
  if (--ck_my_single_depth == 0 && --ck_single_sections == 0) {
    if (ck_saved_threads != 1) openblas_set_num_threads(ck_saved_threads);
    pthread_cond_broadcast(&ck_blas_changed);
  }
  pthread_mutex_unlock(&ck_blas_mutex);
}

void ck_blas_exclusive_begin(void) {
  ck_blas_prepare();
  pthread_mutex_lock(&ck_blas_mutex);
  if (ck_owns_exclusive()) {
    ck_exclusive_depth++;
  } else {
    ck_exclusive_waiting++;
    // A Double routine inside this thread's own Float section cannot wait for it to end; it
    // runs with the Float section's count of 1.
    while (ck_exclusive_depth > 0 || (ck_single_sections > 0 && ck_my_single_depth == 0))
      pthread_cond_wait(&ck_blas_changed, &ck_blas_mutex);
    ck_exclusive_waiting--;
    ck_exclusive_depth = 1;
    ck_exclusive_owner = pthread_self();
    ck_exclusive_saved = openblas_get_num_threads();
    if (ck_my_single_depth == 0 && ck_exclusive_saved != CK_DOUBLE_THREADS)
      openblas_set_num_threads(CK_DOUBLE_THREADS);
  }
  pthread_mutex_unlock(&ck_blas_mutex);
}

void ck_blas_exclusive_end(void) {
  pthread_mutex_lock(&ck_blas_mutex);
  if (--ck_exclusive_depth == 0) {
    if (ck_my_single_depth == 0 && ck_exclusive_saved != CK_DOUBLE_THREADS)
      openblas_set_num_threads(ck_exclusive_saved);
    pthread_cond_broadcast(&ck_blas_changed);
  }
  pthread_mutex_unlock(&ck_blas_mutex);
}
