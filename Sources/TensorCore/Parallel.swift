// Splitting element-wise work (and, through `perform`, the split matrix products) over the
// cores; the element-wise passes of a 784-wide decoder (bias, sigmoid, cross-entropy)
// would otherwise run on one. Results never depend on the split: each index is computed the
// same way whichever chunk it falls in, and reductions are combined in a fixed order.

import CKernels
import Dispatch
import Foundation

public enum Parallel {
  /// The number of chunks work is split into: the machine's cores, or those `--cores` set
  /// (`ck_parallel_set_cores`). Results do not depend on it: element-wise loops compute each
  /// index alike in any chunk, and products are cut into blocks fixed by their shape (BLASSplit).
  public static var width: Int { Int(ck_parallel_cores()) }

  /// Calls `body` on disjoint consecutive ranges covering 0..<count, concurrently when
  /// `count * cost` is at least `minimumWork` (below that, thread hand-off costs more than it
  /// saves) and on the calling thread otherwise.
  @inlinable
  public static func forEachRange(_ count: Int, cost: Int = 1, minimumWork: Int = 1 << 16, _ body: (Range<Int>) -> Void)
  {
    let chunks = Swift.min(width, count)
    if chunks <= 1 || count * cost < minimumWork {
      if count > 0 { body(0..<count) }
      return
    }
    perform(parts: chunks) { c in
      let lower = count * c / chunks
      let upper = count * (c + 1) / chunks
      body(lower..<upper)
    }
  }

  /// Calls `body(0)`, ..., `body(parts - 1)` concurrently on the calling thread and the
  /// process's persistent workers (`ck_parallel_run` in CKernels), returning when all are done.
  /// Why not GCD's concurrentPerform: it wakes a sleeping worker through the kernel on every
  /// call, and a training step makes about ten calls of 20-200 us each; these workers spin
  /// for a few tens of microseconds after a job before sleeping. A call made while another
  /// is running (nested, or from another thread) runs its parts on the calling thread.
  public static func perform(parts: Int, _ body: (Int) -> Void) {
    if parts <= 0 { return }
    if parts == 1 {
      body(0)
      return
    }
    withoutActuallyEscaping(body) { body in
      let box = PartBody(body)
      withExtendedLifetime(box) {
        ck_parallel_run(
          parts,
          { context, part in
            guard let context else { return }
            Unmanaged<PartBody>.fromOpaque(context).takeUnretainedValue().run(Int(part))
          }, Unmanaged.passUnretained(box).toOpaque())
      }
    }
  }
}

/// The closure of `Parallel.perform`, passed to C as an opaque pointer; its parts touch
/// disjoint data.
private final class PartBody {
  let run: (Int) -> Void
  init(_ run: @escaping (Int) -> Void) { self.run = run }
}

/// Carries a non-Sendable value (e.g. raw pointers) into the parts of `Parallel.perform`, which
/// touch disjoint data.
@usableFromInline
struct UncheckedBox<T>: @unchecked Sendable {
  @usableFromInline let value: T
  @usableFromInline init(_ value: T) { self.value = value }
}
