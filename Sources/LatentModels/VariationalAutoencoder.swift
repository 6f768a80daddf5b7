// What the loss, the training loop and the held-out estimates need of a VAE, whatever its
// layers: q(z | x) as a mean and a log-variance, the Bernoulli decoder's logits for a code z,
// and the parameters to train. The slides' MLP VAE (GaussianVAE, also the CVAE) and keras.io's
// convolutional VAE (ConvolutionalVAE) differ only there; the -ELBO they train and the
// estimates they are judged by are written once, below and in VAETraining / LikelihoodEstimates.

import Autodiff
import NeuralNet
import Stochastic
import TensorCore

/// A VAE with a diagonal-Gaussian encoder, a Bernoulli decoder and the prior p(z) = N(0, I).
public protocol VariationalAutoencoder {
  /// Z, the number of coordinates of z.
  var latentSize: Int { get }
  /// Every trained weight and bias.
  var parameters: [Variable] { get }
  /// q(z | x) (or q(z | x, c) with conditions [B, C]) for a batch of images [B, D].
  func encode(_ x: Variable, condition c: Tensor?) -> Encoded
  /// Decoder logits [B, D] for codes z [B, Z] (and conditions [B, C]).
  func decodeLogits(_ z: Variable, condition c: Tensor?) -> Variable
}

/// One minibatch's loss and its two terms, each a per-image mean in nats.
public struct ELBOTerms {
  /// -E_q log p(x | z), one-sample estimate ("distortion").
  public let reconstruction: Variable
  /// KL(q(z | x) || p(z)), closed form ("rate").
  public let kl: Variable
  /// reconstruction + beta * kl; with beta = 1 this is -ELBO.
  public let loss: Variable
}

extension VariationalAutoencoder {
  /// Bernoulli means (pixel intensities) for codes z [B, Z] (and conditions [B, C]).
  public func decode(_ z: Tensor, condition c: Tensor? = nil) -> Tensor {
    sigmoid(decodeLogits(Variable(z), condition: c).value)
  }

  /// The negative ELBO of a minibatch x [B, D] per image (with conditions [B, C] for a CVAE),
  /// with eps [B, Z] drawn outside, and its two terms: reconstruction + beta * KL, the slides'
  /// "Loss" (beta = 1 is -ELBO itself; see `referenceNegativeELBO` for the same in slide form).
  /// `sampler` turns q and eps into z (the reparameterisation; a chapter passes its own to show
  /// what a wrong one does to training), and `klTerm` the KL summed over the batch.
  public func negativeELBO(
    _ x: Tensor, condition c: Tensor? = nil, noise eps: Tensor, beta: Float = 1, sampler: Sampler = reparameterize,
    klTerm: KLTerm = klToStandardNormal
  ) -> ELBOTerms {
    let b = Float(x.rows)
    let q = encode(Variable(x), condition: c)
    let z = sampler(q, eps)  // [B, Z]
    let reconstruction = bernoulliNegativeLogLikelihood(
      logits: decodeLogits(z, condition: c), targets: x, reduction: .perImageSum)
    let kl = klTerm(q) * (1 / b)
    return ELBOTerms(
      reconstruction: reconstruction, kl: kl, loss: beta == 1 ? reconstruction + kl : reconstruction + kl * beta)
  }
}
