// The parts of the chapter `--section` can run alone (`--list` prints them), in running order.

import Lecture

extension DenoisingChapter {
  public static let sections: [ChapterSection] = [
    ChapterSection("corruptions", slides: ["Denoising Autoencoder (DAE): corruptions"]),
    ChapterSection("psnr", slides: ["Examples and Applications (PSNR)"]),
    ChapterSection("denoising", slides: ["Denoising Autoencoder (DAE)"]),
    ChapterSection("inpainting", slides: ["Examples and Applications: image reconstruction"], needs: ["denoising"]),
    ChapterSection(
      "feature-reduction",
      slides: ["Examples and Applications: feature reduction", "Examples and Applications: Denoising AE"]),
    ChapterSection("super-resolution", slides: ["Examples and Applications: image super resolution"]),
    ChapterSection("low-dose", slides: ["Examples and Applications: low dose CT"]),
  ]
}
