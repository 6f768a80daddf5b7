// The VAE loss as the slides write it, composed from the autodiff core's elementary ops:
//
//   KL(N(mu, diag(e^v)) || N(0, I)) = 1/2 sum_k (e^v_k + mu_k^2 - 1 - v_k)
//   -E_q log P(X|z) ~= -log P(X | z),  z = mu + e^(v/2) eps  (one draw, the reparameterisation)
//   loss = -ELBO = -log P(X|z) + KL, averaged over the images of the minibatch.
//
// The fast paths are `klToStandardNormal` (one fused op), `reparameterize` (one op) and
// `bernoulliNegativeLogLikelihood` (the vectorised BCE); `GaussianVAE.terms` puts them
// together. The tests hold the two routes to rounding, in value and in every gradient.

import Autodiff
import NeuralNet
import TensorCore

/// 1/2 sum (e^v + mu^2 - 1 - v) over the batch and the latent coordinates -> scalar.
public func referenceKLToStandardNormal(_ q: Encoded) -> Variable {
  let mu = q.mean
  let v = q.logVariance
  return 0.5 * (v.exp() + mu.squared() - 1 - v).sum()
}

/// z = mu + sigma * eps with sigma = e^(v/2).
public func referenceReparameterize(_ q: Encoded, noise eps: Tensor) -> Variable {
  let sigma = (q.logVariance * 0.5).exp()  // [B, Z]
  return q.mean + sigma * Variable(eps)
}

/// -ELBO per image of a minibatch x [B, D] for a given eps [B, Z]: the Bernoulli negative
/// log-likelihood summed over pixels, plus beta times the KL term, averaged over the B images.
public func referenceNegativeELBO(_ model: GaussianVAE, _ x: Tensor, noise eps: Tensor, beta: Float = 1) -> Variable {
  let q = model.encode(Variable(x))
  let z = referenceReparameterize(q, noise: eps)
  let logits = model.decodeLogits(z)  // [B, D]
  let reconstruction = referenceBinaryCrossEntropy(logits: logits, targets: x, reduction: .perImageSum)
  let kl = referenceKLToStandardNormal(q) * (1 / Float(x.rows))  // summed over B, averaged
  return reconstruction + kl * beta
}
