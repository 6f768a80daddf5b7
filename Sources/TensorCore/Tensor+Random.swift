// Random tensors from the project's seeded generator, so initialisations are reproducible.

import Stochastic

extension Tensor {
  /// Elements drawn i.i.d. from N(mean, sd^2).
  public static func normal(
    _ shape: [Int], mean: Float = 0, standardDeviation sd: Float = 1, using rng: inout SeededRandom
  ) -> Tensor {
    let n = shape.reduce(1, *)
    var s = [Float](repeating: 0, count: n)
    for i in 0..<n { s[i] = mean + sd * Float(rng.normal()) }
    return Tensor(shape: shape, storage: s)
  }

  /// Elements drawn i.i.d. from U[low, high).
  public static func uniform(
    _ shape: [Int], low: Float = 0, high: Float = 1, using rng: inout SeededRandom
  ) -> Tensor {
    let n = shape.reduce(1, *)
    var s = [Float](repeating: 0, count: n)
    for i in 0..<n { s[i] = low + (high - low) * Float(rng.uniform()) }
    return Tensor(shape: shape, storage: s)
  }

  /// Standard normals with the shape of `other` (the eps of the reparameterisation trick).
  public static func normal(like other: Tensor, using rng: inout SeededRandom) -> Tensor {
    normal(other.shape, using: &rng)
  }
}
