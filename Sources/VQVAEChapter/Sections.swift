// The parts of the chapter `--section` can run alone (`--list` prints them), in running order.

import Lecture

extension VQVAEChapter {
  public static let sections: [ChapterSection] = [
    ChapterSection("discretization", slides: ["Latent Space Discretization"]),
    ChapterSection("details", slides: ["VQ-VAE Details", "VQ-VAE Loss Function"]),
    ChapterSection("dictionary", slides: ["VQ-VAE Dictionary Learning"]),
    ChapterSection("convolutional", slides: ["VQ-VAE Details", "VQ-VAE Loss Function"]),
  ]
}
