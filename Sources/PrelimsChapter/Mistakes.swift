// The chapter's catalogue of plantable mistakes (`prelims --mistakes` lists it): the classic
// errors of each slide's formula, each with the checks that fail when it is planted. The wrong
// formulas themselves are in `Formulas.planted(_:)`.

import Lecture

extension PrelimsChapter {
  /// The EM run's rows: its monotone likelihood, its fit against the truth, the recovered
  /// weights and means; a wrong E- or M-step fails them all.
  static let mixtureFitRows = [
    "EM: min_t [L(t+1) - L(t)] / |L| over every step of every run",
    "log p(X | EM fit) >= log p(X | true parameters)",
    "component 1: weight pi_k",
    "component 1: max_coord |mu^ - mu| / SE",
    "component 2: weight pi_k",
    "component 2: max_coord |mu^ - mu| / SE",
    "component 3: weight pi_k",
    "component 3: max_coord |mu^ - mu| / SE",
  ]

  public static let mistakes: [Mistake] = [
    Mistake(
      "histogram-without-bin-width", slide: slideDensity,
      wrong: "histogram heights count / N, the division by the bin width forgotten",
      catches: [
        "histogram ISE(N = 100) - ISE(N = 1000) >= 4 SE (paired, 1000 random x)",
        "histogram ISE(N = 1000) - ISE(N = 10000) >= 4 SE (paired, 1000 random x)",
        "histogram ISE(N = 10000) - ISE(N = 100000) >= 4 SE (paired, 1000 random x)",
        "histogram(-1.5) = P(bin) / w, N = 100000",
        "histogram(0) = P(bin) / w, N = 100000",
        "histogram(1.5) = P(bin) / w, N = 100000",
      ]),
    Mistake(
      "kde-bandwidth-grows-with-n", slide: slideDensity,
      wrong: "Silverman's bandwidth with N^(+1/5) for N^(-1/5)",
      catches: [
        "KDE ISE(N = 100) - ISE(N = 1000) >= 4 SE (paired, 1000 random x)",
        "KDE ISE(N = 1000) - ISE(N = 10000) >= 4 SE (paired, 1000 random x)",
        "KDE ISE(N = 10000) - ISE(N = 100000) >= 4 SE (paired, 1000 random x)",
        "KDE integral over [-12, 12] = 1",
      ]),
    Mistake(
      "smoothing-adds-h-not-h-squared", slide: slideDensity,
      wrong: "E KDE(x) as the truth with every variance increased by h instead of h^2",
      catches: [
        "KDE(-1.5) = (p * N(0, h^2))(-1.5), N = 100000",
        "KDE(0) = (p * N(0, h^2))(0), N = 100000",
        "KDE(1.5) = (p * N(0, h^2))(1.5), N = 100000",
      ]),
    Mistake(
      "normal-quantile-upper-tail", slide: slideGenerate,
      wrong: "Phi^-1(p) read from the upper tail of the table: Phi^-1(1 - p)",
      catches: [
        "Phi(Phi^-1(p)) = p, max rel. error, p in [1e-300, 0.999]",
        "Phi^-1(0.975) = 1.959963984540054 (tables)",
      ]),
    Mistake(
      "normal-quantile-variance-for-sd", slide: slideGenerate,
      wrong: "P^-1(u) = mu + sigma^2 Phi^-1(u) for N(mu, sigma^2)",
      catches: [
        "KS D_n: x = P^-1(u) ∼ N(1, 2^2)"
      ]),
    Mistake(
      "exponential-quantile-rate-for-scale", slide: slideGenerate,
      wrong: "P^-1(u) = -lambda log(1 - u) for the exponential, the rate where 1/rate belongs",
      catches: [
        "KS D_n: x = P^-1(u) ∼ Exponential(1.5)",
        "KS D_n: G^-1(P(x)): Exponential(1.5) -> N(0,1)",
        "E y^2 = 1 for y = Phi^-1(P(x))",
      ]),
    Mistake(
      "laplace-quantile-folded", slide: slideGenerate,
      wrong: "the Laplace P^-1 without the sign of its lower half (|x| only)",
      catches: [
        "KS D_n: x = P^-1(u) ∼ Laplace(0, 1)",
        "KS D_n: G^-1(P(x)): N(0,1) -> Laplace(0, 1)",
      ]),
    Mistake(
      "cauchy-quantile-without-pi", slide: slideGenerate,
      wrong: "the Cauchy P^-1(u) = tan(u - 1/2), the factor pi forgotten",
      catches: [
        "KS D_n: x = P^-1(u) ∼ Cauchy(0, 1)"
      ]),
    Mistake(
      "mixture-quantile-averaged", slide: slideGenerate,
      wrong: "a mixture's P^-1 as the weighted mean of its components' quantiles",
      catches: [
        "KS D_n: x = P^-1(u) ∼ the bimodal mixture (P^-1 by bisection)"
      ]),
    Mistake(
      "ring-without-normalisation", slide: slideGenerate,
      wrong: "the ring map z/10 + z, the division by |z| forgotten",
      catches: [
        "ring radius E r = 1 + sqrt(pi/2)/10",
        "ring radius Var r = (4 - pi)/200",
        "KS D_n: ring radius ∼ 1 + Rayleigh(1)/10",
      ]),
    Mistake(
      "ring-noise-uniform", slide: slideGenerate,
      wrong: "z ~ uni[0, 1]^2 pushed through the ring map instead of a 2-D Gaussian",
      catches: [
        "ring radius E r = 1 + sqrt(pi/2)/10",
        "ring radius Var r = (4 - pi)/200",
        "KS D_n: ring radius ∼ 1 + Rayleigh(1)/10",
        "KS D_n: ring angle / 2 pi ∼ uni[0, 1]",
      ]),
    Mistake(
      "kl-log-ratio-inverted", slide: slideKL,
      wrong: "the discrete KL as sum_i P log(Q / P)",
      catches: [
        "discrete: sum_k P log(P/Q), Bin(20, .3)||Bin(20, .5)",
        "discrete: sum_k Q log(Q/P), Bin(20, .5)||Bin(20, .3)",
        "non-negative: min KL over 1000 categorical pairs",
      ]),
    Mistake(
      "kl-symmetrised", slide: slideKL,
      wrong: "KL made symmetric, as a distance should be: the mean of KL(P||Q) and KL(Q||P) estimated",
      catches: [
        "continuous: KL(N(0, 1^2)||N(1, 2^2)) vs MC",
        "continuous: KL(N(1, 2^2)||N(0, 1^2)) vs MC",
        "continuous: KL(Laplace(0, 1)||N(0, 1^2)) vs MC",
        "non-symmetric: |KL(q||p) - KL(p||q)| >= 4 SE (MC)",
      ]),
    Mistake(
      "kl-direction-swapped", slide: slideKL,
      wrong: "the closed-form KL(P||Q) of two normals computed as KL(Q||P)",
      catches: [
        "continuous: KL(N(0, 1^2)||N(1, 2^2)) vs MC",
        "continuous: KL(N(1, 2^2)||N(0, 1^2)) vs MC",
      ]),
    Mistake(
      "normal-kl-log-ratio-flipped", slide: slideKL,
      wrong: "the normal KL with log(s_p / s_q) for log(s_q / s_p)",
      catches: [
        "continuous: KL(N(0, 1^2)||N(1, 2^2)) vs MC",
        "continuous: KL(N(1, 2^2)||N(0, 1^2)) vs MC",
        "non-negative: min KL over 1000 normal pairs",
      ]),
    Mistake(
      "laplace-variance-b-squared", slide: slideKL,
      wrong: "KL(Laplace(m, b)||N) with the Laplace variance b^2 for 2 b^2",
      catches: [
        "continuous: KL(Laplace(0, 1)||N(0, 1^2)) vs MC",
        "KL(p*||N(0, 2)) = E log p* - E log p_theta (sample means)",
      ]),
    Mistake(
      "sampled-kl-sign-flipped", slide: slideKLML,
      wrong: "the sampled KL with its sign flipped: minimising it maximises the KL",
      catches: [
        "normal: argmin sampled KL mu = sample mean (MLE)",
        "normal: argmin sampled KL sigma = MLE sigma (1/N variance)",
        "argmin sampled KL sigma^2 = 2 b^2 (the KL projection of Laplace)",
      ]),
    Mistake(
      "mle-variance-n-minus-1", slide: slideKLML,
      wrong: "the normal MLE variance with 1/(N - 1) for 1/N",
      catches: [
        "normal: argmin sampled KL sigma = MLE sigma (1/N variance)"
      ]),
    Mistake(
      "laplace-location-mean", slide: slideKLML,
      wrong: "the Laplace MLE location taken as the sample mean (it is the median)",
      catches: [
        "Laplace: argmin sampled KL location = sample median"
      ]),
    Mistake(
      "laplace-scale-is-sd", slide: slideKLML,
      wrong: "the Laplace MLE scale taken as the standard deviation (it is the mean |x - median|)",
      catches: [
        "Laplace: scale = mean |x - median|"
      ]),
    Mistake(
      "laplace-entropy-without-2", slide: slideKLML,
      wrong: "the Laplace entropy 1 + log b for 1 + log 2b (the red term E log p* = minus it)",
      catches: [
        "E log p* = -(1 + log 2b) (minus the Laplace entropy)"
      ]),
    Mistake(
      "laplace-scale-mean-squared-deviation", slide: slideKLML,
      wrong: "the Laplace fit's scale as the mean squared deviation (a variance) where mean |x - m| belongs",
      catches: [
        "Laplace: scale = mean |x - median|",
        "the true family fits better: KL(normal) - KL(Laplace) >= 4 SE (paired)",
      ]),
    Mistake(
      "responsibilities-not-normalised", slide: slideMixture,
      wrong: "the E-step's gamma_nk = pi_k N(x_n | k), the division by p(x_n) forgotten",
      catches: ["Bayes P(z = k | x) vs sampled z: max |mean (1{z = k} - P) h(x)| / SE"] + mixtureFitRows),
    Mistake(
      "m-step-mean-over-n", slide: slideMixture,
      wrong: "the M-step's mean sum_n gamma_nk x_n / N for / N_k", catches: mixtureFitRows),
    Mistake(
      "m-step-covariance-over-n", slide: slideMixture,
      wrong: "the M-step's covariance divided by N for N_k", catches: mixtureFitRows),
    Mistake(
      "m-step-weights-not-divided-by-n", slide: slideMixture,
      wrong: "the M-step's weight pi_k = N_k, not N_k / N",
      catches: [
        "component 1: weight pi_k",
        "component 2: weight pi_k",
        "component 3: weight pi_k",
      ]),
    Mistake(
      "bayes-rule-without-prior", slide: slideGenerative,
      wrong: "P(Y = 1 | x) = P(x | 1) / sum_k P(x | k): Bayes' rule without the priors P(Y = k)",
      catches: [bayesVersusLogisticName]),
    Mistake(
      "logistic-intercept-without-log-prior-ratio", slide: slideGenerative,
      wrong: "the logistic form's intercept b without log(pi_1 / pi_0)",
      catches: [bayesVersusLogisticName, logisticInterceptName]),
    Mistake(
      "logistic-slope-sd-for-variance", slide: slideGenerative,
      wrong: "the logistic form's slope (mu_1 - mu_0) / sigma, sigma where sigma^2 belongs",
      catches: [bayesVersusLogisticName, logisticSlopeName]),
  ]
}
