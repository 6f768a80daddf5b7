// Parallel.perform hands parts to persistent worker threads (CKernels' ck_parallel_run): every
// part must run exactly once, also for nested calls and calls from several threads at once.

import CKernels
import Dispatch
import TensorCore
import Testing

@Suite("Parallel.perform and forEachRange")
struct ParallelPerformTests {
  /// Counts how often each index is visited; parts write disjoint slots (raw memory, so
  /// concurrent parts do not overlap in an Array's exclusive access).
  final class Counts: @unchecked Sendable {
    let slots: UnsafeMutablePointer<Int>
    let count: Int
    init(_ n: Int) {
      count = n
      slots = .allocate(capacity: n)
      slots.initialize(repeating: 0, count: n)
    }
    deinit { slots.deallocate() }
    var values: [Int] { Array(UnsafeBufferPointer(start: slots, count: count)) }
  }

  @Test func everyPartRunsOnceOverManyCalls() {
    let counts = Counts(8)
    for _ in 0..<20_000 {
      Parallel.perform(parts: 8) { part in counts.slots[part] += 1 }
    }
    #expect(counts.values == [Int](repeating: 20_000, count: 8))
  }

  @Test func nestedCallsRunEveryPart() {
    let counts = Counts(4 * 3)
    Parallel.perform(parts: 4) { outer in
      Parallel.perform(parts: 3) { inner in counts.slots[outer * 3 + inner] += 1 }
    }
    #expect(counts.values == [Int](repeating: 1, count: 12))
  }

  @Test func concurrentCallersEachGetTheirParts() {
    let counts = Counts(4 * 2 * 500)
    DispatchQueue.concurrentPerform(iterations: 4) { caller in
      for round in 0..<500 {
        Parallel.perform(parts: 2) { part in counts.slots[(caller * 500 + round) * 2 + part] += 1 }
      }
    }
    #expect(counts.values.allSatisfy { $0 == 1 })
  }

  @Test func forEachRangeCoversTheRangeInDisjointChunks() {
    let counts = Counts(100_003)
    Parallel.forEachRange(100_003, minimumWork: 1) { range in
      for i in range { counts.slots[i] += 1 }
    }
    #expect(counts.values.allSatisfy { $0 == 1 })
  }

  /// A worker that wakes on the CPU another pool thread last ran on moves to an allowed CPU that
  /// none of them ran on (the kernel had put a woken worker beside its caller while the other CPU
  /// idled, and the two then shared one); it stays when no other thread is there, when every
  /// allowed CPU is taken, or when the others have not run yet (-1).
  @Test func aWokenWorkerLeavesASharedCPU() {
    func target(_ here: Int32, _ others: [Int32], _ allowed: [Int32]) -> Int32 {
      ck_pool_move_target(here, others, Int32(others.count), allowed, Int32(allowed.count))
    }
    #expect(target(1, [1], [0, 1]) == 0)
    #expect(target(0, [0], [0, 1]) == 1)
    #expect(target(0, [1], [0, 1]) == -1)
    #expect(target(0, [0], [0]) == -1)
    #expect(target(2, [2, 0], [0, 1, 2, 3]) == 1)
    #expect(target(2, [2, 0, 1, 3], [0, 1, 2, 3]) == -1)
    #expect(target(0, [-1], [0, 1]) == -1)
    #expect(target(3, [3], [2, 3]) == 2)
  }
}
