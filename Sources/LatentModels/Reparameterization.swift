// The reparameterisation trick (slide "VAE Mathematics"): z = mu + sigma * eps, eps ~ N(0, I).
// The randomness sits in eps, outside the graph, so z is a differentiable function of the
// encoder outputs: dz/dmu = 1, dz/dv = eps * sigma / 2 with sigma = exp(v / 2).

import Autodiff
import Foundation
import Stochastic
import TensorCore

/// A function that turns q(z|x) and eps [B, Z] into z [B, Z]: `reparameterize`, or a
/// deliberately wrong variant a chapter builds to show which checks catch it.
public typealias Sampler = (Encoded, Tensor) -> Variable

/// z = mean + exp(logVariance / 2) * eps for a given eps [B, Z] (drawn by the caller).
public func reparameterize(_ q: Encoded, noise eps: Tensor) -> Variable {
  let mu = q.mean.value
  let v = q.logVariance.value
  precondition(eps.shape == mu.shape, "eps \(eps.shape) vs mean \(mu.shape)")
  let sigma = v.map { Foundation.exp($0 / 2) }  // [B, Z]
  let z = mu + sigma * eps  // [B, Z]
  return Variable(op: "reparameterize", value: z, inputs: [q.mean, q.logVariance]) { g in
    // dz/dmu = 1;  dz/dv = eps * sigma / 2.
    [g, g * eps * sigma * 0.5]
  }
}

/// A draw z ~ q(z | x) with fresh eps from `rng`.
public func sample(_ q: Encoded, using rng: inout SeededRandom) -> Variable {
  reparameterize(q, noise: Tensor.normal(like: q.mean.value, using: &rng))
}
