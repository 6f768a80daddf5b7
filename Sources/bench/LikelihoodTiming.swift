// `bench --likelihood`: nanoseconds per pixel of the held-out estimates' log p(x | z), the
// vectorised kernel (fdlibm's exp and log1p, CKernels' likelihood.c) against its libm
// reference, both on one core, on decoder logits the size of a batch of importance samples.

import CKernels
import Dispatch
import LatentModels
import Stochastic
import TensorCore

func printLikelihoodTiming() {
  var rng = SeededRandom(seed: 0)
  let (rows, pixels) = (5_000, 784)
  let logits = Tensor.normal([rows, pixels], standardDeviation: 6, using: &rng)
  let targets = Tensor.uniform([rows, pixels], using: &rng)
  let cores = ck_parallel_cores()
  ck_parallel_set_cores(1)
  defer { ck_parallel_set_cores(cores) }
  func nanosecondsPerPixel(_ f: (Tensor, Tensor) -> [Double]) -> (Double, Double) {
    var best = Double.infinity
    var sum = 0.0
    for _ in 0..<5 {
      let t0 = DispatchTime.now().uptimeNanoseconds
      sum = f(logits, targets).reduce(0, +)
      best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0))
    }
    return (best / Double(rows * pixels), sum)
  }
  let (fast, fastSum) = nanosecondsPerPixel { bernoulliLogLikelihoodPerRow(logits: $0, targets: $1) }
  let (libm, libmSum) = nanosecondsPerPixel { referenceBernoulliLogLikelihoodPerRow(logits: $0, targets: $1) }
  print("log p(x|z) of \(rows) rows of \(pixels) pixels, one core, best of 5:")
  print(String(format: "  vectorised (likelihood.c)  %6.2f ns per pixel   sum %.6f", fast, fastSum))
  print(String(format: "  libm, pixel by pixel       %6.2f ns per pixel   sum %.6f", libm, libmSum))
}
