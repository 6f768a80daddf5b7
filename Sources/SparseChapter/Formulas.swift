// The regularisers of the sparse-family slides as one value the chapter passes to its
// sections: the library's ops, or one replaced by a classic mistake (`--mistake NAME`), built
// here and nowhere else.

import Autodiff
import Lecture
import NeuralNet
import TensorCore

extension SparseChapter {
  /// The catalogue of plantable mistakes and the checks each must fail.
  public static let mistakes: [Mistake] = [
    Mistake(
      "kl-arguments-swapped", slide: "Sparse Autoencoder (SAE)",
      wrong: "the sparsity term as KL(rho_hat_i || rho) instead of KL(rho || rho_hat_i)",
      catches: [
        "KL(rho || rho_hat), rho = 0.2: op vs formula in Double",
        "KL(rho || rho_hat), rho = 0.05: op vs formula in Double",
      ]),
    Mistake(
      "kl-gradient-without-batch-mean", slide: "Sparse Autoencoder (SAE)",
      wrong: "the sparsity term's backward without the 1/|S| of rho_hat_i's mean over the batch (the value right)",
      catches: [
        "gradient KL sparsity penalty through a sigmoid code: backprop vs finite differences",
        "gradient training loss: BCE + beta KL (rho = 0.05) of a 7-5-7 AE, sigmoid code: backprop vs finite differences",
      ]),
    Mistake(
      "k-smallest", slide: "K-sparse Autoencoder",
      wrong: "the k smallest codes kept instead of the k largest",
      catches: Config(quick: true).kValues.flatMap { k in
        [keepsLargestName(k: k, atEncoding: false), keepsLargestName(k: k, atEncoding: true)]
      }),
    Mistake(
      "alpha-k-in-training", slide: "K-sparse Autoencoder",
      wrong: "alpha k units kept in training too (the encoding rule applied where k belongs)",
      catches: Config(quick: true).kValues.flatMap { k in
        [nonZerosName(k: k, atEncoding: false), keepsLargestName(k: k, atEncoding: false)]
      }),
    Mistake(
      "contractive-without-square", slide: "Contractive Autoencoder (CAE)",
      wrong: "the Jacobian norm with h_i (1 - h_i) where its square belongs: sum_i h_i (1 - h_i) sum_j W_ji^2",
      catches: [contractiveCheckName]),
  ]

  /// The ops one run uses.
  package struct Formulas {
    /// sum_i KL(rho || rho_hat_i) of codes h [B, k].
    package var sparsity: (Variable, Float) -> Variable = { sparsityPenalty($0, rho: $1) }
    /// Each row of z [B, n] with its k largest kept, the rest 0.
    package var keep: (Variable, Int) -> Variable = { kSparse($0, k: $1) }
    /// Whether training keeps alpha k instead of k.
    package var alphaInTraining = false
    /// sum over the rows of ||J_h(x)||_F^2 from the codes h [B, k] and the weights W [D, k].
    package var contractive: (Variable, Variable) -> Variable = { contractivePenalty(code: $0, weight: $1) }

    package static var honest: Formulas { Formulas() }

    /// The ops with `mistake` planted (honest for nil or a name this chapter does not know).
    package static func planted(_ mistake: Mistake?) -> Formulas {
      var f = Formulas()
      switch mistake?.name {
      case "kl-arguments-swapped":
        f.sparsity = { h, rho in
          let hat = h.mean(axis: 0)
          return (hat * (hat * (1 / rho)).log() + (1 - hat) * ((1 - hat) * (1 / (1 - rho))).log()).sum()
        }
      case "kl-gradient-without-batch-mean": f.sparsity = sparsityWithoutBatchMean
      case "k-smallest": f.keep = { z, k in kSparse(z * -1, k: k) * -1 }
      case "alpha-k-in-training": f.alphaInTraining = true
      case "contractive-without-square":
        f.contractive = { h, w in (h * (1 - h) * w.squared().sum(axis: 0)).sum() }
      default: break
      }
      return f
    }

    /// sum_i KL(rho || rho_hat_i) of h [B, k], its backward -rho / rho_hat_i + (1 - rho) / (1 - rho_hat_i)
    /// for every sample, without the 1/B that rho_hat_i's mean over the batch puts on it.
    static func sparsityWithoutBatchMean(_ h: Variable, _ rho: Float) -> Variable {
      let value = sparsityPenalty(Variable(h.value), rho: rho).value
      let hv = h.value
      let (b, k) = (hv.shape[0], hv.shape[1])
      let hat = (0..<k).map { i in (0..<b).reduce(Float(0)) { $0 + hv[$1, i] } / Float(b) }
      return Variable(op: "sparsityWithoutBatchMean", value: value, inputs: [h]) { g in
        var t = Tensor.zeros(hv.shape)
        for n in 0..<b {
          for i in 0..<k { t.storage[n * k + i] = g.scalar * (-rho / hat[i] + (1 - rho) / (1 - hat[i])) }
        }
        return [t]
      }
    }
  }
}
