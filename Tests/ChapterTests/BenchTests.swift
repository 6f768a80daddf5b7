// bench as a user runs it: the table, the ceilings and the JSON report. No timing is
// asserted (speed is a measurement, not a test); only that the numbers are there and sane.

import Foundation
import Testing

@Suite struct BenchTests {
  @Test func quickRunPrintsTheTableAndWritesTheJSON() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runProduct("bench", ["--quick", "--json", "b.json"], in: dir)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("shallow AE 784-32-784"))
    #expect(run.stdout.contains("deep AE 784-128-64-32-64-128-784"))
    #expect(run.stdout.contains("MLP VAE 784-500-500-2-500-500-784"))
    #expect(run.stdout.contains("conv VAE (keras.io) 28x28x1-32-64-16-2"))
    #expect(run.stdout.contains("conv AE (Keras blog) 16-8-2-8-8-1"))
    #expect(run.stdout.contains("conv VQ-VAE 16-32-8, K = 64"))
    #expect(run.stdout.contains("sgemm ceiling:"))
    #expect(run.stdout.contains("multiply-add peak:"))

    let data = try Data(contentsOf: dir.appendingPathComponent("b.json"))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Double])
    #expect(Set(json.keys) == ["shallow_ae", "deep_ae", "mlp_vae", "conv_vae", "conv_ae", "vq_vae", "sgemm_gflops"])
    for (key, value) in json { #expect(value.isFinite && value > 0, "\(key) = \(value)") }

    let peakLine = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("multiply-add peak:") })
    let peak = try #require(Double(peakLine.split(separator: " ")[2]))
    #expect(peak.isFinite && peak > 0)
  }

  @Test func unknownModelIsOneLineAndNonZero() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runProduct("bench", ["--quick", "--models", "resnet"], in: dir)
    #expect(run.status == 64)
    #expect(run.stderr.contains("resnet"))
    #expect(
      run.stderr.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").count == 1, "\(run.stderr)")
  }
}
