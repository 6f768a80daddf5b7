// LatentModels: the pieces of latent-variable networks shared by the VAE, CVAE and VQ-VAE
// chapters (encoder outputs, the reparameterisation trick, ELBO terms, likelihood estimates).

import Autodiff

/// What a Gaussian encoder returns for a batch: q(z | x) = N(mean, diag(exp(logVariance))).
/// Named fields instead of `outputs[0]`, `outputs[1]`.
public struct Encoded {
  public let mean: Variable  // [B, Z]
  public let logVariance: Variable  // [B, Z], v = log sigma^2
  public init(mean: Variable, logVariance: Variable) {
    precondition(mean.shape == logVariance.shape, "mean \(mean.shape) vs log-variance \(logVariance.shape)")
    self.mean = mean
    self.logVariance = logVariance
  }
  public var latentSize: Int { mean.shape[1] }
  public var batchSize: Int { mean.shape[0] }
}
