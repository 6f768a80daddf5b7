// The parts of the chapter `--section` can run alone (`--list` prints them), in running order.

import Lecture

extension SparseChapter {
  public static let sections: [ChapterSection] = [
    ChapterSection("sparsity", slides: ["Sparse Autoencoder (SAE)"]),
    ChapterSection("k-sparse", slides: ["K-sparse Autoencoder"]),
    ChapterSection("contractive", slides: ["Contractive Autoencoder (CAE)"]),
  ]
}
