// The regularisers of the sparse family of autoencoders (slides "Sparse Autoencoder",
// "K-sparse Autoencoder", "Contractive Autoencoder"), as autodiff ops on a batch of codes
// h [B, k] (rows are samples):
//   sparsityPenalty     sum_i KL(rho || rho_hat_i), rho_hat_i = mean over the batch of h_i
//                       (a sigmoid code, so rho_hat_i in (0, 1));
//   kSparse             keep the k largest activations of each row, zero the rest; the
//                       gradient flows back through the kept ones only;
//   contractivePenalty  ||J_h(x)||_F^2 summed over the batch, in the closed form of a sigmoid
//                       encoder h = sigmoid(x W + b), W [D, k]:
//                         dh_i/dx_j = h_i (1 - h_i) W_ji,
//                         ||J_h(x)||_F^2 = sum_i (h_i (1 - h_i))^2 sum_j W_ji^2,
//                       which costs O(B k + D k) instead of the O(B D k) of the Jacobian.

import Autodiff
import Foundation
import TensorCore

/// sum_i [rho log(rho / rho_hat_i) + (1 - rho) log((1 - rho) / (1 - rho_hat_i))], with
/// rho_hat_i the mean of column i of `code` [B, k] over the batch (the slide's KL(rho || rho_hat)).
public func sparsityPenalty(_ code: Variable, rho: Float) -> Variable {
  precondition(code.shape.count == 2, "sparsityPenalty needs codes [B, k], got \(code.shape)")
  precondition(rho > 0 && rho < 1, "rho must be in (0, 1), got \(rho)")
  let rhoHat = code.mean(axis: 0)  // [k]
  let k = Float(code.shape[1])
  // The rho-only part, rho log rho + (1 - rho) log(1 - rho), once per unit.
  let constant = k * (rho * logf(rho) + (1 - rho) * logf(1 - rho))
  return (rhoHat.log() * -rho + (1 - rhoHat).log() * -(1 - rho)).sum() + constant
}

/// The k largest entries of each row of `z` [B, n], the others set to 0 (among equal values
/// the lower index is kept, so exactly k survive and the result is deterministic). The pullback
/// passes the gradient of the kept entries and zero for the others: "backpropagate the error
/// through the k largest activations".
public func kSparse(_ z: Variable, k: Int) -> Variable {
  precondition(z.shape.count == 2, "kSparse needs [B, n], got \(z.shape)")
  let (b, n) = (z.shape[0], z.shape[1])
  precondition(k >= 0 && k <= n, "k = \(k) outside 0...\(n)")
  var mask = [Float](repeating: 0, count: b * n)
  let values = z.value.storage
  // Rows are independent: the cores take a share of them each.
  mask.withUnsafeMutableBufferPointer { mask in
    Parallel.forEachRange(k > 0 ? b : 0, cost: 4 * n) { rows in
      var scratch = [Float](repeating: 0, count: n)
      for r in rows {
        let base = r * n
        for j in 0..<n { scratch[j] = values[base + j] }
        let threshold = selectAscending(&scratch, rank: n - k)  // the k-th largest
        // Everything above the threshold, then entries equal to it in index order up to k.
        var ties = k
        for j in 0..<n where values[base + j] > threshold { ties -= 1 }
        for j in 0..<n {
          let v = values[base + j]
          if v > threshold {
            mask[base + j] = 1
          } else if v == threshold && ties > 0 {
            mask[base + j] = 1
            ties -= 1
          }
        }
      }
    }
  }
  let keep = Tensor(shape: [b, n], storage: mask)
  return Variable(op: "kSparse(\(k))", value: z.value * keep, inputs: [z]) { g in [g * keep] }
}

/// The element of ascending rank `rank` (0-based) of `a`, by quickselect (Hoare partition,
/// middle pivot): O(n) on average, where sorting every code row would be O(n log n).
/// `a` is reordered.
package func selectAscending(_ a: inout [Float], rank: Int) -> Float {
  var (lo, hi) = (0, a.count - 1)
  while lo < hi {
    let pivot = a[(lo + hi) / 2]
    var (i, j) = (lo, hi)
    while i <= j {
      while a[i] < pivot { i += 1 }
      while a[j] > pivot { j -= 1 }
      if i <= j {
        a.swapAt(i, j)
        i += 1
        j -= 1
      }
    }
    // [lo, j] <= pivot <= [i, hi], and everything strictly between j and i equals the pivot.
    if rank <= j {
      hi = j
    } else if rank >= i {
      lo = i
    } else {
      return a[rank]
    }
  }
  return a[rank]
}

/// sum over the batch of ||J_h(x)||_F^2 for a sigmoid code `code` = sigmoid(x W + b) [B, k]
/// with encoder weights `weight` W [D, k] (the slide's Omega_CAE over the batch S).
public func contractivePenalty(code: Variable, weight: Variable) -> Variable {
  precondition(
    code.shape.count == 2 && weight.shape.count == 2 && code.shape[1] == weight.shape[1],
    "contractivePenalty needs codes [B, k] and weights [D, k], got \(code.shape), \(weight.shape)")
  let slope = code * (1 - code)  // h (1 - h) [B, k]
  let columnNorms = weight.squared().sum(axis: 0)  // sum_j W_ji^2 [k]
  return (slope.squared() * columnNorms).sum()
}
