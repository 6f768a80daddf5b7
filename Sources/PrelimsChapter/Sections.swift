// The parts of the chapter `--section` can run alone (`--list` prints them), in running order.

import Lecture

extension PrelimsChapter {
  public static let sections: [ChapterSection] = [
    ChapterSection("density", slides: ["Prob. Density Estimation"]),
    ChapterSection("random-variables", slides: ["Generate Random Variables (x = P^-1(u))"]),
    ChapterSection("ring", slides: ["Generate Random Variables (the ring z/10 + z/|z|)"]),
    ChapterSection("kl", slides: ["KL Distance/Divergence"]),
    ChapterSection("kl-ml", slides: ["KL Distance and ML"]),
    ChapterSection("discriminative", slides: ["Discriminative Model", "Generative Model"]),
    ChapterSection("mixture", slides: ["Generative Model", "What is Mixture Model", "Definition"]),
  ]
}
