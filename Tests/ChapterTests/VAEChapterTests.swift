// The VAE chapter end to end (the built `vae --quick`), and its KL / ELBO checks failing when a
// wrong factor is planted in the closed-form KL.

import Foundation
import LatentModels
import Lecture
import Probability
import Stochastic
import TensorCore
import Testing
import VAEChapter

@Suite("vae executable", .serialized)
struct VAEExecutableTests {
  @Test(.enabled(if: fashionInstalled, "needs dataset-fashion-mnist"))
  func quickRunPassesEveryCheckAndWritesFigures() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runProduct("vae", ["--quick", "--figures", "figs", "--report", "r.json"], in: dir)
    // The same seed again, without figures: every number must repeat (timings go to stderr).
    let again = try runProduct("vae", ["--quick", "--no-figures"], in: dir)
    #expect(numbersPrinted(again.stdout) == numbersPrinted(run.stdout), "same seed, different output")
    #expect(run.status == 0, "stderr: \(run.stderr)\nstdout: \(run.stdout)")
    let report = try JSONDecoder().decode(
      ChapterReport.self, from: Data(contentsOf: dir.appendingPathComponent("r.json")))
    #expect(report.chapter == "vae")
    #expect(report.checks.count >= 40)
    #expect(report.failed == 0, "failed: \(report.checks.filter { !$0.passed }.map(\.name))")
    let names = [
      "vae-kl-convergence", "vae-elbo-gap", "vae-reparameterization-gradients", "vae-latent-scatter", "vae-manifold",
      "vae-prior-samples", "vae-reconstructions", "vae-latent-size", "vae-latent-size-images", "vae-beta-exact",
      "vae-beta",
    ]
    for name in names {
      #expect(report.figures.contains { $0.hasSuffix("\(name).png") }, "missing \(name)")
    }
    for figure in report.figures {
      let bytes = try Data(contentsOf: dir.appendingPathComponent(figure))
      #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(figure) is not a PNG")
    }
  }
}

/// Each mistake of the catalogue, planted: the derivation sections and the loss-term rows (on a
/// small untrained VAE and uniform images, no dataset), or for the HVAE's mistake the quick
/// run's HVAE section, fail exactly the catalogued checks.
@Suite("vae: the mistake catalogue")
struct VAEMistakeTests {
  static let quickCount = 20_000  // the quick run's Monte Carlo draws, so the rows are the CLI's

  static func runCheapSections(_ run: ChapterRun) throws {
    try VAEChapter.derivationSections(run, count: quickCount)
    try VAEChapter.topDownSection(run, count: quickCount)
    var rng = SeededRandom(seed: 5)
    let vae = GaussianVAE(inputSize: 784, hidden: [32], latentSize: 2, using: &rng)
    try VAEChapter.lossTermChecks(run, vae: vae, images: Tensor.uniform([64, 784], using: &rng))
  }

  /// The HVAE's mistakes need a trained model (an untrained one has terms too spread for a
  /// shift of 8 nats to show): the quick run's HVAE section, as the CLI runs it.
  static let hierarchicalMistakes = ["log-q-without-quadratic", "bracket-inverted"]
  /// The beta sweep's mistakes train three VAEs each: checked with the CLI (`vae --quick
  /// --mistake NAME --seed S`), not here.
  static let sweepMistakes = ["beta-on-reconstruction", "rate-from-weighted-term", "rate-per-coordinate"]

  @Test(.enabled(if: fashionInstalled, "needs dataset-fashion-mnist"))
  func honestHVAESectionPasses() throws {
    let honest = try silentRun(of: VAEChapter.self)
    try VAEChapter.hierarchicalSection(honest)
    #expect(honest.checks.count == 3)
    #expect(honest.checks.allSatisfy { $0.passed }, "\(honest.checks.filter { !$0.passed }.map(\.name))")
  }

  @Test(.enabled(if: fashionInstalled, "needs dataset-fashion-mnist"), arguments: hierarchicalMistakes)
  func plantedHVAEMistakeFailsItsCataloguedChecks(_ name: String) throws {
    let run = try plantedRun(of: VAEChapter.self, mistake: name)
    try VAEChapter.hierarchicalSection(run)
    expectCaughtAsCatalogued(run)
  }

