// The denoising chapter end to end (the built `denoising --quick`: every check passes, every
// figure is written, the same seed prints the same numbers), its corruption checks telling
// planted errors apart (each wrong corruption fails exactly its own rows), bicubic's
// quadratic check failing for the wrong kernel parameter, and the pieces the chapter's
// scores rest on: PSNR, and the inpainting holes found again from the corruption's draws.

import AutoencoderKit
import DenoisingChapter
import Foundation
import Lecture
import Stochastic
import TensorCore
import Testing

@Suite("denoising executable", .serialized)
struct DenoisingExecutableTests {
  @Test(.enabled(if: fashionInstalled, "needs dataset-fashion-mnist"))
  func quickRunPassesEveryCheckAndWritesFigures() throws {
    let report = try expectQuickRun(
      "denoising", minimumChecks: 20,
      figures: [
        "denoising-examples", "denoising-psnr", "denoising-inpainting", "denoising-feature-reduction",
        "denoising-superres", "denoising-low-dose",
      ])
    for corruption in ["gaussian", "masking", "salt-and-pepper"] {
      #expect(
        report.checks.contains { $0.name.hasPrefix("\(corruption): corrupted input's PSNR below the DAE's") },
        "no DAE row for \(corruption)")
    }
    // Every check is failed by some mistake of the catalogue.
    let caught = Set(DenoisingChapter.mistakes.flatMap(\.catches))
    #expect(report.checks.map(\.name).filter { !caught.contains($0) } == [], "checks no mistake fails")
  }
}

@Suite("denoising checks tell planted errors apart")
struct DenoisingPlantedErrorTests {
  /// 1,000 random 28 x 28 images.
  let images: Tensor = {
    var rng = SeededRandom(seed: 21)
    return Tensor.uniform([1_000, 784], using: &rng)
  }()
  let config = DenoisingChapter.Config(quick: true)

  /// The names of the corruption rows that fail when `plant` replaces some corruptions.
  func failedRows(_ plant: @escaping (Corruption, Tensor, inout SeededRandom) -> Tensor?) throws -> [String] {
    let run = try silentRun(of: DenoisingChapter.self)
    DenoisingChapter.corruptionStatistics(run, images: images, width: 28, height: 28, config: config) {
      corruption, x, rng in
      plant(corruption, x, &rng) ?? corruption.apply(to: x, using: &rng)
    }
    #expect(run.checks.count == 12)
    return run.checks.filter { !$0.passed }.map(\.name)
  }

  @Test func honestCorruptionsPassEveryRow() throws {
    #expect(try failedRows { _, _, _ in nil } == [])
  }

  @Test func gaussianTwoPercentTooWideFailsTheVarianceOnly() throws {
    let failed = try failedRows { corruption, x, rng in
      guard case .gaussian(let sd) = corruption else { return nil }
      return Corruption.gaussian(standardDeviation: sd * 1.02).apply(to: x, using: &rng)
    }
    #expect(failed.count == 1 && failed[0].hasPrefix("Gaussian: variance"), "\(failed)")
  }

  @Test func dropoutWithoutTheRescaleFailsTheMeanOnly() throws {
    let failed = try failedRows { corruption, x, rng in
      guard case .dropout(let p) = corruption else { return nil }
      return Corruption.masking(fraction: p).apply(to: x, using: &rng)  // zeros without 1/(1 - p)
    }
    #expect(failed.count == 1 && failed[0].hasPrefix("input dropout: E[x~]"), "\(failed)")
  }

  @Test func saltWithoutPepperFailsTheShareOnly() throws {
    let failed = try failedRows { corruption, x, rng in
      guard case .saltAndPepper(let fraction) = corruption else { return nil }
      return x.map { rng.uniform() < fraction ? 1 : $0 }
    }
    #expect(failed.count == 1 && failed[0].hasPrefix("salt-and-pepper: share"), "\(failed)")
  }

