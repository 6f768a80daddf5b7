// The CVAE chapter end to end (the built `cvae --quick`: every check passes, every figure is
// written, the same seed prints the same numbers), and its conditional ELBO identity telling a
// planted error apart: the unconditional prior N(0, I) in place of p(z|c).

import Foundation
import Lecture
import Probability
import Stochastic
import Testing

import CVAEChapter

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

/// Each mistake of the catalogue, planted in the conditional ELBO section (Double, no data):
/// exactly the catalogued rows fail; the honest section passes.
@Suite("cvae: the mistake catalogue")
struct CVAEMistakeTests {
  @Test func honestSectionPasses() throws {
    let run = try silentRun(of: CVAEChapter.self)
    try CVAEChapter.conditionalELBO(run)
    #expect(run.checks.count == 3)
    #expect(run.checks.allSatisfy { $0.passed }, "\(run.checks.filter { !$0.passed }.map(\.name))")
  }

  @Test(arguments: CVAEChapter.mistakes.map(\.name))
  func plantedMistakeFailsItsCataloguedChecks(_ name: String) throws {
    let run = try plantedRun(of: CVAEChapter.self, mistake: name)
    try CVAEChapter.conditionalELBO(run)
    expectCaughtAsCatalogued(run)
  }
}
