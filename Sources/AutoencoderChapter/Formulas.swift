// The formulas and ops of the chapter's slides that its checks hold against each other, and
// the training of its models, as one value: the honest ones, or one of them replaced by a
// classic mistake (`--mistake NAME`), so each planted error is built here (and in
// PlantedBackwards.swift) and nowhere else.

import Autodiff
import AutoencoderKit
import Lecture
import LinearAlgebra
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
        "the regulariser's value 0.5 lambda ||W||^2 with the gradient 2 lambda W (the 1/2 not cancelled against the "
        + "square's 2)",
      catches: [
        "gradient weight decay: backprop vs finite differences",
        "gradient J = L2 + weight decay (8-3-8 AE): backprop vs finite differences",
      ]),
    Mistake(
      "l2-mean-over-pixels", slide: "Autoencoder - Loss",
      wrong: "the L2 loss as a mean over the D pixels, (1/D) sum_i (x_i - x'_i)^2, where the slide sums",
      catches: ["L2 value vs slide formula in Double"]),
    Mistake(
      "l2-gradient-without-two", slide: "Autoencoder - Loss",
      wrong: "the L2 backward as x' - x, the 2 of d(s^2)/ds dropped (the value right)",
      catches: ["gradient L2: backprop vs finite differences"]),
    Mistake(
      "l1-subgradient-sign-flipped", slide: "Autoencoder - Loss",
      wrong: "the L1 backward as sign(x - x'), where d|x - x'|/dx' = sign(x' - x) (the value right)",
      catches: ["gradient L1: backprop vs finite differences"]),
    Mistake(
      "ce-gradient-without-sigmoid-share", slide: "Autoencoder - Loss",
      wrong:
        "the CE backward as x' - x (the gradient with respect to the logits) for the loss of the probabilities x', "
        + "without the 1/(x'(1 - x')) the sigmoid's slope leaves there",
      catches: ["gradient CE: backprop vs finite differences"]),
    Mistake(
      "exp-gradient-without-exponential", slide: "Autoencoder - Loss",
      wrong: "the EXP backward as L2's 2 (x' - x), the chain rule's factor exp(S / tau) dropped (the value right)",
      catches: ["gradient EXP (tau = 2): backprop vs finite differences"]),
    Mistake(
      "mcc-without-minus", slide: "Autoencoder - Loss",
      wrong:
        "the MCC loss without its minus sign, +sum_i H_sigma(x_i - x'_i): correntropy minimised, so training pushes "
        + "every residual away from 0",
      // The trained MCC model then reconstructs far worse than the L2 one on every seed: its
      // loss falls as residuals grow, the opposite of what the comparison needs.
      catches: [
        "MCC (sigma = 0.3) value vs slide formula in Double", "MCC clean-image MSE below L2's (paired, by > 4 SE)",
      ]),
    Mistake(
      "tied-decoder-weight-copied", slide: "Autoencoder - Loss",
      wrong: "tied weights as a copy: the decoder uses W^T as a constant, so backprop gives W the encoder's share only",
      catches: ["gradient tied AE (W, b_enc, b_dec): backprop vs finite differences", tiedCheckName]),
    Mistake(
      "bce-logits-gradient-sigmoid-slope-twice", slide: "Vanilla/Deep Autoencoder",
      wrong:
        "the backward of BCE from logits as (sigmoid(a) - x) sigmoid'(a): the sigmoid's slope multiplied in again, "
        + "though sigmoid(a) - x already is dL/da (the value right)",
      catches: ["gradient training loss: BCE of a 7-5-3-5-7 AE from its logits: backprop vs finite differences"]),
    Mistake(
      "gradient-ascent", slide: "Vanilla/Deep Autoencoder",
      wrong:
        "the update's sign flipped, w <- w + lr step, in the training of the slides' models (both Keras AEs, "
        + "the 2-D code AE, the bag-of-words AE, the conv AE): each climbs its loss",
      // Each ascends its training loss from its first step, so its test loss after the last
      // epoch exceeds the first epoch's, the mean image's and PCA's; the 2-D codes of a network
      // climbing its loss keep less of the classes than PC1/PC2 or LSA (10-NN accuracy about
      // 0.24 against 0.51 on images, 0.15 to 0.17 against 0.60 to 0.68 on documents, seeds 1-3
      // of the quick run).
      catches: gradientAscentCatches),
    Mistake(
      "lsa-sigma-not-squared", slide: "Beyond the slides",
      wrong: "LSA's rank-2 error as the sum of the discarded singular values sigma, not of their squares",
      catches: ["LSA rank-2 error ||X - X V_2 V_2^T||^2 = sum discarded sigma^2"]),
    Mistake(
      "softmax-ce-gradient-summed", slide: "Beyond the slides",
      wrong: "the softmax cross-entropy's backward summed over the documents while its value is their mean",
      catches: ["gradient softmax cross-entropy: backprop vs finite differences"]),
    Mistake(
      "convolution-kernel-flipped", slide: "Deep Convolutional AE",
      wrong:
        "conv2d as a true convolution, the kernel flipped, where the CNN layers (Keras' Conv2D, the direct sum) "
        + "compute a cross-correlation",
      catches: [
        "conv2d (im2col + narrow product) vs direct sum, max rel. error",
        "conv2d to one channel (direct kernels) vs direct sum, max rel. error",
      ]),
    Mistake(
      "conv-shared-gradient-averaged", slide: "Deep Convolutional AE",
      wrong:
        "the shared kernel's and bias's gradients averaged over the positions the kernel visits, where weight "
        + "sharing sums them (the value right)",
      catches: [
        "gradient Conv2D to one channel (x, W, b): backprop vs finite differences",
        "gradient Conv2D (x, W, b): backprop vs finite differences",
        "gradient Conv2D stride 2, no padding: backprop vs finite differences",
      ]),
    Mistake(
      "maxpool-gradient-spread", slide: "Deep Convolutional AE",
      wrong: "max pooling's backward as average pooling's: a quarter of the gradient to each element of the window",
      catches: ["gradient max pooling 2x2: backprop vs finite differences"]),
    Mistake(
      "upsample-gradient-one-of-four", slide: "Deep Convolutional AE",
      wrong:
        "nearest upsampling's backward taking the gradient of one copy (the top-left) instead of summing the four "
        + "outputs the pixel was copied to",
      catches: ["gradient upsampling 2x (nearest): backprop vs finite differences"]),
  ]

  /// The rows the flipped update fails (see `gradient-ascent`).
  static let gradientAscentCatches: [String] =
    ["784-32-784", "784-128-64-32-64-128-784"].flatMap { architecture in
      [
        "\(architecture) test BCE below the mean training image's (paired, by > 4 SE)",
        "\(architecture) test BCE decreased: last <= first epoch",
      ]
    }
    + ["shallow AE 32", "deep AE 32"].map { "\($0) test BCE below PCA-32's (equal code) (paired, by > 4 SE)" }
    + [
      "10-NN accuracy: AE 2-D code > PC1/PC2 (+4 SE)", "10-NN accuracy: bag-of-words AE 2-D code > LSA-2 (+4 SE)",
      "conv AE test BCE decreased: last <= first epoch",
      "conv AE test MSE below PCA-2's (equal weight count) (paired, by > 4 SE)",
    ]

  /// The formulas one run uses.
  package struct Formulas {
    /// The L2, L1 and CE ops under check: the library's, or a planted wrong one.
    package var l2: (Variable, Tensor) -> Variable = { l2Loss($0, $1) }
    package var l1: (Variable, Tensor) -> Variable = { l1Loss($0, $1) }
    package var crossEntropy: (Variable, Tensor) -> Variable = { crossEntropyLoss($0, $1) }
    /// The EXP loss with its tau, and the MCC loss with its sigma.
    package var exponential: (Variable, Tensor, Float) -> Variable = { exponentialLoss($0, $1, tau: $2) }
    package var correntropy: (Variable, Tensor, Float) -> Variable = { correntropyLoss($0, $1, sigma: $2) }
    /// The MCC loss the model on outlier images trains with.
    package var trainingCorrentropy: (Variable, Tensor, Float) -> Variable = { correntropyLoss($0, $1, sigma: $2) }
    /// The tied weight's gradient derived by hand in Double: whether it adds the decoder's share.
    package var tiedDecoderShare = true
    /// lambda g(W_enc, W_dec) as the objective adds it.
    package var weightDecay: ([Variable], Float) -> Variable = { NeuralNet.weightDecay($0, lambda: $1) }
    /// The tied model's decoder pre-activation z W^T + b_dec, W the one shared weight.
    package var tiedDecoder: (TiedAutoencoder, Variable) -> Variable = { $0.decoderPreactivation($1) }
    /// Binary cross-entropy from logits in the given reduction, in the training loss's check.
    package var logitsCrossEntropy: (Variable, Tensor, LossReduction) -> Variable = {
      binaryCrossEntropy(logits: $0, targets: $1, reduction: $2)
    }
    /// What the training of the slides' models passes its logits through: the identity, or a
    /// gradient reversal (every update's sign flipped).
    package var trained: (Variable) -> Variable = { $0 }
    /// LSA's discarded energy, the sum of the discarded squared singular values.
    package var discardedEnergy: (LatentSemanticAnalysis) -> Double = { $0.discardedEnergy }
    /// The bag-of-words AE's softmax cross-entropy in its gradient check.
    package var softmaxCrossEntropy: (Variable, Tensor) -> Variable = {
      NeuralNet.softmaxCrossEntropy(logits: $0, targets: $1)
    }
    /// The conv AE's layer ops under check.
    package var conv2d: (Variable, Variable, Variable?, ConvGeometry) -> Variable = {
      NeuralNet.conv2d($0, weight: $1, bias: $2, geometry: $3)
    }
    package var maxPool: (Variable, Int, Int, Int) -> Variable = { maxPool2x2($0, height: $1, width: $2, channels: $3) }
    package var upsample: (Variable, Int, Int, Int) -> Variable = {
      upsample2x($0, height: $1, width: $2, channels: $3)
    }

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
      case "l2-mean-over-pixels": f.l2 = { l2Loss($0, $1) * (1 / Float($1.shape[1])) }
      case "l2-gradient-without-two": f.l2 = elementwise("l2WithoutTwo", { l2Loss($0, $1) }) { p, t in p - t }
      case "l1-subgradient-sign-flipped":
        f.l1 = elementwise("l1SignFlipped", { l1Loss($0, $1) }) { p, t in p < t ? 1 : (p > t ? -1 : 0) }
      case "ce-gradient-without-sigmoid-share":
        f.crossEntropy = elementwise("crossEntropyWithoutSigmoidShare", { crossEntropyLoss($0, $1) }) { p, t in p - t }
      case "exp-gradient-without-exponential": f.exponential = exponentialWithoutItsFactor
      case "mcc-without-minus":
        f.correntropy = { correntropyLoss($0, $1, sigma: $2) * -1 }
        f.trainingCorrentropy = f.correntropy
      case "tied-decoder-weight-copied":
        f.tiedDecoder = { model, z in
          Variable.matmul(z, Variable(model.weight.value), transposeB: true) + model.decoderBias
        }
      case "bce-logits-gradient-sigmoid-slope-twice": f.logitsCrossEntropy = binaryCrossEntropyWithSigmoidSlopeTwice
      case "gradient-ascent": f.trained = gradientReversed
      case "lsa-sigma-not-squared":
        f.discardedEnergy = { lsa in lsa.squaredSingularValues[lsa.rank...].reduce(0) { $0 + $1.squareRoot() } }
      case "softmax-ce-gradient-summed": f.softmaxCrossEntropy = softmaxCrossEntropySummedGradient
      case "convolution-kernel-flipped":
        f.conv2d = { x, w, b, g in
          NeuralNet.conv2d(x, weight: flippedKernel(w, kernel: g.kernel, channels: g.channels), bias: b, geometry: g)
        }
      case "conv-shared-gradient-averaged": f.conv2d = convolutionWithAveragedSharedGradient
      case "maxpool-gradient-spread": f.maxPool = maxPoolSpreadingGradient
      case "upsample-gradient-one-of-four": f.upsample = upsampleTakingOneOfFour
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
