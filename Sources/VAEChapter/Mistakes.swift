// The catalogue of mistakes a lecturer can plant in the VAE chapter (`vae --mistake NAME`):
// the classic slips of the slides' formulas. Each names the checks that fail when it is
// planted in a quick run, and only those; `Formulas.planted` builds the wrong formula.

import Lecture

extension VAEChapter {
  public static let mistakes: [Mistake] = [
    Mistake("kl-without-half", slide: klSlide, wrong: "the diagonal Gaussian KL 1/2 sum(s^2 + m^2 - 1 - log s^2) without its 1/2",
            catches: []),
  ]
}
