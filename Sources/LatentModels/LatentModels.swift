// LatentModels: the pieces of latent-variable networks (VAE encoders, reparameterisation, ELBO terms).
