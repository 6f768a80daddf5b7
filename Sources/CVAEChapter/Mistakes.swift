// The catalogue of mistakes a lecturer can plant in the CVAE chapter (`cvae --mistake NAME`),
// each in the conditional ELBO identity (`IdentityFormulas.planted` builds the wrong formula),
// with the checks that fail when it is planted, and only those.

import Lecture

extension CVAEChapter {
  static let identitySlide = "Conditional Variational Autoencoder (CVAE): loss function"

  public static let mistakes: [Mistake] = [
    Mistake(
      "unconditional-prior", slide: identitySlide,
      wrong: "the last KL taken against the unconditional N(0, I) instead of the prior p(z|c) of the class",
      catches: [
        "log p(x|c) - KL(q||p(z|x,c)) = E_q log p(x|z,c) - KL(q||p(z|c)), worst relative difference over 3 classes",
        "conditional ELBO = log p(x|c) at q = p(z|x,c), worst relative difference",
      ]),
    Mistake(
      "evidence-without-log", slide: identitySlide,
      wrong: "the slide's P(X|c) on the left of the identity where log P(X|c) belongs",
      catches: [
        "log p(x|c) - KL(q||p(z|x,c)) = E_q log p(x|z,c) - KL(q||p(z|c)), worst relative difference over 3 classes",
        "conditional ELBO = log p(x|c) at q = p(z|x,c), worst relative difference",
      ]),
    Mistake(
      "kl-wrong-direction", slide: identitySlide,
      wrong: "KL(p || q) where the identity needs KL(q || p)",
      catches: [
        "log p(x|c) - KL(q||p(z|x,c)) = E_q log p(x|z,c) - KL(q||p(z|c)), worst relative difference over 3 classes",
        "conditional ELBO = log p(x|c) at q = p(z|x,c), worst relative difference",
      ]),
    Mistake(
      "posterior-not-shifted-back", slide: identitySlide,
      wrong: "p(z|x,c) taken as the posterior of u = z - m_c, without adding the class's prior mean m_c back",
      catches: [
        "log p(x|c) - KL(q||p(z|x,c)) = E_q log p(x|z,c) - KL(q||p(z|c)), worst relative difference over 3 classes",
        "conditional ELBO = log p(x|c) at q = p(z|x,c), worst relative difference",
      ]),
  ]
}
