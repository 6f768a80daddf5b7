// The VQ-VAE's formulas that a lecturer can get wrong, in one place: `honest` is the slides'
// (and the paper's) bottleneck, `planted(_:)` swaps in one catalogued mistake. `run` builds it
// once and passes it to the sections and to training; LatentModels stays honest.

import Autodiff
import LatentModels
import Lecture
import TensorCore

extension VQVAEChapter {
  /// The seams of the bottleneck and of the EMA codebook.
  package struct Seams {
    /// The code chosen for every row of z_e [n, D] against the codebook [K, D].
    var assign: (_ ze: Tensor, _ codebook: Tensor) -> [Int]
    /// z_q, the straight-through op and the two loss terms, given the codes.
    var quantize: (_ ze: Variable, _ codebook: Variable, _ indices: [Int]) -> VectorQuantization
    /// The decay handed to the EMA codebook for the slide's gamma.
    var emaDecay: (Double) -> Double
    /// The codebook e_i = m_i / N_i read from the EMA's running sums and counts (the 2-D
    /// discretization example's).
    var emaCodebook: (EMACodebook) -> Tensor
    /// ||x - sigmoid(logits)||^2 summed over the pixels, averaged over the images x [B, D].
    var reconstruction: (_ logits: Variable, _ x: Tensor) -> Variable

    /// The slides' bottleneck.
    package static var honest: Seams {
      Seams(
        assign: { nearestCodes($0, codebook: $1) },
        quantize: { vectorQuantize($0, codebook: $1, indices: $2) },
        emaDecay: { $0 },
        emaCodebook: { $0.codebook },
        reconstruction: { logits, x in (logits.sigmoid() - Variable(x)).squared().sum() * (1 / Float(x.shape[0])) })
    }

    /// One pass through the bottleneck with these seams.
    func callAsFunction(_ ze: Variable, codebook: Variable) -> VectorQuantization {
      quantize(ze, codebook, assign(ze.value, codebook.value))
    }

    /// The bottleneck with `mistake` planted (honest for nil).
    package static func planted(_ mistake: Mistake?) -> Seams {
      var s = honest
      guard let mistake else { return s }
      switch mistake.name {
      case "farthest-code":
        s.assign = { ze, codebook in
          // argmax_j ||z_e - e_j||^2 = argmax_j (||e_j||^2 - 2 z_e . e_j)
          let products = Tensor.matmul(ze, codebook, transposeB: true)
          let norms = (0..<codebook.shape[0]).map { j in codebook.row(j).reduce(Float(0)) { $0 + $1 * $1 } }
          return (0..<ze.shape[0]).map { i in
            (0..<codebook.shape[0]).max { norms[$0] - 2 * products[i, $0] < norms[$1] - 2 * products[i, $1] } ?? 0
          }
        }
      case "straight-through-dropped":
        s.quantize = { ze, codebook, indices in
          let q = vectorQuantize(ze, codebook: codebook, indices: indices)
          return VectorQuantization(
            indices: indices, quantized: Variable(q.quantized.value),
            codebookLoss: q.codebookLoss, commitmentLoss: q.commitmentLoss)
        }
      case "straight-through-to-codebook":
        s.quantize = { ze, codebook, indices in
          let q = vectorQuantize(ze, codebook: codebook, indices: indices)
          let e = codebook.gatherRows(indices)
          let both = Variable(op: "straightThroughBoth", value: q.quantized.value, inputs: [ze, e]) { g in [g, g] }
          return VectorQuantization(
            indices: indices, quantized: both,
            codebookLoss: q.codebookLoss, commitmentLoss: q.commitmentLoss)
        }
      case "codebook-term-without-stop-gradient":
        s.quantize = { ze, codebook, indices in
          let q = vectorQuantize(ze, codebook: codebook, indices: indices)
          let e = codebook.gatherRows(indices)
          return VectorQuantization(
            indices: indices, quantized: q.quantized,
            codebookLoss: (e - ze).squared().sum() * (1 / Float(indices.count)),
            commitmentLoss: q.commitmentLoss)
        }
      case "commitment-stop-gradient-on-encoder":
        s.quantize = { ze, codebook, indices in
          let q = vectorQuantize(ze, codebook: codebook, indices: indices)
          let (e, n) = (codebook.gatherRows(indices), indices.count)
          return VectorQuantization(
            indices: indices, quantized: q.quantized, codebookLoss: q.codebookLoss,
            commitmentLoss: (ze.stopGradient() - e).squared().sum() * (1 / Float(n)))
        }
      case "vq-terms-summed-not-averaged":
        s.quantize = { ze, codebook, indices in
          let q = vectorQuantize(ze, codebook: codebook, indices: indices)
          let n = Float(indices.count)
          return VectorQuantization(
            indices: indices, quantized: q.quantized,
            codebookLoss: q.codebookLoss * n, commitmentLoss: q.commitmentLoss * n)
        }
      case "sigmoid-gradient-without-one-minus":
        s.reconstruction = { logits, x in
          let sigma = logits.sigmoid().value
          let decoded = Variable(op: "sigmoid, backward s", value: sigma, inputs: [logits]) { g in [g * sigma] }
          return (decoded - Variable(x)).squared().sum() * (1 / Float(x.shape[0]))
        }
      case "ema-decay-swapped":
        s.emaDecay = { 1 - $0 }
      case "ema-codebook-not-divided-by-count":
        s.emaCodebook = { ema in
          Tensor(shape: [ema.sums.count, ema.sums.first?.count ?? 0], storage: ema.sums.flatMap { $0.map(Float.init) })
        }
      default:
        break
      }
      return s
    }
  }

