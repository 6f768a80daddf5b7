// `bench --gemm-shapes`: GFLOP/s of every matrix product one training step of each model
// makes (forward x W, weight gradient x^T dZ, input gradient dZ W^T), so a slow epoch can be
// traced to the shapes OpenBLAS handles poorly rather than guessed at. Each product is also
// timed as the kernel training runs it by (Tensor.narrowProduct, Tensor.narrowTransposedProduct:
// a dense layer's three products, a convolution's x W and x^T dZ), sgemm beside it for
// comparison.

import Dispatch
import Stochastic
import TensorCore

func printGemmShapes(_ models: [BenchModel]) {
  var rng = SeededRandom(seed: 0)
  for model in models {
    print("\(model.title), batch \(model.batchSize):")
    for (i, product) in model.products.enumerated() {
      let (b, n, m) = (model.batchSize * product.rowsPerSample, product.inner, product.outer)
      let x = Tensor.uniform([b, n], using: &rng)
      let w = Tensor.uniform([n, m], using: &rng)
      let dz = Tensor.uniform([b, m], using: &rng)
      var cases: [(String, () -> Tensor)] = [
        ("x W      [\(b)x\(n)]x[\(n)x\(m)]", { Tensor.matmul(x, w) }),
        ("x^T dZ   [\(n)x\(b)]x[\(b)x\(m)]", { Tensor.matmul(x, dz, transposeA: true) }),
      ]
      if product.outer == 1 && product.rowsPerSample > 1 {
        print("  layer \(i) has one output channel: training convolves directly (CKernels' convolution.c);")
        print("  its im2col products, for comparison:")
      }
      if !product.readsData {  // no input gradient for the data
        cases.append(("dZ W^T   [\(b)x\(m)]x[\(m)x\(n)]", { Tensor.matmul(dz, w, transposeB: true) }))
      }
      // Training's own kernels (sgemm above, for comparison); the single-channel convolution
      // layers convolve directly, and a convolution's dZ W^T is not timed here (stride 1: a
      // convolution of dZ; other strides: the narrow product G W^T, then col2im).
      if product.rowsPerSample == 1 || product.outer > 1 {
        if product.rowsPerSample == 1 && !product.readsData {
          cases.append(("dZ W^T   narrow product      ", { Tensor.narrowProduct(dz, w, transposeB: true) }))
        }
        cases.append(("x W      narrow product      ", { Tensor.narrowProduct(x, w) }))
        cases.append(("x^T dZ   narrow product      ", { Tensor.narrowTransposedProduct(x, dz) }))
      }
      for (name, product) in cases {
        var best = Double.infinity
        for _ in 0..<20 {
          let t0 = DispatchTime.now().uptimeNanoseconds
          _ = product()
          best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        let flops = 2.0 * Double(b * n * m)
        print(String(format: "  layer %d %@  %8.1f us  %6.1f GFLOP/s", i, name, best * 1e6, flops / best / 1e9))
      }
    }
  }
}
