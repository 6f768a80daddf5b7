// Slide "CVAE inference": draw z from the prior N(0, I), choose the label c, decode. Two
// claims, measured: the samples show the chosen label (the judge, trained only on real images,
// names c), and c and z divide the work, c the class and z the style, so one z decoded with
// every label keeps its style. Style is measured by ink, the mean intensity of the image (how
// large and how dark the garment or digit is), which is not the class: the check correlates the
// ink of test images with the mean ink of their transfers to the other labels, both centred
// within each class, so the classes' own ink levels cannot make the correlation.

import Autodiff
import AutoencoderKit
import Datasets
import Foundation
import LatentModels
import Lecture
import NeuralNet
import Plotting
import Probability
import Stochastic
import TensorCore

extension CVAEChapter {
  /// Pearson correlation of two series.
  static func correlation(_ a: [Double], _ b: [Double]) -> Double {
    let n = Double(a.count)
    let (ma, mb) = (a.reduce(0, +) / n, b.reduce(0, +) / n)
    var (sab, saa, sbb) = (0.0, 0.0, 0.0)
    for (x, y) in zip(a, b) {
      sab += (x - ma) * (y - mb)
      saa += (x - ma) * (x - ma)
      sbb += (y - mb) * (y - mb)
    }
    return sab / (saa * sbb).squareRoot()
  }

  /// `values` minus the mean of their class.
  static func centredWithinClass(_ values: [Double], labels: [Int]) -> [Double] {
    var sums: [Int: (Double, Int)] = [:]
    for (v, l) in zip(values, labels) {
      sums[l, default: (0, 0)] = (sums[l, default: (0, 0)].0 + v, sums[l, default: (0, 0)].1 + 1)
    }
    return zip(values, labels).map { v, l in v - sums[l]!.0 / Double(sums[l]!.1) }
  }

  /// The mean intensity of every row of x [N, D].
  static func ink(_ x: Tensor) -> [Double] {
    (0..<x.rows).map { i in x.row(i).reduce(0.0) { $0 + Double($1) } / Double(x.shape[1]) }
  }

  package static func generation(
    _ run: ChapterRun, models: Models, test: LabeledImages, config: Config, seams: Seams = .honest
  ) throws {
    run.section("CVAE inference: z drawn from N(0, I), decoded with a chosen label")
    let slide = "Conditional Variational Autoencoder (CVAE): inference"
    let classes = test.classNames.count
    let chosen = config.labels ?? Array(0..<classes)
    var rng = run.random("generation")
    var rates: [Double] = []
    // Per sample: 1 if the judge names the chosen label c, minus 1 if it names the next label
    // c + 1 (mod C), the baseline of a decoder that ignored c, measured on the same samples.
    var pairedHits: [Double] = []
    var gridRows: [[[Float]]] = []
    for c in chosen {
      let z = Tensor.normal([config.samplesPerLabel, config.latentSize], using: &rng)
      let samples = models.cvae.decode(
        z, condition: seams.sampleCondition([Int](repeating: c, count: config.samplesPerLabel), classes))
      let predicted = models.judge.predict(samples)
      rates.append(Double(predicted.filter { $0 == c }.count) / Double(config.samplesPerLabel))
      pairedHits += predicted.map { ($0 == c ? 1.0 : 0.0) - ($0 == (c + 1) % classes ? 1.0 : 0.0) }
      gridRows.append(tiles(samples.rows(0..<min(10, config.samplesPerLabel))))
    }
    let agreement = rates.reduce(0, +) / Double(chosen.count)
    run.say("\(config.samplesPerLabel) samples per label; the fraction the judge names as their label:")
    run.say(
      "  "
        + zip(chosen.map { test.classNames[$0] }, rates).map { String(format: "%@ %.3f", $0, $1) }.joined(
          separator: ", "))
    run.say(
      String(
        format: "%@: %.4f; the judge's accuracy on real test images: %.4f",
        chosen.count == classes ? "all labels" : "these labels", agreement, models.judgeAccuracy))
    let lead = MeanEstimate(pairedHits)
    run.say(
      String(
        format:
          "named as the chosen label minus named as the next label (a decoder ignoring c would give 0): %.4f +- %.4f",
        lead.mean, lead.standardError))
    run.check(
      "samples named as their label more often than as the next label (by >= 4 paired SE)",
      slide: slide, expected: 4 * lead.standardError, observed: lead.mean, tolerance: .atLeast(margin: 0))
    try run.figure(
      .imageGrid(
        name: "cvae-samples",
        title: "CVAE samples: z ∼ N(0, I) decoded with each label (row: label, fraction the judge names as it)"
          + run.settingsNote,
        rows: gridRows, imageWidth: test.width, imageHeight: test.height,
        rowLabels: zip(chosen, rates).map { String(format: "%@ %.2f", test.classNames[$0], $1) },
        columnLabels: (1...max(1, gridRows.map(\.count).max() ?? 1)).map { "draw \($0)" }))

    // Style: one z (the mean of q(z|x,c) of a test image) decoded with every label.
    let m = min(config.styleImages, test.count)
    let x = test.images.rows(0..<m)
    let labels = Array(test.labels.prefix(m))
    let z = seams.styleCode(
      models.cvae.encode(Variable(x), condition: oneHot(labels, classes: classes)).mean.value, &rng)  // [m, Z]
    var transferredInk = [Double](repeating: 0, count: m)
    var decodedByLabel: [Tensor] = []
    for c in 0..<classes {
      let decoded = models.cvae.decode(z, condition: oneHot([Int](repeating: c, count: m), classes: classes))  // [m, D]
      for (i, v) in ink(decoded).enumerated() where labels[i] != c { transferredInk[i] += v / Double(classes - 1) }
      decodedByLabel.append(decoded)
    }
    let r = correlation(centredWithinClass(ink(x), labels: labels), centredWithinClass(transferredInk, labels: labels))
    run.say(
      String(
        format:
          "style on %d test images: correlation of their ink with the mean ink of their transfers to the other labels, "
          + "both centred within each class: %.4f",
        m, r))
    // Under no correlation, atanh(r) is about N(0, 1 / (m - 3)) (Fisher).
    run.check(
      "style kept: atanh(correlation) >= 4 standard errors of no correlation", slide: slide,
      expected: 4 / Double(m - 3).squareRoot(), observed: atanh(r), tolerance: .atLeast(margin: 0))
    let shown = test.firstOfEachClass.filter { $0 < m }.prefix(8)  // among the m images encoded
    try run.figure(
      .imageGrid(
        name: "cvae-style",
        title: "Style transfer: each row a test image (left) and its z decoded with "
          + (chosen.count == classes ? "every label" : "the chosen labels") + " (the columns)" + run.settingsNote,
        rows: shown.map { i in tiles(x.rows([i])) + chosen.flatMap { tiles(decodedByLabel[$0].rows([i])) } },
        imageWidth: test.width, imageHeight: test.height, rowLabels: shown.map { test.classNames[labels[$0]] },
        columnLabels: ["test image"] + chosen.map { test.classNames[$0] }))
  }
}
