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
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runProduct("cvae", ["--quick", "--figures", "figs", "--report", "r.json"], in: dir)
    let again = try runProduct("cvae", ["--quick", "--no-figures"], in: dir)
    #expect(numbersPrinted(again.stdout) == numbersPrinted(run.stdout), "same seed, different output")
    #expect(run.status == 0, "stderr: \(run.stderr)\nstdout: \(run.stdout)")
    let report = try JSONDecoder().decode(ChapterReport.self, from: Data(contentsOf: dir.appendingPathComponent("r.json")))
    #expect(report.chapter == "cvae")
    #expect(report.failed == 0, "failed: \(report.checks.filter { !$0.passed }.map(\.name))")
    #expect(report.checks.count >= 8)
    let expectedFigures = ["cvae-samples", "cvae-style", "cvae-latent-vae", "cvae-latent-cvae"]
    #expect(report.figures.count == expectedFigures.count, "\(report.figures)")
    for name in expectedFigures {
      let bytes = try Data(contentsOf: dir.appendingPathComponent("figs/\(name).png"))
      #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(name) is not a PNG")
      #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("figs/src/\(name).gp").path))
    }
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
