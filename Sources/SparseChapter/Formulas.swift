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
        "gradient training loss: BCE + beta KL (rho = 0.05) of a 7-5-7 AE, sigmoid code: backprop vs finite "
          + "differences",
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
    // Trained, the term pulls every unit's mean activation to 1 - rho (0.8, 0.95), far above the
    // unpenalised code's (about 0.44 on average), so each test image's mean ends farther from
    // rho with the penalty than without, at any seed: both orderings fail, with the value rows.
    Mistake(
      "rho-as-inactive-fraction", slide: "Sparse Autoencoder (SAE)",
      wrong: "rho read as the target fraction of inactive units: the term KL(1 - rho || rho_hat_i), "
        + "which drives the mean activation to 1 - rho",
      catches: [
        "KL(rho || rho_hat), rho = 0.2: op vs formula in Double",
        "KL(rho || rho_hat), rho = 0.05: op vs formula in Double",
        "rho = 0.2: |mean activation of a test image - rho| below the unpenalised AE's (paired, by > 4 SE)",
        "rho = 0.05: |mean activation of a test image - rho| below the unpenalised AE's (paired, by > 4 SE)",
      ]),
    Mistake(
      "ksparse-gradient-through-every-unit", slide: "K-sparse Autoencoder",
      wrong: "the k-sparse step's backward passing the gradient to every unit of z, not only the k kept "
        + "(the value right)",
      catches: ["gradient tied k-sparse AE (W, b, b'), k = 3 of 8: backprop vs finite differences"]),
    Mistake(
      "k-sparse-code-through-relu", slide: "K-sparse Autoencoder",
      wrong: "the k-sparse code z = ReLU(x W + b) where it is linear (f the identity): negative units never compete",
      // Trained through the ReLU, fewer units than 80 (training) or 160 (alpha k at encoding)
      // are positive in a code, so the cut keeps fewer than it should (seeds 1 to 3).
      catches: [
        linearCodeName(k: Config(quick: true).kValues[0]), nonZerosName(k: 40, atEncoding: true),
        nonZerosName(k: 80, atEncoding: false), nonZerosName(k: 80, atEncoding: true),
      ]),
    Mistake(
      "alpha-forgotten-at-encoding", slide: "K-sparse Autoencoder",
      wrong: "the test codes at encoding cut to the k of training instead of alpha k",
      catches: Config(quick: true).kValues.flatMap { k in
        [nonZerosName(k: k, atEncoding: true), keepsLargestName(k: k, atEncoding: true)]
      }),
    // One model trained with the sweep's first k serves every k: its units beyond that k were
    // never decoded in training, so keeping more of them adds terms the decoder was not fitted
    // to, and the error with k = 80 kept is not below that with k = 10 (the same model).
    Mistake(
      "k-swept-at-test-only", slide: "K-sparse Autoencoder",
      wrong: "k swept at test time only: every model trained with the sweep's first k, its codes then cut at each k",
      catches: ["test MSE with k = 80 kept below with k = 10 kept (paired, by > 4 SE)"]),
    Mistake(
      "contractive-without-square", slide: "Contractive Autoencoder (CAE)",
      wrong: "the Jacobian norm with h_i (1 - h_i) where its square belongs: sum_i h_i (1 - h_i) sum_j W_ji^2",
      catches: [contractiveCheckName]),
    Mistake(
      "contractive-backward-without-1-minus-2h", slide: "Contractive Autoencoder (CAE)",
      wrong: "the penalty's backward through h_i with 2 h_i (1 - h_i) for d(h_i (1 - h_i))^2/dh_i "
        + "= 2 h_i (1 - h_i)(1 - 2 h_i) (the value right)",
      catches: ["gradient contractive penalty (W, b) through h = sigmoid(x W + b): backprop vs finite differences"]),
    // Training then raises ||J_h(x)||_F^2 from the same initial weights on the same batches
    // where the plain AE leaves it alone, so the CAE's norm ends above the plain AE's at any
    // seed; the closed form's value row fails too (a negative norm).
    Mistake(
      "contractive-sign-flipped", slide: "Contractive Autoencoder (CAE)",
      wrong: "the contractive term with its sign flipped (subtracted from the loss): training maximises ||J_h(x)||_F^2",
      catches: [contractiveCheckName, "||J_h(x)||_F^2 on test images: CAE below plain AE (paired, by > 4 SE)"]),
  ]

  /// The ops one run uses.
  package struct Formulas {
    /// sum_i KL(rho || rho_hat_i) of codes h [B, k].
    package var sparsity: (Variable, Float) -> Variable = { sparsityPenalty($0, rho: $1) }
    /// Each row of z [B, n] with its k largest kept, the rest 0.
    package var keep: (Variable, Int) -> Variable = { kSparse($0, k: $1) }
    /// Whether training keeps alpha k instead of k.
    package var alphaInTraining = false
    /// The k a model of the sweep is trained with, from its k and the sweep's first.
    package var trainedK: (_ k: Int, _ first: Int) -> Int = { k, _ in k }
    /// f of the code z = f(x W + b): the identity, as in Makhzani and Frey's k-sparse AE.
    package var codeActivation: Activation = .identity
    /// The units kept in the test codes at encoding, from k and alpha (alpha k).
    package var keptAtEncoding: (_ k: Int, _ alpha: Int) -> Int = { k, alpha in alpha * k }
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
      case "rho-as-inactive-fraction": f.sparsity = { h, rho in sparsityPenalty(h, rho: 1 - rho) }
      case "ksparse-gradient-through-every-unit":
        f.keep = { z, k in
          Variable(op: "kSparseDenseBackward", value: kSparse(z, k: k).value, inputs: [z]) { g in [g] }
        }
      case "alpha-forgotten-at-encoding": f.keptAtEncoding = { k, _ in k }
      case "k-sparse-code-through-relu": f.codeActivation = .relu
      case "k-swept-at-test-only": f.trainedK = { _, first in first }
      case "contractive-backward-without-1-minus-2h": f.contractive = contractiveWithoutOneMinusTwoH
      case "contractive-sign-flipped": f.contractive = { h, w in contractivePenalty(code: h, weight: w) * -1 }
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

    /// sum over the rows of sum_i (h_i (1 - h_i))^2 sum_j W_ji^2 for codes h [B, k] and weights
    /// W [D, k], with the honest value and the honest backward to W, but the backward to h_i
    /// 2 h_i (1 - h_i) sum_j W_ji^2: the chain rule through h_i (1 - h_i) stopped at the outer
    /// square, its derivative 1 - 2 h_i forgotten.
    static func contractiveWithoutOneMinusTwoH(_ h: Variable, _ w: Variable) -> Variable {
      let value = contractivePenalty(code: Variable(h.value), weight: Variable(w.value)).value
      let (hv, wv) = (h.value, w.value)
      let (b, k, d) = (hv.shape[0], hv.shape[1], wv.shape[0])
      let norms = (0..<k).map { i in (0..<d).reduce(Float(0)) { $0 + wv[$1, i] * wv[$1, i] } }
      let slopes = (0..<k).map { i in
        (0..<b).reduce(Float(0)) { total, n in
          let slope = hv[n, i] * (1 - hv[n, i])
          return total + slope * slope
        }
      }
      return Variable(op: "contractiveWithoutOneMinusTwoH", value: value, inputs: [h, w]) { g in
        var dh = Tensor.zeros(hv.shape)
        var dw = Tensor.zeros(wv.shape)
        for n in 0..<b {
          for i in 0..<k { dh.storage[n * k + i] = g.scalar * 2 * hv[n, i] * (1 - hv[n, i]) * norms[i] }
        }
        for j in 0..<d {
          for i in 0..<k { dw.storage[j * k + i] = g.scalar * 2 * wv[j, i] * slopes[i] }
        }
        return [dh, dw]
      }
    }
  }
}
