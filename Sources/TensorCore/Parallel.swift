// Splitting element-wise work over the cores. OpenBLAS already runs the matrix products on
// every core; the element-wise passes of a 784-wide decoder (bias, sigmoid, cross-entropy)
// would otherwise run on one. Results never depend on the split: each index is computed the
// same way whichever chunk it falls in, and reductions are combined in a fixed order.

import Dispatch
import Foundation

public enum Parallel {
  /// The number of chunks work is split into (the active cores).
  public static let width = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)

  /// Calls `body` on disjoint consecutive ranges covering 0..<count, concurrently when
  /// `count * cost` is at least `minimumWork` (below that, thread hand-off costs more than it
  /// saves) and on the calling thread otherwise.
  @inlinable
  public static func forEachRange(_ count: Int, cost: Int = 1, minimumWork: Int = 1 << 16, _ body: (Range<Int>) -> Void) {
    let chunks = Swift.min(width, count)
    if chunks <= 1 || count * cost < minimumWork {
      if count > 0 { body(0..<count) }
      return
    }
    withoutActuallyEscaping(body) { body in
      let box = UncheckedBox(body)
      DispatchQueue.concurrentPerform(iterations: chunks) { c in
        let lower = count * c / chunks, upper = count * (c + 1) / chunks
        box.value(lower..<upper)
      }
    }
  }
}

/// Carries a non-Sendable value into `concurrentPerform`, whose chunks touch disjoint data.
@usableFromInline
struct UncheckedBox<T>: @unchecked Sendable {
  @usableFromInline let value: T
  @usableFromInline init(_ value: T) { self.value = value }
}
