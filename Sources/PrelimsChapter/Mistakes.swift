// The chapter's catalogue of plantable mistakes (`prelims --mistakes` lists it): the classic
// errors of each slide's formula, each with the checks that fail when it is planted. The wrong
// formulas themselves are in `Formulas.planted(_:)`.

import Lecture

extension PrelimsChapter {
  public static let mistakes: [Mistake] = [
    Mistake("histogram-without-bin-width", slide: slideDensity,
            wrong: "histogram heights count / N, the division by the bin width forgotten", catches: []),
    Mistake("kde-bandwidth-grows-with-n", slide: slideDensity,
            wrong: "Silverman's bandwidth with N^(+1/5) for N^(-1/5)", catches: []),
    Mistake("smoothing-adds-h-not-h-squared", slide: slideDensity,
            wrong: "E KDE(x) as the truth with every variance increased by h instead of h^2", catches: []),
    Mistake("normal-quantile-variance-for-sd", slide: slideGenerate,
            wrong: "P^-1(u) = mu + sigma^2 Phi^-1(u) for N(mu, sigma^2)", catches: []),
    Mistake("exponential-quantile-rate-for-scale", slide: slideGenerate,
            wrong: "P^-1(u) = -lambda log(1 - u) for the exponential, the rate where 1/rate belongs", catches: []),
    Mistake("laplace-quantile-folded", slide: slideGenerate,
            wrong: "the Laplace P^-1 without the sign of its lower half (|x| only)", catches: []),
    Mistake("cauchy-quantile-without-pi", slide: slideGenerate,
            wrong: "the Cauchy P^-1(u) = tan(u - 1/2), the factor pi forgotten", catches: []),
    Mistake("mixture-quantile-averaged", slide: slideGenerate,
            wrong: "a mixture's P^-1 as the weighted mean of its components' quantiles", catches: []),
    Mistake("ring-without-normalisation", slide: slideGenerate,
            wrong: "the ring map z/10 + z, the division by |z| forgotten", catches: []),
    Mistake("ring-noise-uniform", slide: slideGenerate,
            wrong: "z ~ uni[0, 1]^2 pushed through the ring map instead of a 2-D Gaussian", catches: []),
    Mistake("kl-log-ratio-inverted", slide: slideKL,
            wrong: "the discrete KL as sum_i P log(Q / P)", catches: []),
    Mistake("kl-direction-swapped", slide: slideKL,
            wrong: "the closed-form KL(P||Q) of two normals computed as KL(Q||P)", catches: []),
    Mistake("laplace-variance-b-squared", slide: slideKL,
            wrong: "KL(Laplace(m, b)||N) with the Laplace variance b^2 for 2 b^2", catches: []),
    Mistake("sampled-kl-sign-flipped", slide: slideKLML,
            wrong: "the sampled KL with its sign flipped: minimising it maximises the KL", catches: []),
    Mistake("mle-variance-n-minus-1", slide: slideKLML,
            wrong: "the normal MLE variance with 1/(N - 1) for 1/N", catches: []),
    Mistake("laplace-location-mean", slide: slideKLML,
            wrong: "the Laplace MLE location taken as the sample mean (it is the median)", catches: []),
    Mistake("responsibilities-not-normalised", slide: slideMixture,
            wrong: "the E-step's gamma_nk = pi_k N(x_n | k), the division by p(x_n) forgotten", catches: []),
    Mistake("m-step-mean-over-n", slide: slideMixture,
            wrong: "the M-step's mean sum_n gamma_nk x_n / N for / N_k", catches: []),
    Mistake("m-step-covariance-over-n", slide: slideMixture,
            wrong: "the M-step's covariance divided by N for N_k", catches: []),
    Mistake("m-step-weights-not-divided-by-n", slide: slideMixture,
            wrong: "the M-step's weight pi_k = N_k, not N_k / N", catches: []),
  ]
}
