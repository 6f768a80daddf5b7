// The parts of the chapter `--section` can run alone (`--list` prints them), in running order.

import Lecture

extension AutoencoderChapter {
  public static let sections: [ChapterSection] = [
    ChapterSection("losses", slides: ["Autoencoder - Loss"]),
    ChapterSection("tied", slides: ["Autoencoder - Loss (tied weights)"]),
    ChapterSection("outliers", slides: ["Autoencoder - Loss (on images with outlier pixels)"]),
    ChapterSection("regularization", slides: ["Autoencoder - Regularization"]),
    ChapterSection("keras", slides: ["Vanilla/Deep Autoencoder"]),
    ChapterSection(
      "versus-pca", slides: ["AE for Dimension Reduction (AE-32 against PCA-32 and PCA-100)"], needs: ["keras"]),
    ChapterSection("code-2d", slides: ["AE for Dimension Reduction (the 2-D code against PC1/PC2)"]),
    ChapterSection(
      "bag-of-words", slides: ["AE for Dimension Reduction (bag-of-words AE against LSA, beyond the slides)"]),
    ChapterSection("convolutional", slides: ["Deep Convolutional AE"]),
  ]
}
