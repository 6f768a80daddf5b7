// The parts of the chapter `--section` can run alone (`--list` prints them), in running order.

import Lecture

extension CVAEChapter {
  public static let sections: [ChapterSection] = [
    ChapterSection("loss-function", slides: ["Conditional Variational Autoencoder (CVAE): loss function"]),
    ChapterSection("training", slides: ["Conditional Variational Autoencoder (CVAE): training"]),
    ChapterSection("inference", slides: ["Conditional Variational Autoencoder (CVAE): inference"], needs: ["training"]),
    ChapterSection(
      "versus-vae", slides: ["Conditional Variational Autoencoder (CVAE) (how much of the label z carries)"],
      needs: ["training"]),
  ]
}
