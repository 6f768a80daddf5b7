// The prelims chapter end to end (the built `prelims --quick` binary, its report and figures,
// its reproducibility, no image data needed), and its checks failing on planted errors.

import Foundation
import Lecture
import PrelimsChapter
import Probability
import Stochastic
import Testing

@Suite("prelims executable", .serialized)
struct PrelimsExecutableTests {
  @Test func quickRunPassesEveryCheckAndWritesFigures() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runProduct("prelims", ["--quick", "--figures", "figs", "--report", "r.json"], in: dir)
    #expect(run.status == 0, "stderr: \(run.stderr)\nstdout: \(run.stdout)")
    let report = try JSONDecoder().decode(
      ChapterReport.self, from: Data(contentsOf: dir.appendingPathComponent("r.json")))
    #expect(report.chapter == "prelims")
    #expect(report.checks.count >= 40)
    // Every check is failed by some mistake of the catalogue, but for the known few.
    let caught = Set(PrelimsChapter.mistakes.flatMap(\.catches))
    let uncaught = report.checks.map(\.name).filter { !caught.contains($0) }
    #expect(uncaught == PrelimsMistakeCatalogueTests.knownUncaught, "checks no mistake fails: \(uncaught)")
    #expect(
      report.facts.count == 3, "the histogram's integral, KL(P||P) and the responsibilities' sum are stated facts")
    #expect(report.failed == 0, "failed: \(report.checks.filter { !$0.passed }.map(\.name))")
    #expect(
      report.checks.filter { $0.name.hasPrefix("KS D_n") }.count == PrelimsChapter.ksRowCount,
      "the Bonferroni level assumes \(PrelimsChapter.ksRowCount) KS rows")
    let expected = [
      "histogram-kde", "density-convergence", "inverse-cdf", "transport", "ring", "kl-asymmetry", "kl-ml",
      "discriminative-generative", "gmm", "em-loglik",
    ]
    #expect(report.figures.sorted() == expected.map { "figs/prelims-\($0).png" }.sorted())
    for figure in report.figures {
      let png = dir.appendingPathComponent(figure)
      #expect(try Data(contentsOf: png).starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(figure) is not a PNG")
      let stem = png.deletingPathExtension().lastPathComponent
      #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("figs/src/\(stem).gp").path))
    }
    #expect(run.stdout.contains("\(report.passed) passed, 0 failed"))
  }

  @Test func needsNoImageDataAndSameSeedPrintsTheSameNumbers() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let nowhere = ["--data", dir.appendingPathComponent("nowhere").path]
    let a = try runProduct("prelims", ["--quick", "--no-figures", "--seed", "5"] + nowhere, in: dir)
    let b = try runProduct("prelims", ["--quick", "--no-figures", "--seed", "5"] + nowhere, in: dir)
    let c = try runProduct("prelims", ["--quick", "--no-figures", "--seed", "6"] + nowhere, in: dir)
    #expect(a.status == 0 && b.status == 0 && c.status == 0, "\(a.stderr) \(c.stderr)")
    #expect(a.stdout == b.stdout)
    #expect(a.stdout != c.stdout, "a different seed must change the sampled numbers")
  }

  @Test func badFlagIsOneLineAndNonZero() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runProduct("prelims", ["--seed", "minus-one"], in: dir)
    #expect(run.status != 0)
    #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
  }
}

@Suite("prelims checks fail on planted errors")
struct PrelimsPlantedErrorTests {
  @Test func wrongInverseCDFFailsKolmogorovSmirnov() throws {
    let target = Exponential(rate: 1.5)
    var rng = SeededRandom(seed: 3)
    let honest = target.samples(5_000, using: &rng)
    // Planted: P^-1(u) = -log(1 - u) / 1.2, a rate off by 20%.
    let wrong = (0..<5_000).map { _ in -log(1 - rng.uniform()) / 1.2 }
    // Planted: a Laplace quantile that forgets the sign of the lower half.
    let laplace = Laplace(location: 0, scale: 1)
    let folded = (0..<5_000).map { _ in abs(laplace.sample(using: &rng)) }
    let run = try silentRun(of: PrelimsChapter.self)
    PrelimsChapter.checkMatches(run, samples: honest, target: target, label: "honest")
    PrelimsChapter.checkMatches(run, samples: wrong, target: target, label: "wrong rate")
    PrelimsChapter.checkMatches(run, samples: folded, target: laplace, label: "folded")
    #expect(run.checks.map(\.passed) == [true, false, false], "\(run.checks)")
  }

