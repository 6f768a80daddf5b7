// OpenBLAS's thread count is one for the whole process, the Float products set it to 1 while
// they run, and dsyevd rounds differently on one thread than on two: a Double routine must
// not overlap another thread's Float section, either way round (blasthreads.c). Here a second
// thread stands for a Float product.

import CKernels
import Dispatch
import Foundation
import LinearAlgebra
import Testing

@Test func aDoubleRoutineWaitsForAnotherThreadsFloatSection() throws {
  let x = gaussianMatrix(400, 200, seed: 11)
  let covariance = matmul(x, x, transposeA: true)
  let alone = try covariance.symmetricEigen()
  if ProcessInfo.processInfo.activeProcessorCount > 1 {
    // The same call inside a Float section on this thread runs on one thread: if this did not
    // change the bits, the test below could not tell the two apart.
    ck_blas_single_begin()
    let oneThread = try covariance.symmetricEigen()
    ck_blas_single_end()
    let differs = oneThread.values != alone.values
    #expect(differs, "dsyevd gives the same bits on 1 thread: pick another matrix")
  }

  let entered = DispatchSemaphore(value: 0)
  let floatSection = Thread {
    ck_blas_single_begin()
    entered.signal()
    usleep(100_000)
    ck_blas_single_end()
  }
  floatSection.start()
  entered.wait()
  let during = try covariance.symmetricEigen()
  let sameValues = during.values == alone.values
  let sameVectors = during.vectors == alone.vectors
  #expect(sameValues && sameVectors, "the eigendecomposition ran inside the other thread's Float section")
}

@Test func aFloatSectionWaitsForAnotherThreadsDoubleSection() {
  let entered = SharedFlag(false)
  let done = DispatchSemaphore(value: 0)
  ck_blas_exclusive_begin()
  let floatSection = Thread {
    ck_blas_single_begin()
    entered.value = true
    ck_blas_single_end()
    done.signal()
  }
  floatSection.start()
  usleep(100_000)
  let enteredEarly = entered.value
  ck_blas_exclusive_end()
  done.wait()
  #expect(!enteredEarly, "a Float section started while a Double section ran")
  #expect(entered.value)
}

/// A flag shared with the second thread.
private final class SharedFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Bool
  init(_ value: Bool) { stored = value }
  var value: Bool {
    get { lock.withLock { stored } }
    set { lock.withLock { stored = newValue } }
  }
}
