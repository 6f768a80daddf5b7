// The parts of the chapter `--section` can run alone (`--list` prints them), in running order.

import Lecture

extension StackedChapter {
  public static let sections: [ChapterSection] = [
    ChapterSection("sae", slides: ["Stacked Autoencoder (SAE): greedy layer-wise learning"]),
    ChapterSection("sda", slides: ["Stacked Autoencoder (SAE): variants (SDA)"]),
    ChapterSection("fine-tuning", slides: ["Stacked Autoencoder (SAE): fine tuning"], needs: ["sae", "sda"]),
  ]
}
