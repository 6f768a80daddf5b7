// The formulas of "Autoencoder - Loss" and "Autoencoder - Regularization" that the chapter's
// checks hold against each other, as one value: the honest ones, or one of them replaced by a
// classic mistake (`--mistake NAME`), so each planted error is built here and nowhere else.

import Autodiff
import Lecture
import NeuralNet
import TensorCore

extension AutoencoderChapter {
  /// The catalogue of plantable mistakes and the checks each must fail.
  public static let mistakes: [Mistake] = [
    Mistake(
      "l1-with-square", slide: "Autoencoder - Loss",
      wrong: "the L1 loss computed with a square, sum_i (x_i - x'_i)^2 (the L2 loss under L1's name)",
      catches: ["L1 value vs slide formula in Double"]),
    Mistake(
      "l1-slide-literal", slide: "Autoencoder - Loss",
      wrong: "the slide's L1 read literally: sum_i ||x - x'||_1, D times the whole image's L1 norm",
      catches: ["L1 value vs slide formula in Double"]),
    Mistake(
      "bce-logs-swapped", slide: "Autoencoder - Loss",
      wrong: "cross-entropy with its logarithms swapped: -sum_i (x_i log(1 - x'_i) + (1 - x_i) log x'_i)",
      catches: ["CE value vs slide formula in Double"]),
    Mistake(
      "exp-without-inverse-tau", slide: "Autoencoder - Loss",
      wrong: "the EXP loss as tau exp(sum_i (x_i - x'_i)^2), the 1/tau inside the exponential dropped",
      catches: ["EXP (tau = 2) value vs slide formula in Double"]),
    Mistake(
      "mcc-gradient-without-sigma-squared", slide: "Autoencoder - Loss",
      wrong: "the MCC loss's derivative s H_sigma(s) without its 1/sigma^2 (the value right, the backward wrong)",
      catches: ["gradient MCC (sigma = 0.3): backprop vs finite differences"]),
    Mistake(
      "tied-without-transpose-term", slide: "Autoencoder - Loss",
      wrong: "the tied weight's gradient as the encoder's share alone, without (dL/dW_dec)^T",
      catches: [tiedCheckName]),
    Mistake(
      "weight-decay-wrong-sign", slide: "Autoencoder - Regularization",
      wrong: "the regulariser subtracted: J = L - lambda g(W_enc, W_dec)",
      catches: ["lambda g(W_enc, W_dec) vs Frobenius norms in Double"]),
    Mistake(
      "weight-decay-gradient-doubled", slide: "Autoencoder - Regularization",
      wrong:
        "the regulariser's value 0.5 lambda ||W||^2 with the gradient 2 lambda W (the 1/2 not cancelled against the square's 2)",
      catches: [
        "gradient weight decay: backprop vs finite differences",
        "gradient J = L2 + weight decay (8-3-8 AE): backprop vs finite differences",
      ]),
  ]

  /// The formulas one run uses.
  package struct Formulas {
    /// The L1 and CE ops under check: the library's, or a planted wrong one.
    package var l1: (Variable, Tensor) -> Variable = { l1Loss($0, $1) }
    package var crossEntropy: (Variable, Tensor) -> Variable = { crossEntropyLoss($0, $1) }
    /// The EXP loss with its tau, and the MCC loss with its sigma.
    package var exponential: (Variable, Tensor, Float) -> Variable = { exponentialLoss($0, $1, tau: $2) }
    package var correntropy: (Variable, Tensor, Float) -> Variable = { correntropyLoss($0, $1, sigma: $2) }
    /// The tied weight's gradient derived by hand in Double: whether it adds the decoder's share.
    package var tiedDecoderShare = true
    /// lambda g(W_enc, W_dec) as the objective adds it.
    package var weightDecay: ([Variable], Float) -> Variable = { NeuralNet.weightDecay($0, lambda: $1) }

    package static var honest: Formulas { Formulas() }

    /// The formulas with `mistake` planted (honest for nil or a name this chapter does not know).
    package static func planted(_ mistake: Mistake?) -> Formulas {
      var f = Formulas()
      switch mistake?.name {
      case "l1-with-square": f.l1 = { l2Loss($0, $1) }
      case "l1-slide-literal": f.l1 = { l1Loss($0, $1) * Float($1.shape[1]) }
      case "bce-logs-swapped": f.crossEntropy = swappedCrossEntropy
      case "exp-without-inverse-tau":
        f.exponential = { p, x, tau in ((p - Variable(x)).squared().sum(axis: 1).exp() * tau).mean() }
      case "mcc-gradient-without-sigma-squared": f.correntropy = correntropyWithoutSigmaSquared
      case "tied-without-transpose-term": f.tiedDecoderShare = false
      case "weight-decay-wrong-sign": f.weightDecay = { NeuralNet.weightDecay($0, lambda: $1) * -1 }
      case "weight-decay-gradient-doubled": f.weightDecay = weightDecayWithDoubledGradient
      default: break
      }
      return f
    }

    /// 0.5 lambda sum ||W||^2 with the backward 2 lambda W.
    static func weightDecayWithDoubledGradient(_ weights: [Variable], _ lambda: Float) -> Variable {
      let value = NeuralNet.weightDecay(weights.map { Variable($0.value) }, lambda: lambda).value
      return Variable(op: "weightDecayWithDoubledGradient", value: value, inputs: weights) { g in
        weights.map { $0.value * (2 * lambda * g.scalar) }
      }
    }

    /// MCC's value, with a backward -s H_sigma(s) per pixel (over the batch size) that lacks
    /// the 1/sigma^2 of the kernel's derivative.
    static func correntropyWithoutSigmaSquared(_ v: Variable, _ target: Tensor, _ sigma: Float) -> Variable {
      let value = correntropyLoss(v, target, sigma: sigma).value
      let (pv, batch) = (v.value, Float(v.value.shape[0]))
      return Variable(op: "correntropyWithoutSigmaSquared", value: value, inputs: [v]) { g in
        [
          pv.zip(target) { p, t in
            let s = t - p
            return -s * Float(gaussianKernel(Double(s), sigma: Double(sigma))) * g.scalar / batch
          }
        ]
      }
    }

    /// -sum_i (x_i log(1 - x'_i) + (1 - x_i) log x'_i) per image, mean over images.
    static func swappedCrossEntropy(_ p: Variable, _ target: Tensor) -> Variable {
      let x = Variable(target)
      let perPixel = x * (1 - p).log() + (1 - x) * p.log()
      return perPixel.sum() * (-1 / Float(target.shape[0]))
    }
  }
}
