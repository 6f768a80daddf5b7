// Probability: densities, divergences and estimators shared by the prelims and VAE chapters.