  @Test func blockAlwaysInTheCornerFailsThePositionOnly() throws {
    let failed = try failedRows { corruption, x, _ in
      guard case .block(let side, let width, _) = corruption else { return nil }
      var s = x.storage
      for image in 0..<x.shape[0] {
        for r in 0..<side { for c in 0..<side { s[image * x.shape[1] + r * width + c] = 0 } }
      }
      return Tensor(shape: x.shape, storage: s)
    }
    #expect(failed.count == 1 && failed[0].hasPrefix("block: fraction of holes covering"), "\(failed)")
  }

  @Test func bicubicReproducesQuadraticsOnlyWithKeysParameter() {
    var rng = SeededRandom(seed: 22)
    #expect(DenoisingChapter.quadraticReproductionError(a: -0.5, using: &rng) <= 1e-12)
    var same = SeededRandom(seed: 22)
    // a = -0.75 (a common library default) reproduces linear functions only.
    #expect(DenoisingChapter.quadraticReproductionError(a: -0.75, using: &same) > 1e-3)
  }
}

@Suite("PSNR and inpainting holes")
struct DenoisingPiecesTests {
  @Test func psnrOfAUniformErrorIsTwentyLogOfItsInverse() {
    let clean = Tensor(repeating: 0.4, shape: [3, 10])
    #expect(abs(meanPSNR(clean + 0.1, clean) - 20) < 1e-5)  // MSE 0.01: 10 log10(1 / 0.01)
    #expect(abs(meanPSNR(clean, clean) - 100) < 1e-9)  // floored at MSE 1e-10
    // The mean of per-image PSNRs, not the PSNR of the mean error: 20 and 40 dB give 30.
    let mixed = Tensor(
      shape: [2, 10], storage: [Float](repeating: 0.5, count: 10) + [Float](repeating: 0.41, count: 10))
    #expect(abs(meanPSNR(mixed, Tensor(repeating: 0.4, shape: [2, 10])) - 30) < 1e-3)
  }

  @Test func holeMaskMarksExactlyThePixelsTheBlockRemoves() {
    var rng = SeededRandom(seed: 23)
    let x = Tensor.uniform([50, 784], low: 0.1, high: 1, using: &rng)  // no pixel is 0 before
    let corruption = Corruption.block(side: 12, imageWidth: 28, imageHeight: 28)
    let noise = SeededRandom(seed: 24)
    var draws = noise
    let holed = corruption.apply(to: x, using: &draws)
    let mask = DenoisingChapter.holeMask(corruption, count: 50, pixels: 784, noise: noise)
    #expect(mask == holed.storage.map { $0 == 0 })
    #expect(mask.filter { $0 }.count == 50 * 144)
  }
}

@Suite("denoising mistake catalogue")
struct DenoisingMistakeTests {
  /// The sections the catalogue's mistakes break, without training: the corruption
  /// statistics and the PSNR definition on 1000 random images (as many as the quick run
  /// counts, so the rows carry the catalogue's names), the bicubic kernel, the gradient rows.
  func runSections(_ run: ChapterRun) {
    let formulas = DenoisingChapter.Formulas.planted(run.mistake)
    var rng = SeededRandom(seed: 22)
    let images = Tensor.uniform([1_000, 784], using: &rng)
    DenoisingChapter.corruptionStatistics(
      run, images: images, width: 28, height: 28, config: DenoisingChapter.Config(quick: true),
      corrupt: formulas.corrupt)
    DenoisingChapter.psnrChecks(run, images: images, formulas: formulas)
    DenoisingChapter.bicubicCheck(run, formulas: formulas)
    DenoisingChapter.daeLossGradientRow(run, formulas: formulas)
    DenoisingChapter.superResolutionLossCheck(
      run, slide: "Examples and Applications: image super resolution", formulas: formulas)
    DenoisingChapter.lowDoseStatistics(
      run, images: lowDoseImages, photons: DenoisingChapter.Config(quick: true).photonCounts,
      corrupt: formulas.corrupt)
  }

  /// 200 random images with about half their pixels black, as a real image's background (the
  /// low-dose rows count what Poisson noise does to black pixels).
  let lowDoseImages: Tensor = {
    var rng = SeededRandom(seed: 25)
    return Tensor.uniform([200, 784], using: &rng).map { $0 < 0.5 ? 0 : $0 }
  }()

