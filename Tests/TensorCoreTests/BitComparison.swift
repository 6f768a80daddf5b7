// Comparing tensors bit for bit (products whose bits must not change with how they are run).

import TensorCore

/// How many entries of `a` and `b` differ in their bits (all of them if the sizes differ).
func differingBits(_ a: Tensor, _ b: Tensor) -> Int {
  guard a.storage.count == b.storage.count else { return max(a.storage.count, b.storage.count) }
  return zip(a.storage, b.storage).filter { $0.bitPattern != $1.bitPattern }.count
}
