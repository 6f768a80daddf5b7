// The parts of the chapter `--section` can run alone (`--list` prints them), in running order.

import Lecture

extension VAEChapter {
  public static let sections: [ChapterSection] = [
    ChapterSection("kl", slides: ["VAE Mathematics (KL)"]),
    ChapterSection("elbo", slides: ["VAE Mathematics (ELBO)"]),
    ChapterSection("reparameterization", slides: ["VAE Mathematics (reparam.)"]),
    ChapterSection("mlp-vae", slides: ["VAE Mathematics (Practical Loss)", "Example (500-500-2)"]),
    ChapterSection("conv-vae", slides: ["Convolutional VAE"]),
    ChapterSection("latent-size", slides: ["Latent space dimension effect"]),
    ChapterSection("beta-vae", slides: ["beta-VAE"]),
    ChapterSection("hvae", slides: ["HVAE"]),
    ChapterSection("hvae-top-down", slides: ["HVAE"]),
  ]
}