  /// The exact beta-VAE section (the quick sweep's images, no training) under every mistake of
  /// the catalogue and none: the mistakes that reach its formulas fail exactly their catalogued
  /// rows there, every other run passes all four.
  @Test(
    .enabled(if: fashionInstalled, "needs dataset-fashion-mnist"),
    arguments: [nil] + VAEChapter.mistakes.map { $0.name as String? })
  func exactBetaSection(_ name: String?) throws {
    let run = try name.map { try plantedRun(of: VAEChapter.self, mistake: $0) } ?? silentRun(of: VAEChapter.self)
    try VAEChapter.exactBetaSection(run)
    #expect(run.checks.count == 4)
    let catches = Set(run.mistake?.catches ?? [])
    if catches.isDisjoint(with: run.checks.map(\.name)) {
      #expect(run.checks.allSatisfy { $0.passed }, "\(name ?? "honest"): \(failedChecks(run))")
    } else {
      expectCaughtAsCatalogued(run)
    }
  }

  @Test func honestRunOfTheSameSectionsPasses() throws {
    let run = try silentRun(of: VAEChapter.self)
    try Self.runCheapSections(run)
    #expect(run.checks.count >= 30)
    #expect(run.checks.allSatisfy { $0.passed }, "\(run.checks.filter { !$0.passed }.map(\.name))")
  }

  @Test(arguments: VAEChapter.mistakes.map(\.name).filter { !(hierarchicalMistakes + sweepMistakes).contains($0) })
  func plantedMistakeFailsItsCataloguedChecks(_ name: String) throws {
    let run = try plantedRun(of: VAEChapter.self, mistake: name)
    try Self.runCheapSections(run)
    expectCaughtAsCatalogued(run)
  }

  /// The score-function mistakes move a Monte Carlo mean by 2 to 10 standard errors or more:
  /// caught as catalogued at other seeds too.
  @Test(
    arguments: ["score-mean-not-subtracted", "score-without-normaliser", "score-baseline-from-the-same-draw"],
    [2, 3] as [UInt64])
  func scoreMistakeIsCaughtAtOtherSeeds(_ name: String, _ seed: UInt64) throws {
    let options = try ChapterOptions.parse(["--quick", "--no-figures", "--seed", "\(seed)", "--mistake", name])
    let run = try ChapterRun(chapter: VAEChapter.self, options: options) { _ in }
    try VAEChapter.derivationSections(run, count: Self.quickCount)
    expectCaughtAsCatalogued(run)
  }

  /// The top-down rows hold at other seeds (another model, x and draws), and each of their
  /// two mistakes fails exactly its rows there too: one on the sampled route, one on the
  /// closed-form route.
  @Test(arguments: [2, 3, 4, 5] as [UInt64])
  func topDownRowsAtOtherSeeds(_ seed: UInt64) throws {
    for mistake in [nil, "top-down-z1-without-z2", "joint-without-cross-covariance"] {
      let flags = ["--quick", "--no-figures", "--seed", "\(seed)"] + (mistake.map { ["--mistake", $0] } ?? [])
      let run = try ChapterRun(chapter: VAEChapter.self, options: try ChapterOptions.parse(flags)) { _ in }
      try VAEChapter.topDownSection(run, count: Self.quickCount)
      #expect(run.checks.count == 2)
      if mistake == nil {
        #expect(run.checks.allSatisfy { $0.passed }, "seed \(seed): \(run.checks.map { ($0.name, $0.observed) })")
      } else {
        expectCaughtAsCatalogued(run)
      }
    }
  }

  @Test func catalogueHasAtLeastEightMistakesEachCatchingSomething() {
    #expect(VAEChapter.mistakes.count >= 8)
    #expect(VAEChapter.mistakes.allSatisfy { !$0.catches.isEmpty })
    #expect(Set(VAEChapter.mistakes.map(\.name)).count == VAEChapter.mistakes.count)
  }
}