  @Test func ringWithoutNormalisationFailsTheRadiusChecks() throws {
    var rng = SeededRandom(seed: 8)
    let z = (0..<2_000).map { _ in Point2(rng.normal(), rng.normal()) }
    let honest = try silentRun(of: PrelimsChapter.self)
    PrelimsChapter.checkRing(honest, points: z.map(PrelimsChapter.ring))
    #expect(honest.checks.allSatisfy { $0.passed }, "\(honest.checks)")
    // Planted: y = z/10 + z (the division by |z| forgotten): no ring, angle still uniform.
    let planted = try silentRun(of: PrelimsChapter.self)
    PrelimsChapter.checkRing(planted, points: z.map { $0 / 10 + $0 })
    #expect(planted.checks.map(\.passed) == [false, false, false, true], "\(planted.checks)")
  }

  @Test func swappedKLClosedFormFailsTheMonteCarloCheck() throws {
    let p = Normal(mean: 0, standardDeviation: 1)
    let q = Normal(mean: 1, standardDeviation: 2)
    var rng = SeededRandom(seed: 2)
    let run = try silentRun(of: PrelimsChapter.self)
    PrelimsChapter.checkContinuousKL(run, p: p, q: q, closedForm: Normal.klDivergence(p, q), count: 20_000, using: &rng)
    // Planted: the arguments of the closed form swapped, as if KL were symmetric.
    PrelimsChapter.checkContinuousKL(run, p: p, q: q, closedForm: Normal.klDivergence(q, p), count: 20_000, using: &rng)
    #expect(run.checks.map(\.passed) == [true, false], "\(run.checks)")
  }

  @Test func goldenSectionOnTheSampledKLLandsOnTheMLE() throws {
    var rng = SeededRandom(seed: 4)
    let truth = Laplace(location: 0, scale: 1)
    let x = truth.samples(2_001, using: &rng)
    let fit = PrelimsChapter.minimiseSampledKLOverNormals(x) { PrelimsChapter.sampledKL(x, truth: truth, model: $0) }
    let n = Double(x.count)
    let mean = x.reduce(0, +) / n
    let variance: Double = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
    #expect(abs(fit.mean - mean) < 1e-6)
    #expect(abs(fit.variance - variance) < 1e-6)
  }

  @Test func kdeOfShiftedDataFailsTheSmoothedTruthCheck() throws {
    var rng = SeededRandom(seed: 6)
    let truth = PrelimsChapter.densityTruth
    let honest = (0..<10_000).map { _ in truth.ancestralSample(using: &rng) }
    let run = try silentRun(of: PrelimsChapter.self)
    let kde = KernelDensityEstimate(silverman: honest)
    PrelimsChapter.checkKDEMeansSmoothedTruth(
      run, kde: kde, smoothed: truth.smoothed(bandwidth: kde.bandwidth), at: [-1.5, 0, 1.5])
    #expect(run.checks.allSatisfy { $0.passed }, "\(run.checks)")
    // Planted: every point shifted by 0.3 (a biased sampler).
    let planted = try silentRun(of: PrelimsChapter.self)
    let shifted = KernelDensityEstimate(silverman: honest.map { $0 + 0.3 })
    PrelimsChapter.checkKDEMeansSmoothedTruth(
      planted, kde: shifted, smoothed: truth.smoothed(bandwidth: shifted.bandwidth), at: [-1.5, 0, 1.5])
    #expect(planted.checks.contains { !$0.passed }, "\(planted.checks)")
  }

