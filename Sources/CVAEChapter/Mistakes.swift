// The catalogue of mistakes a lecturer can plant in the CVAE chapter (`cvae --mistake NAME`),
// in the conditional ELBO identity, the test ELBO, the training loss's backward and the
// inference (`Seams.planted` builds the wrong formula), with the checks that fail when it is
// planted, and only those.

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
      ],
      // The planted ELBO exceeds the true one by (|mu_q - m_c|^2 - |mu_q|^2) / 2: positive only
      // when q's mean lies nearer 0 than m_c, which the drawn x decides (seeds 1 and 2 of 1 to 8).
      mayAlsoFail: ["conditional ELBO - log p(x|c) <= 0 for the imperfect q, largest over 3 classes"]),
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
    Mistake(
      "expected-likelihood-at-q-mean", slide: identitySlide,
      wrong: "E_q log p(x|z,c) taken as log p(x|z = mean of q, c): the expectation moved inside the log-density "
        + "(Jensen), so the spread's share tr(W^T W Sigma_q) / (2 s) is lost",
      catches: [
        "log p(x|c) - KL(q||p(z|x,c)) = E_q log p(x|z,c) - KL(q||p(z|c)), worst relative difference over 3 classes",
        "conditional ELBO - log p(x|c) <= 0 for the imperfect q, largest over 3 classes",
        "conditional ELBO = log p(x|c) at q = p(z|x,c), worst relative difference",
      ]),
    Mistake(
      "code-with-label-appended", slide: "Conditional Variational Autoencoder (CVAE)",
      wrong: "the CVAE's code measured as the decoder's input [z, c], the one-hot label appended to z",
      catches: ["the label from z: CVAE k-NN accuracy <= VAE's (4 paired SE)"]),
    Mistake(
      "test-elbo-kl-added", slide: "Conditional Variational Autoencoder (CVAE): training",
      wrong: "the test ELBO as E_q log p(x|z,c) + KL(q(z|x,c) || p(z|c)): the KL added instead of subtracted",
      catches: [
        "VAE: importance-sampled log p(x) >= test ELBO, other draws (4 paired SE)",
        "CVAE: importance-sampled log p(x|c) >= test ELBO, other draws (4 paired SE)",
      ]),
    Mistake(
      "sampler-gradient-without-sigma", slide: "Conditional Variational Autoencoder (CVAE): training",
      wrong: "the backward of z = mu + e^{v/2} eps as dz/dv = eps / 2, without the factor sigma = e^{v/2}",
      catches: ["gradient " + trainingLossGradientName + ": backprop vs finite differences"]),
    Mistake(
      "label-withheld-when-sampling", slide: "Conditional Variational Autoencoder (CVAE): inference",
      wrong: "the decoder given a zero vector instead of the one-hot label c when sampling z ~ N(0, I)",
      catches: ["samples named as their label more often than as the next label (by >= 4 paired SE)"]),
    Mistake(
      "style-code-from-prior", slide: "Conditional Variational Autoencoder (CVAE): inference",
      wrong: "the style transfer decodes a fresh z ~ N(0, I) instead of the source image's code q(z|x,c)",
      catches: ["style kept: atanh(correlation) >= 4 standard errors of no correlation"]),
  ]
}