@Suite("VAE checks fail on planted errors")
struct VAEPlantedErrorTests {
  @Test func honestClosedFormsPass() throws {
    let run = try silentRun(of: VAEChapter.self)
    try VAEChapter.klChecks(run, kl: .exact, count: 20_000)
    try VAEChapter.elboIdentity(run, kl: .exact, count: 20_000)
    #expect(run.checks.allSatisfy { $0.passed }, "\(run.checks.filter { !$0.passed }.map(\.name))")
  }

  @Test func sameSeedGivesTheSameEstimates() throws {
    let a = try silentRun(of: VAEChapter.self)
    let b = try silentRun(of: VAEChapter.self)
    try VAEChapter.klChecks(a, kl: .exact, count: 5_000)
    try VAEChapter.klChecks(b, kl: .exact, count: 5_000)
    #expect(a.checks.map(\.observed) == b.checks.map(\.observed))
  }

  @Test func wrongFactorInDiagonalKLFailsTheKLChecks() throws {
    // 1/2 -> 1: the classic slip of the diagonal formula.
    var planted = GaussianKL.exact
    planted.diagonalToStandard = { mean, variance in 2 * klDiagonalToStandard(mean: mean, variance: variance) }
    let run = try silentRun(of: VAEChapter.self)
    try VAEChapter.klChecks(run, kl: planted, count: 20_000)
    let failed = Set(run.checks.filter { !$0.passed }.map(\.name))
    #expect(failed.count == 3, "\(failed)")
    #expect(failed.contains { $0.hasPrefix("KL(diag q || N(0,I))") })
    #expect(failed.contains { $0.hasPrefix("log-variance form") })
    #expect(failed.contains { $0.hasPrefix("diagonal formula = general") })
  }

  @Test func wrongLogDeterminantFactorFailsFullCovarianceAndELBO() throws {
    // log |S2| / |S1| taken with a factor 1/2 (as if the determinant were of a standard deviation).
    var planted = GaussianKL.exact
    planted.between = { q, p in
      try gaussianKL(q, p) - 0.25 * (p.logDeterminant - q.logDeterminant)
    }
    let run = try silentRun(of: VAEChapter.self)
    try VAEChapter.klChecks(run, kl: planted, count: 20_000)
    try VAEChapter.elboIdentity(run, kl: planted, count: 20_000)
    let failed = run.checks.filter { !$0.passed }.map(\.name)
    #expect(failed.contains { $0.hasPrefix("KL(q || N(0,I))") }, "\(failed)")
    #expect(failed.contains { $0.hasPrefix("log p(x) - KL(q||p(z|x))") }, "\(failed)")
    #expect(failed.contains { $0.hasPrefix("KL(q||p(z|x)) = E_q") }, "\(failed)")
  }

  @Test func wrongFactorInGeneralKLFailsEveryRowThatUsesIt() throws {
    // 1/2 -> 1 in the general (full-covariance) formula.
    var planted = GaussianKL.exact
    planted.between = { q, p in 2 * (try gaussianKL(q, p)) }
    let run = try silentRun(of: VAEChapter.self)
    try VAEChapter.klChecks(run, kl: planted, count: 20_000)
    let failed = Set(run.checks.filter { !$0.passed }.map(\.name))
    #expect(
      failed == [
        "diagonal formula = general formula (tr, quad, log det)",
        "KL(q || N(0,I)) = 1/2(tr S + m^T m - d - log|S|) vs MC",
        "KL(q || p), two full Gaussians, closed form vs MC", "KL(p || q), the other direction, closed form vs MC",
      ], "\(failed)")
  }

  @Test func wrongLogVarianceFormFailsOnlyItsRow() throws {
    // A missing "- 1" per coordinate in the log-variance form only.
    var planted = GaussianKL.exact
    planted.logVarianceToStandard = { mean, v in
      klDiagonalToStandard(mean: mean, logVariance: v) + 0.5 * Double(mean.count)
    }
    let run = try silentRun(of: VAEChapter.self)
    try VAEChapter.klChecks(run, kl: planted, count: 20_000)
    let failed = run.checks.filter { !$0.passed }.map(\.name)
    #expect(failed == ["log-variance form 1/2 sum(e^v+m^2-1-v) = sigma^2 form"], "\(failed)")
  }
}