  @Test func brokenMStepFailsMonotonicity() throws {
    var rng = SeededRandom(seed: 1)
    let data = (0..<600).map { _ in PrelimsChapter.trueMixture.sample(using: &rng).point }
    let initial = GaussianMixture.initial(data, components: 3, using: &rng)
    let honest = try silentRun(of: PrelimsChapter.self)
    PrelimsChapter.checkEM(honest, runs: [ExpectationMaximisation(data, from: initial, maxIterations: 200)])
    #expect(honest.checks.allSatisfy { $0.passed }, "\(honest.checks)")
    // Planted: the M-step divides each covariance by N instead of N_k (too narrow components).
    let broken = ExpectationMaximisation(
      data, from: initial, maxIterations: 200,
      maximisation: { x, gamma in
        var m = GaussianMixture.maximisation(x, responsibilities: gamma)
        for k in m.components.indices {
          let share = m.weights[k]
          m.components[k].covariance = Covariance2(
            xx: m.components[k].covariance.xx * share, xy: m.components[k].covariance.xy * share,
            yy: m.components[k].covariance.yy * share)
        }
        return m
      })
    let planted = try silentRun(of: PrelimsChapter.self)
    PrelimsChapter.checkEM(planted, runs: [broken])
    #expect(planted.checks.map(\.passed) == [false], "the likelihood falls: \(planted.checks)")
    #expect(planted.facts.first?.value ?? 1 < 1e-12, "responsibilities still sum to 1")
  }
}

@Suite("prelims: every catalogued mistake fails exactly its checks")
struct PrelimsMistakeCatalogueTests {
  /// The section a mistake breaks, run alone (the density section is the slowest, about a second).
  static func section(for mistake: Mistake) -> (ChapterRun, PrelimsChapter.Config, PrelimsChapter.Formulas) throws ->
    Void
  {
    if mistake.name.hasPrefix("ring-") { return PrelimsChapter.ringMap }
    switch mistake.slide {
    case PrelimsChapter.slideDensity: return PrelimsChapter.densityEstimation
    case PrelimsChapter.slideGenerate: return PrelimsChapter.generateRandomVariables
    case PrelimsChapter.slideKL: return PrelimsChapter.klDivergence
    case PrelimsChapter.slideKLML: return PrelimsChapter.klAndMaximumLikelihood
    case PrelimsChapter.slideGenerative: return PrelimsChapter.discriminativeVersusGenerative
    default: return PrelimsChapter.mixtureModel
    }
  }

  @Test(arguments: PrelimsChapter.mistakes.map(\.name))
  func plantedMistakeFailsItsCheckAndNoOther(_ name: String) throws {
    let run = try plantedRun(of: PrelimsChapter.self, mistake: name)
    let mistake = try #require(run.mistake)
    try Self.section(for: mistake)(run, PrelimsChapter.Config(), .planted(mistake))
    expectCaughtAsCatalogued(run)
  }

  /// The two-class section at other seeds (other data): honest, its three rows pass; with each
  /// of its mistakes, exactly the catalogued rows fail.
  @Test(arguments: [2, 3, 4, 5, 6])
  func discriminativeRowsAtOtherSeeds(_ seed: Int) throws {
    let names = [nil] + PrelimsChapter.mistakes.filter { $0.slide == PrelimsChapter.slideGenerative }.map(\.name)
    #expect(names.count == 4)
    for name in names {
      let run =
        try name.map { try plantedRun(of: PrelimsChapter.self, mistake: $0, seed: seed) }
        ?? silentRun(of: PrelimsChapter.self, seed: seed)
      try PrelimsChapter.discriminativeVersusGenerative(
        run, config: PrelimsChapter.Config(), formulas: .planted(run.mistake))
      #expect(run.checks.count == 3)
      if name == nil {
        #expect(run.checks.allSatisfy { $0.passed }, "seed \(seed): \(run.checks.filter { !$0.passed }.map(\.name))")
      } else {
        expectCaughtAsCatalogued(run)
      }
    }
  }

  /// The checks no catalogued mistake fails (none).
  static let knownUncaught: [String] = []
}
