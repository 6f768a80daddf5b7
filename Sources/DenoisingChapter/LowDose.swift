// Slide "Examples and Applications: Low Dose CT". A detector counts photons: at a dose of N
// photons per pixel at intensity 1, a pixel of intensity x records k ~ Poisson(N x), and the
// image is x~ = k / N. Its mean is x and its variance x / N, so lowering the dose N raises
// the noise, and more so in bright pixels; a black pixel (x = 0) records nothing and stays
// black. The corruption is checked on these claims from the pixels' own moments, then one DAE
// per photon count (the denoising section's architecture) is scored against the noisy input.

import AutoencoderKit
import Datasets
import Foundation
import Lecture
import Plotting
import Probability
import Stochastic
import TensorCore

extension DenoisingChapter {
  /// The names of the low-dose checks (for the catalogue).
  static func lowDoseMeanCheckName(_ n: Int) -> String { "low dose N = \(n): mean of x~ - x = 0 (E[x~] = x)" }
  static func lowDoseVarianceCheckName(_ n: Int) -> String {
    "low dose N = \(n): mean of (x~ - x)^2 - x / N = 0 (Var[x~] = x / N)"
  }
  static let lowDoseBlackCheckName = "low dose: pixels with x = 0 not 0 in x~, every N (Poisson(0) = 0)"
  /// The ordering of a count's DAE (the check appends " (paired, by > 4 SE)").
  static func lowDoseRow(_ n: Int) -> String { "low dose N = \(n): noisy input's PSNR below the DAE's (dB)" }

  /// The statistics of x~ = Poisson(N x) / N on the images x [B, D] at each photon count.
  /// Per pixel, with d = x~ - x: E[d] = 0, and E[d^2 - x / N] = 0 since Var[x~] = x / N; each
  /// mean over the pixels within 4 of its standard errors (the pixels' own spread of d and of
  /// d^2 - x / N, so a wrong noise is judged by its own spread). The black pixels are counted.
  package static func lowDoseStatistics(
    _ run: ChapterRun, images x: Tensor, photons: [Int],
    corrupt: Corrupter = { corruption, x, rng in corruption.apply(to: x, using: &rng) }
  ) {
    let slide = "Examples and Applications: low dose CT"
    var rng = run.random("low-dose-statistics")
    let black = x.storage.indices.filter { x.storage[$0] == 0 }
    var litBlack = 0
    for n in photons {
      let noisy = corrupt(.poisson(photons: n), x, &rng)
      let d = (0..<x.count).map { Double(noisy.storage[$0]) - Double(x.storage[$0]) }
      let e = MeanEstimate(d)
      let v = MeanEstimate((0..<x.count).map { d[$0] * d[$0] - Double(x.storage[$0]) / Double(n) })
      run.check(
        lowDoseMeanCheckName(n), slide: slide, expected: 0, observed: e.mean,
        tolerance: .standardErrors(4, standardError: e.standardError))
      run.check(
        lowDoseVarianceCheckName(n), slide: slide, expected: 0, observed: v.mean,
        tolerance: .standardErrors(4, standardError: v.standardError))
      litBlack += black.filter { noisy.storage[$0] != 0 }.count
    }
    run.say("\(black.count) of the \(x.count) pixels are black (x = 0) in the images counted")
    run.check(lowDoseBlackCheckName, slide: slide, expected: 0, observed: Double(litBlack), tolerance: .absolute(0))
  }

  package static func lowDose(
    _ run: ChapterRun, train: LabeledImages, test: LabeledImages, statisticsImages: Tensor, config: Config,
    formulas: Formulas
  ) throws {
    run.section("Low dose CT: x~ = Poisson(N x) / N, N photons per pixel at intensity 1")
    let slide = "Examples and Applications: low dose CT"
    lowDoseStatistics(run, images: statisticsImages, photons: config.photonCounts, corrupt: formulas.corrupt)
    run.say(
      "one DAE per count, \(widths(train.images.shape[1], hidden: config.hidden)) as in the denoising section, "
        + "\(config.epochs) epochs on \(train.count) images, a fresh draw of the noise per batch")

    let shown = test.firstOfEachClass
    var rows: [[[Float]]] = []
    var labels: [String] = []
    for n in config.photonCounts {
      let corruption = Corruption.poisson(photons: n)
      var noise = run.random("low-dose-test-\(n)")
      let noisy = corruption.apply(to: test.images, using: &noise)
      let model = try trainAutoencoder(
        run, corruption: corruption, name: "DAE (poisson, N = \(n))", train: train, testInputs: noisy,
        testTargets: test.images, config: config, formulas: formulas)
      let denoised = model.reconstruct(noisy)
      let input = perImagePSNR(clippedToUnitRange(noisy), test.images)
      let byDAE = perImagePSNR(denoised, test.images)
      func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
      run.say(
        String(
          format: "N = %d: PSNR of the noisy input %.2f dB (clipped to [0, 1]), DAE %.2f dB", n, mean(input),
          mean(byDAE)))
      run.pairedLower(lowDoseRow(n), slide: slide, input, than: byDAE)
      rows += [tiles(clippedToUnitRange(noisy).rows(shown)), tiles(denoised.rows(shown))]
      labels += [
        String(format: "N = %d noisy %.1f dB", n, mean(input)), String(format: "N = %d DAE %.1f dB", n, mean(byDAE)),
      ]
    }
    rows.append(tiles(test.images.rows(shown)))
    labels.append("clean")
    try run.figure(
      .imageGrid(
        name: "denoising-low-dose",
        // One line at the default settings, so the title keeps clear of the column labels.
        title: "Low dose, N photons per pixel: noisy (clipped) and the DAE trained at N; PSNR over \(test.count) "
          + "test images\(run.settingsNote)",
        rows: rows, imageWidth: test.width, imageHeight: test.height, rowLabels: labels,
        columnLabels: test.classNames(of: shown)))
  }
}
