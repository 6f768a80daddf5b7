// The dense layer as ONE autodiff op: y = act(x W + b), with one backward.
//
// Why: written as matmul, add and activation, a layer makes three graph nodes, three [B, out]
// arrays forward and three backward, and the bias adjoint a separate reduction. Fused, the
// forward is one matrix product into a fresh (not zero-filled) buffer followed by one pass adding
// the bias and applying the activation in place; the backward is one pass forming
// dZ = dY * act'(Z) from the saved output, the bias gradient as column sums of dZ, and the two
// products dW = x^T dZ and dx = dZ W^T (the latter only when x needs a gradient: never for the
// data layer). The math is exactly that of the three-op graph; the gradient check in
// NeuralNetTests compares the two.
//
// The three products are TensorCore's own kernels (`narrowProduct`, `narrowTransposedProduct`),
// not OpenBLAS: each entry is a chain of fused multiply-adds in a documented order, so the bits
// are the same on every machine with FMA, and on AVX-512 they run 16 lanes wide where the
// OpenBLAS kernels that give the same bits everywhere (its Haswell ones) run 8. Measured on the
// MLP VAE's 500-wide layers (bench --gemm-shapes, two cores with 512-bit FMA, multiply-add peak
// 579 GFLOP/s): x W 386-401 GFLOP/s against sgemm's 258-261, dZ W^T 433-435 against 254, x^T dZ
// 462-470 against 261-263.

import Autodiff
import CKernels
import Foundation
import TensorCore

extension Variable {
  /// act(x W + b): x [B, in], W [in, out], b [out] (nil: no bias) -> [B, out], as one op.
  /// The backward reads `weight.value` when it runs, so update parameters only after
  /// `backward()` (as the optimisers and Trainer do).
  public static func dense(_ x: Variable, weight: Variable, bias: Variable?, activation: Activation) -> Variable {
    let xv = x.value
    let wshape = weight.value.shape
    precondition(
      xv.rank == 2 && wshape.count == 2 && xv.shape[1] == wshape[0], "dense: x \(xv.shape) does not fit W \(wshape)")
    let (rows, outs) = (xv.shape[0], wshape[1])
    if let bias { precondition(bias.value.count == outs, "dense: bias \(bias.shape) for \(outs) outputs") }
    var y = Tensor.narrowProduct(xv, weight.value)  // [B, out]
    applyBiasAndActivation(&y.storage, bias: bias?.value.storage, rows: rows, columns: outs, activation: activation)
    let output = y
    let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
    let (needX, needW, needB) = (x.requiresGradient, weight.requiresGradient, bias?.requiresGradient ?? false)
    return Variable(op: "dense(\(activation.rawValue))", value: output, inputs: inputs) { g in
      // dZ = dY * act'(Z), with act' written as a function of the saved output Y (one loop
      // per activation, so each vectorises).  [B, out]
      let dz = activationBackward(g, output: output, activation: activation)
      // W is read from the parameter here rather than captured at forward time: a captured copy
      // would share W's storage, and the optimiser's in-place update would then copy all of W
      // every step. Optimisers update after backward, so this is the forward-time W.
      let dx: Tensor? = needX ? Tensor.narrowProduct(dz, weight.value, transposeB: true) : nil  // [B, in]
      let dw: Tensor? = needW ? Tensor.narrowTransposedProduct(xv, dz) : nil  // [in, out]
      var grads: [Tensor?] = [dx, dw]
      if bias != nil { grads.append(needB ? columnSums(dz) : nil) }  // [out]
      return grads
    }
  }
}

/// z[i, j] = act(z[i, j] + b[j]) in place over a row-major [rows, columns] buffer.
func applyBiasAndActivation(_ z: inout [Float], bias: [Float]?, rows: Int, columns: Int, activation: Activation) {
  if bias == nil && activation == .identity { return }
  let zero = [Float](repeating: 0, count: bias == nil ? columns : 0)
  (bias ?? zero).withUnsafeBufferPointer { bb in
    z.withUnsafeMutableBufferPointer { zz in
      guard let b = bb.baseAddress, let base = zz.baseAddress else { return }
      // Per element: a few cycles for the sum and ReLU (2), about 8 for an exponential. At 1,
      // the MLP VAE's [128, 500] ReLU passes (64,000 elements) fell just under `forEachRange`'s
      // threshold and ran on one core while the other waited.
      let cost = activation == .sigmoid || activation == .tanh ? columns * 8 : columns * 2
      Parallel.forEachRange(rows, cost: cost) { range in
        if let code = activation.kernelCode {
          // The C kernel (AVX-512/AVX2 when available): identity, ReLU and FastMath's sigmoid.
          ck_bias_activation(base, b, range.lowerBound, range.upperBound, columns, code)
          return
        }
        for i in range {
          let row = base + i * columns
          for j in 0..<columns { row[j] = Foundation.tanh(row[j] + b[j]) }
        }
      }
    }
  }
}

/// Column sums of a [rows, columns] tensor -> [columns] (the adjoint of adding a bias row),
/// accumulated row by row so the loop vectorises across columns.
func columnSums(_ t: Tensor) -> Tensor {
  let (rows, columns) = (t.shape[0], t.shape[1])
  return t.storage.withUnsafeBufferPointer { s in
    Tensor(shape: [columns]) { o in
      guard let op = o.baseAddress else { return }
      guard let sp = s.baseAddress else {
        op.initialize(repeating: 0, count: columns)
        return
      }
      ck_column_sums(op, sp, rows, columns)
    }
  }
}

/// dY * act'(Z) from the saved output Y (dY itself for the identity) -> same shape as dY.
func activationBackward(_ g: Tensor, output: Tensor, activation: Activation) -> Tensor {
  precondition(g.shape == output.shape, "activation backward: gradient \(g.shape) for output \(output.shape)")
  let code: Int32
  switch activation {
  case .identity: return g
  case .relu: code = 1
  case .sigmoid: code = 2
  case .tanh: code = 3
  }
  return g.storage.withUnsafeBufferPointer { gb in
    output.storage.withUnsafeBufferPointer { yb in
      Tensor(shape: g.shape) { o in  // [B, out], every element written by the kernel
        guard let op = o.baseAddress, let gp = gb.baseAddress, let yp = yb.baseAddress else { return }
        // Split over the cores like the forward pass (each element alike in any range).
        Parallel.forEachRange(o.count, cost: 2) { range in
          ck_activation_backward(op + range.lowerBound, gp + range.lowerBound, yp + range.lowerBound, range.count, code)
        }
      }
    }
  }
}

extension Activation {
  /// The activation's code in `ck_bias_activation` (nil: done in Swift).
  var kernelCode: Int32? {
    switch self {
    case .identity: return 0
    case .relu: return 1
    case .sigmoid: return 2
    case .tanh: return nil
    }
  }
}
