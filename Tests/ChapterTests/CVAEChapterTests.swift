// The CVAE chapter end to end (the built `cvae --quick`: every check passes, every figure is
// written, the same seed prints the same numbers), and its conditional ELBO identity telling a
// planted error apart: the unconditional prior N(0, I) in place of p(z|c).

import CVAEChapter
import Foundation
import Lecture
import Probability
import Stochastic
import Testing

@Suite("cvae executable", .serialized)
struct CVAEExecutableTests {
  @Test(.enabled(if: fashionInstalled, "needs dataset-fashion-mnist"))
  func quickRunPassesEveryCheckAndWritesFigures() throws {
    try expectQuickRun(
      "cvae", minimumChecks: 8, figures: ["cvae-samples", "cvae-style", "cvae-latent-vae", "cvae-latent-cvae"])
  }
}

@Suite("cvae: the conditional ELBO identity fails on a planted error")
struct CVAEPlantedErrorTests {
  @Test func unconditionalPriorBreaksTheIdentity() throws {
    var rng = SeededRandom(seed: 41)
    for example in try CVAEChapter.conditionalExample(using: &rng) {
      let sides = try CVAEChapter.conditionalELBOSides(example.model, x: example.x, q: example.q)
      #expect(abs(sides.left - sides.right) <= 1e-9 * abs(sides.left))
      #expect(sides.right <= sides.logEvidence)
      // KL to N(0, I) instead of p(z|c) = N(m_c, I): the right side moves by the difference.
      let planted = sides.expectedLogLikelihood - (try gaussianKL(example.q, .standard(2)))
      #expect(abs(sides.left - planted) > 1e-3 * abs(sides.left))
    }
  }
}

/// Each mistake of the catalogue, planted in the sections that need no data (the conditional
/// ELBO identity in Double, the training loss's gradient on a tiny CVAE): exactly the
/// catalogued rows fail; the honest sections pass. The mistakes of the test ELBO and of the
/// inference need the trained models: checked with the CLI (`cvae --quick --mistake NAME --seed
/// S`, seeds 1 to 3), not here.
@Suite("cvae: the mistake catalogue")
struct CVAEMistakeTests {
  static let trainedModelMistakes = [
    "test-elbo-kl-added", "label-withheld-when-sampling", "style-code-from-prior", "code-with-label-appended",
  ]

  @Test func honestSectionsPass() throws {
    let run = try silentRun(of: CVAEChapter.self)
    try CVAEChapter.sectionsWithoutData(run)
    #expect(run.checks.count == 4)
    #expect(run.checks.allSatisfy { $0.passed }, "\(run.checks.filter { !$0.passed }.map(\.name))")
  }

  @Test(arguments: CVAEChapter.mistakes.map(\.name).filter { !trainedModelMistakes.contains($0) })
  func plantedMistakeFailsItsCataloguedChecks(_ name: String) throws {
    let run = try plantedRun(of: CVAEChapter.self, mistake: name)
    try CVAEChapter.sectionsWithoutData(run)
    expectCaughtAsCatalogued(run)
  }

  /// The honest gradient row passes at other seeds too (other weights, images and eps).
  @Test(arguments: [2, 3, 4, 5, 6] as [UInt64])
  func honestGradientRowPassesAtOtherSeeds(_ seed: UInt64) throws {
    let options = try ChapterOptions.parse(["--quick", "--no-figures", "--seed", "\(seed)"])
    let run = try ChapterRun(chapter: CVAEChapter.self, options: options) { _ in }
    try CVAEChapter.sectionsWithoutData(run)
    #expect(run.checks.allSatisfy { $0.passed }, "\(run.checks.filter { !$0.passed }.map { ($0.name, $0.observed) })")
  }

  /// The unconditional prior lifts the ELBO above log p(x|c) only when q's mean lies nearer 0
  /// than the class's prior mean: among seeds 1 to 4 the bound row fails at some and passes at
  /// others, which is why the catalogue names it as failing at some seeds only.
  @Test func unconditionalPriorFailsTheBoundRowAtSomeSeedsOnly() throws {
    let row = "conditional ELBO - log p(x|c) <= 0 for the imperfect q, largest over 3 classes"
    var verdicts: [Bool] = []
    for seed in 1...4 {
      let options = try ChapterOptions.parse(
        ["--quick", "--no-figures", "--seed", "\(seed)", "--mistake", "unconditional-prior"])
      let run = try ChapterRun(chapter: CVAEChapter.self, options: options) { _ in }
      try CVAEChapter.sectionsWithoutData(run)
      expectCaughtAsCatalogued(run)
      verdicts.append(failedChecks(run).contains(row))
    }
    #expect(verdicts.contains(true) && verdicts.contains(false), "\(verdicts)")
  }

  /// A sampler whose backward drops sigma fails the gradient row at any seed of the tiny CVAE.
  @Test(arguments: [1, 2, 3] as [UInt64])
  func wrongSamplerBackwardFailsTheGradientRowAtEverySeed(_ seed: UInt64) throws {
    let options = try ChapterOptions.parse(
      ["--quick", "--no-figures", "--seed", "\(seed)", "--mistake", "sampler-gradient-without-sigma"])
    let run = try ChapterRun(chapter: CVAEChapter.self, options: options) { _ in }
    try CVAEChapter.sectionsWithoutData(run)
    expectCaughtAsCatalogued(run)
  }
}
