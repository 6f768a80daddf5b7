// The parts of the chapter `--section` can run alone (`--list` prints them), in running order.

import Lecture

extension PCAChapter {
  public static let sections: [ChapterSection] = [
    ChapterSection("formulation", slides: ["PCA Formulation"]),
    ChapterSection("axes", slides: ["Major and minors axes"]),
    ChapterSection("example", slides: ["PCA - Example"]),
    ChapterSection("mse", slides: ["PCA - MSE Perspective"]),
    ChapterSection("linear-network", slides: ["PCA as MLP"]),
    ChapterSection("limitation", slides: ["PCA Limitation"]),
  ]
}
