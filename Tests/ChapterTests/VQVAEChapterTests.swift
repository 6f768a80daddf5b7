// The VQ-VAE chapter end to end (the built `vqvae --quick`: every check passes, every figure is
// written, the same seed prints the same numbers), and its bottleneck measures telling planted
// errors apart: a vector given its second-nearest code, a codebook term without its
// stop-gradient, a straight-through op that drops the gradient.

import Autodiff
import Foundation
import LatentModels
import Lecture
import Stochastic
import TensorCore
import Testing
import VQVAEChapter

@Suite("vqvae executable", .serialized)
struct VQVAEExecutableTests {
  @Test(.enabled(if: fashionInstalled, "needs dataset-fashion-mnist"))
  func quickRunPassesEveryCheckAndWritesFigures() throws {
    try expectQuickRun(
      "vqvae", minimumChecks: 15,
      figures: ["vqvae-discretization", "vqvae-reconstructions", "vqvae-code-maps", "vqvae-codebook-usage"])
  }
}

@Suite("vqvae: the bottleneck's measures catch planted errors")
struct VQVAEPlantedErrorTests {
  let ze: Tensor
  let codebook: Tensor

  init() {
    var rng = SeededRandom(seed: 51)
    ze = Tensor.normal([50, 4], using: &rng)
    codebook = Tensor.normal([8, 4], using: &rng)
  }

  @Test func secondNearestCodeIsCounted() {
    let indices = nearestCodes(ze, codebook: codebook)
    #expect(VQVAEChapter.notNearest(indices, ze, codebook: codebook) == 0)
    var planted = indices
    planted[7] = (planted[7] + 1) % 8  // some other code: farther, barring an exact tie
    #expect(VQVAEChapter.notNearest(planted, ze, codebook: codebook) == 1)
  }

  @Test func codebookTermWithoutStopGradientReachesTheEncoder() {
    let z = Variable(ze, requiresGradient: true)
    let e = Variable(codebook, requiresGradient: true)
    vectorQuantize(z, codebook: e).codebookLoss.backward()
    #expect((z.grad?.storage.map(abs).max() ?? 0) == 0)
    let z2 = Variable(ze, requiresGradient: true)
    let e2 = Variable(codebook, requiresGradient: true)
    let indices = nearestCodes(ze, codebook: codebook)
    (e2.gatherRows(indices) - z2).squared().sum().backward()  // no sg[z_e]
    #expect((z2.grad?.storage.map(abs).max() ?? 0) > 1e-3)
  }

  @Test func straightThroughPassesTheGradientUnaltered() {
    let z = Variable(ze, requiresGradient: true)
    let q = vectorQuantize(z, codebook: Variable(codebook))
    #expect(q.quantized.value.storage == codebook.rows(q.indices).storage)  // forward: e_k exactly
    var rng = SeededRandom(seed: 52)
    let weights = Tensor.normal(q.quantized.shape, using: &rng)
    (q.quantized * Variable(weights)).sum().backward()
    #expect(z.grad?.storage == weights.storage)  // backward: d/dz_q copied to z_e
  }
}

@Suite("vqvae: every catalogued mistake fails exactly its checks")
struct VQVAEMistakeCatalogueTests {
  /// The 2-D discretization, bottleneck and dictionary-learning sections, in a fraction of a second: every mistake
  /// fails at least one of their rows (the trained model's rows need the data and minutes).
  static func cheapSections(_ run: ChapterRun) throws {
    let seams = VQVAEChapter.Seams.planted(run.mistake)
    try VQVAEChapter.discretization(run, seams: seams)
    VQVAEChapter.bottleneckChecks(run, seams: seams)
    VQVAEChapter.dictionaryLearningChecks(run, seams: seams)
    VQVAEChapter.trainingLossGradient(run, seams: seams, beta: 0.25)
  }

  @Test func honestSectionsPass() throws {
    let run = try silentRun(of: VQVAEChapter.self)
    try Self.cheapSections(run)
    #expect(
      !run.checks.isEmpty && run.checks.allSatisfy { $0.passed }, "\(run.checks.filter { !$0.passed }.map(\.name))")
    #expect(run.facts.count == 4, "the one-hot KL and three capacities are stated facts")
  }

  @Test(arguments: VQVAEChapter.mistakes.map(\.name))
  func plantedMistakeFailsItsCheckAndNoOther(_ name: String) throws {
    let run = try plantedRun(of: VQVAEChapter.self, mistake: name)
    try Self.cheapSections(run)
    expectCaughtAsCatalogued(run)
  }

  /// The training loss's gradient row, honest at other seeds (other images, weights and codes),
  /// and failed at each by the sigmoid's wrong backward.
  @Test(arguments: [2, 3, 4, 5] as [UInt64])
  func trainingLossGradientRowAtOtherSeeds(_ seed: UInt64) throws {
    for mistake in [nil, "sigmoid-gradient-without-one-minus"] {
      let options = try ChapterOptions.parse(
        ["--quick", "--no-figures", "--seed", "\(seed)"] + (mistake.map { ["--mistake", $0] } ?? []))
      let run = try ChapterRun(chapter: VQVAEChapter.self, options: options) { _ in }
      VQVAEChapter.trainingLossGradient(run, seams: .planted(run.mistake), beta: 0.25)
      #expect(run.checks.count == 1)
      #expect(run.checks.allSatisfy { $0.passed } == (mistake == nil), "\(seed) \(mistake ?? "honest"): \(run.checks)")
    }
  }

  /// The 2-D discretization's rows at other seeds (other points and codebooks): honest, both
  /// pass; each mistake that reaches them fails exactly its catalogued rows among them.
  @Test(arguments: [2, 3, 4, 5])
  func discretizationRowsAtOtherSeeds(_ seed: Int) throws {
    for name in [nil, "farthest-code", "ema-codebook-not-divided-by-count", "ema-decay-swapped"] {
      let run =
        try name.map { try plantedRun(of: VQVAEChapter.self, mistake: $0, seed: seed) }
        ?? silentRun(of: VQVAEChapter.self, seed: seed)
      try VQVAEChapter.discretization(run, seams: .planted(run.mistake))
      #expect(run.checks.count == 2)
      if name == nil || name == "ema-decay-swapped" {
        #expect(run.checks.allSatisfy { $0.passed }, "seed \(seed) \(name ?? "honest"): \(run.checks)")
      } else {
        expectCaughtAsCatalogued(run)
      }
    }
  }

  @Test func everyCheapCheckIsFailedBySomeMistake() throws {
    let caught = Set(VQVAEChapter.mistakes.flatMap(\.catches))
    let run = try silentRun(of: VQVAEChapter.self)
    try Self.cheapSections(run)
    #expect(run.checks.map(\.name).filter { !caught.contains($0) } == [])
  }
}