  /// The mistakes that only trained models' rows catch (checked with `denoising --quick
  /// --mistake NAME` at several seeds, not here).
  static let trainedOnly: Set = [
    "plain-ae-on-clean-input", "sigmoid-forgotten-at-test", "bicubic-corners-not-centres", "dae-predicts-the-noise",
  ]

  @Test func honestSectionsPass() throws {
    let run = try silentRun(of: DenoisingChapter.self)
    runSections(run)
    #expect(run.checks.count == 24)
    #expect(failedChecks(run).isEmpty, "\(failedChecks(run))")
  }

  @Test(arguments: DenoisingChapter.mistakes.map(\.name).filter { !trainedOnly.contains($0) })
  func mistakeFailsExactlyItsChecks(_ name: String) throws {
    let run = try plantedRun(of: DenoisingChapter.self, mistake: name)
    runSections(run)
    expectCaughtAsCatalogued(run)
  }
}

@Suite("low-dose noise and its knob")
struct DenoisingLowDoseTests {
  /// The photon counts the low-dose noise draws: mean and variance equal to the mean, and
  /// P(0) = exp(-mean), within 4 standard errors, for both samplers of `poisson(mean:)`
  /// (inversion below a mean of 10, transformed rejection from 10 on; the chapter's default
  /// counts reach only the first, `--photons` above 10 the second).
  @Test(arguments: [0.3, 4.0, 9.5, 10.0, 37.0, 2_000.0])
  func poissonSamplerHasMeanAndVarianceItsMean(mean: Double) {
    var rng = SeededRandom(seed: 26)
    let n = 200_000
    let k = (0..<n).map { _ in Double(rng.poisson(mean: mean)) }
    let m = k.reduce(0, +) / Double(n)
    let v = k.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(n - 1)
    #expect(abs(m - mean) <= 4 * (mean / Double(n)).squareRoot(), "mean \(m) for \(mean)")
    // Var of the sample variance of a Poisson: (mu4 - sigma^4) / n with mu4 = mean + 3 mean^2.
    #expect(abs(v - mean) <= 4 * ((mean + 2 * mean * mean) / Double(n)).squareRoot(), "variance \(v) for \(mean)")
    // P(k = 0) = exp(-mean) where it is not negligible.
    if mean < 5 {
      let zeros = Double(k.filter { $0 == 0 }.count) / Double(n)
      let p = exp(-mean)
      #expect(abs(zeros - p) <= 4 * (p * (1 - p) / Double(n)).squareRoot())
    }
  }

  @Test func photonsKnobKeepsItsOrderAndDropsRepeats() throws {
    let run = try knobbedRun(of: DenoisingChapter.self, ["--photons", "50,3,50,7"])
    #expect(DenoisingChapter.Config(run).photonCounts == [50, 3, 7])
    #expect(DenoisingChapter.Config(quick: true).photonCounts == [1, 2, 5])
    for bad in ["0", "3,x", "1,2,3,4,5,6", "100001"] {
      #expect(throws: KnobError.self) { _ = try Knob.extract(DenoisingChapter.knobs, from: ["--photons", bad]) }
    }
  }

  /// At a count of its own, the statistics rows pass on honest noise and the DAE-free rows
  /// carry N in their names.
  @Test func honestLowDoseStatisticsPassAtAnyCount() throws {
    let run = try silentRun(of: DenoisingChapter.self)
    var rng = SeededRandom(seed: 27)
    let images = Tensor.uniform([100, 784], using: &rng).map { $0 < 0.4 ? 0 : $0 }
    DenoisingChapter.lowDoseStatistics(run, images: images, photons: [3, 40, 1_000])
    #expect(run.checks.count == 7)
    #expect(run.checks.contains { $0.name == "low dose N = 1000: mean of x~ - x = 0 (E[x~] = x)" })
    #expect(failedChecks(run).isEmpty, "\(failedChecks(run))")
  }
}
