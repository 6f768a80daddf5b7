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
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runProduct("vqvae", ["--quick", "--figures", "figs", "--report", "r.json"], in: dir)
    let again = try runProduct("vqvae", ["--quick", "--no-figures"], in: dir)
    #expect(numbersPrinted(again.stdout) == numbersPrinted(run.stdout), "same seed, different output")
    #expect(run.status == 0, "stderr: \(run.stderr)\nstdout: \(run.stdout)")
    let report = try JSONDecoder().decode(ChapterReport.self, from: Data(contentsOf: dir.appendingPathComponent("r.json")))
    #expect(report.chapter == "vqvae")
    #expect(report.failed == 0, "failed: \(report.checks.filter { !$0.passed }.map(\.name))")
    #expect(report.checks.count >= 16)
    let expectedFigures = ["vqvae-reconstructions", "vqvae-code-maps", "vqvae-codebook-usage"]
    #expect(report.figures.count == expectedFigures.count, "\(report.figures)")
    for name in expectedFigures {
      let bytes = try Data(contentsOf: dir.appendingPathComponent("figs/\(name).png"))
      #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(name) is not a PNG")
      #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("figs/src/\(name).gp").path))
    }
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
    let z = Variable(ze, requiresGradient: true), e = Variable(codebook, requiresGradient: true)
    vectorQuantize(z, codebook: e).codebookLoss.backward()
    #expect((z.grad?.storage.map(abs).max() ?? 0) == 0)
    let z2 = Variable(ze, requiresGradient: true), e2 = Variable(codebook, requiresGradient: true)
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
