// Parallel.perform hands parts to persistent worker threads (CKernels' ck_parallel_run): every
// part must run exactly once, also for nested calls and calls from several threads at once.

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
}