  /// The catalogue of plantable mistakes (`vqvae --mistakes`), each with the checks it fails.
  public static let mistakes: [Mistake] = [
    // Trained with the farthest code, a model may still beat the mean image or not, as its
    // chaotic training goes (quick runs, EMA codebook: 56.9 against the mean image's 68.0 at seed
    // 1, 108.3 at seed 2): the two rows against the mean image are not listed, only the three
    // assignment rows, which fail at any seed, and the 2-D example's row against one code at the
    // mean, which the farthest code can never beat (its error is at least that to any one code).
    Mistake(
      "farthest-code", slide: "VQ-VAE Details",
      wrong: "argmax_j ||z_e - e_j|| for argmin: the farthest code",
      catches: [
        "argmin_j ||z_e - e_j|| by one matrix product: vectors not given their nearest code (brute force in Double)"
          + ", of 200",
        "loss codebook: test vectors not given their nearest code (brute force in Double), of 24500",
        "EMA codebook: test vectors not given their nearest code (brute force in Double), of 24500",
        discretizationBaselineCheckName,
      ]),
    Mistake(
      "straight-through-dropped", slide: "VQ-VAE Details",
      wrong: "z_q passed to the decoder as a constant: no gradient reaches the encoder",
      catches: [
        "straight-through: gradient at z_e = gradient at the decoder input z_q, max |difference|",
        "loss codebook: mean image's squared error - model's >= 4 SE (paired, per test image)",
        "EMA codebook: mean image's squared error - model's >= 4 SE (paired, per test image)",
      ]),
    Mistake(
      "straight-through-to-codebook", slide: "VQ-VAE Details",
      wrong: "the decoder gradient copied to the chosen codebook vector too (the slide's 'gradient 1 wrt the"
        + " quantized codebook vector')",
      catches: [
        "straight-through: decoder-term gradient at the codebook, max |element|"
      ]),
    Mistake(
      "codebook-term-without-stop-gradient", slide: "VQ-VAE Loss Function",
      wrong: "the codebook term ||z_e - e||^2 without sg[z_e]",
      catches: [
        "codebook term ||sg[z_e] - e||^2: gradient at z_e, max |element|"
      ]),
    Mistake(
      "commitment-stop-gradient-on-encoder", slide: "VQ-VAE Loss Function",
      wrong: "the commitment term beta ||sg[z_e] - e||^2: the stop-gradient on the wrong operand",
      catches: [
        "commitment term ||sg[e] - z_e||^2: gradient at the codebook, max |element|",
        "commitment term: gradient at z_e = (2/n) (z_e - e_k), max |difference|",
      ]),
    Mistake(
      "vq-terms-summed-not-averaged", slide: "VQ-VAE Loss Function",
      wrong: "the codebook and commitment terms summed over the vectors, not averaged",
      catches: [
        "codebook term: gradient at the codebook = (2/n) sum (e_k - z_e), max |difference|",
        "commitment term: gradient at z_e = (2/n) (z_e - e_k), max |difference|",
      ]),
    Mistake(
      "sigmoid-gradient-without-one-minus", slide: "VQ-VAE Loss Function",
      wrong: "the decoder's sigmoid differentiated as s where s (1 - s) belongs (its value right)",
      catches: [
        trainingLossGradientName
      ]),
    Mistake(
      "ema-decay-swapped", slide: "VQ-VAE Dictionary Learning",
      wrong: "N <- (1 - gamma) N + gamma n (and m likewise): the decay applied the wrong way",
      catches: [
        "EMA e_i after 10 steps = mu_i + gamma^t (m_i(0) - N_i(0) mu_i) / N_i(t), worst relative difference",
        "EMA e_i after 100 steps = mu_i + gamma^t (m_i(0) - N_i(0) mu_i) / N_i(t), worst relative difference",
        "EMA e_i after 1000 steps = mu_i + gamma^t (m_i(0) - N_i(0) mu_i) / N_i(t), worst relative difference",
        "EMA with random minibatches of 40: worst |e_i - mu_i| after 3000 steps, within 4 noise sd",
      ]),
    Mistake(
      "ema-codebook-not-divided-by-count", slide: "VQ-VAE Dictionary Learning",
      wrong: "e_i = m_i: the EMA's running sum taken as the code, the division by N_i forgotten",
      catches: [discretizationCheckName, discretizationBaselineCheckName]),
  ]
}
