// The chapters' knobs from the command line: off their defaults every check still passes and
// the report records them; a value outside its range is one line, exit 64, nothing written.

import Foundation
import Lecture
import Testing

@Suite("vae knobs", .serialized)
struct VAEKnobTests {
  @Test(
    .enabled(if: fashionInstalled, "needs dataset-fashion-mnist"),
    arguments: [
      ["--latent", "5", "--beta", "4", "--epochs", "3"],
      ["--hidden", "64", "--batch", "256", "--learning-rate", "0.002", "--epochs", "2"],
    ])
  func offTheirDefaultsEveryCheckPasses(knobs: [String]) throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runProduct("vae", ["--quick", "--no-figures", "--report", "r.json"] + knobs, in: dir)
    #expect(run.status == 0, "\(run.stdout.split(separator: "\n").filter { $0.contains("FAIL") })")
    let report = try JSONDecoder().decode(
      ChapterReport.self, from: Data(contentsOf: dir.appendingPathComponent("r.json")))
    #expect(report.failed == 0 && report.checks.count >= 40)
    for pair in stride(from: 0, to: knobs.count, by: 2) {
      #expect(report.settings[String(knobs[pair].dropFirst(2))] == knobs[pair + 1])
    }
    #expect(run.stdout.split(separator: "\n").first?.contains(knobs[0]) == true)
  }

  /// The conv VAE's own epoch count: its section trains that many epochs (one loss per epoch
  /// in the transcript) and still states its two facts; the report records the knob.
  @Test(.enabled(if: fashionInstalled, "needs dataset-fashion-mnist"))
  func convolutionalEpochsOffTheirDefault() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let knobs = ["--conv-epochs", "2"]
    let run = try runProduct(
      "vae", ["--quick", "--section", "conv-vae", "--no-figures", "--report", "r.json"] + knobs, in: dir)
    #expect(run.status == 0, "\(run.stderr)")
    let report = try JSONDecoder().decode(
      ChapterReport.self, from: Data(contentsOf: dir.appendingPathComponent("r.json")))
    #expect(report.settings == ["conv-epochs": "2"])
    let losses = run.stdout.split(separator: "\n").first { $0.contains("training -ELBO per epoch") }
    #expect(losses?.split(separator: ":").last?.split(separator: ",").count == 2, "\(losses ?? "no loss line")")
    #expect(run.stdout.contains("2 epochs"))
    let fact = "test ELBO of the conv VAE minus the pixel-mean model's log p(x) (nats)"
    #expect(report.facts.contains { $0.name == fact })
  }

  @Test(
    arguments: [
      ["--beta", "-1"], ["--latent", "0"], ["--hidden", "500,x"], ["--learning-rate", "0"], ["--conv-epochs", "0"],
    ])
  func outOfRangeIsOneLineAndExit64(knobs: [String]) throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runProduct("vae", ["--report", "r.json"] + knobs, in: dir)
    #expect(run.status == 64)
    #expect(run.stderr.split(separator: "\n").count == 1 && run.stderr.contains(knobs[0]), "\(run.stderr)")
    #expect(run.stdout.isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
  }

  @Test func helpListsTheKnobs() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runProduct("vae", ["--help"], in: dir)
    #expect(run.status == 0)
    for knob in ["--latent", "--beta", "--hidden", "--epochs", "--batch", "--learning-rate"] {
      #expect(run.stdout.contains(knob), "\(knob)")
    }
  }
}

@Suite("sparse knobs", .serialized)
struct SparseKnobTests {
  @Test(.enabled(if: fashionInstalled, "needs dataset-fashion-mnist"))
  func offTheirDefaultsEveryCheckPasses() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let knobs = [
      "--rho", "0.1", "--beta", "2", "--k", "5,15", "--alpha", "2", "--contractive", "0.3", "--epochs", "1",
      "--batch", "64",
    ]
    let run = try runProduct("sparse", ["--quick", "--no-figures", "--report", "r.json"] + knobs, in: dir)
    #expect(run.status == 0, "\(run.stdout.split(separator: "\n").filter { $0.contains("FAIL") })")
    let report = try JSONDecoder().decode(
      ChapterReport.self, from: Data(contentsOf: dir.appendingPathComponent("r.json")))
    #expect(report.failed == 0)
    #expect(
      report.settings == [
        "rho": "0.1", "beta": "2", "k": "5,15", "alpha": "2", "contractive": "0.3", "epochs": "1",
        "batch": "64",
      ])
    #expect(
      report.checks.contains { $0.name.hasPrefix("k = 15:") }
        && !report.checks.contains { $0.name.hasPrefix("k = 10:") })
    #expect(run.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 })
  }

  @Test(arguments: [["--rho", "1.5"], ["--rho", "0"], ["--k", "200"], ["--alpha", "0"], ["--contractive", "-1"]])
  func outOfRangeIsOneLineAndExit64(knobs: [String]) throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runProduct("sparse", knobs, in: dir)
    #expect(run.status == 64)
    #expect(run.stderr.split(separator: "\n").count == 1 && run.stderr.contains(knobs[0]), "\(run.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
  }
}

@Suite("vqvae knobs", .serialized)
struct VQVAEKnobTests {
  @Test(
    .enabled(if: fashionInstalled, "needs dataset-fashion-mnist"),
    arguments: [
      ["--codes", "16", "--code-dim", "4", "--commitment", "1", "--codebook", "loss"],
      ["--codebook", "ema", "--epochs", "2", "--batch", "32", "--learning-rate", "0.003"],
    ])
  func offTheirDefaultsEveryCheckPasses(knobs: [String]) throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runProduct("vqvae", ["--quick", "--no-figures", "--report", "r.json"] + knobs, in: dir)
    #expect(run.status == 0, "\(run.stdout.split(separator: "\n").filter { $0.contains("FAIL") })")
    let report = try JSONDecoder().decode(
      ChapterReport.self, from: Data(contentsOf: dir.appendingPathComponent("r.json")))
    #expect(report.failed == 0)
    for pair in stride(from: 0, to: knobs.count, by: 2) {
      #expect(report.settings[String(knobs[pair].dropFirst(2))] == knobs[pair + 1])
    }
    // One codebook trained: its rows only.
    let other = knobs.contains("loss") ? "EMA codebook" : "loss codebook"
    #expect(!report.checks.contains { $0.name.hasPrefix(other) })
  }

  @Test(arguments: [["--codebook", "sgd"], ["--codes", "1"], ["--code-dim", "0"], ["--commitment", "-0.5"]])
  func outOfRangeIsOneLineAndExit64(knobs: [String]) throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runProduct("vqvae", knobs, in: dir)
    #expect(run.status == 64)
    #expect(run.stderr.split(separator: "\n").count == 1 && run.stderr.contains(knobs[0]), "\(run.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
  }
}

@Suite("--list and --section")
struct SectionRunTests {
  @Test func vaeListNamesTheSectionsWithTheirSlides() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runProduct("vae", ["--list"], in: dir)
    #expect(run.status == 0)
    // A section's line is its name, then its measured times when Chapters/timings.md has them.
    let lines = run.stdout.split(separator: "\n").map(String.init)
    for name in [
      "kl", "elbo", "reparameterization", "mlp-vae", "conv-vae", "latent-size", "beta-vae", "hvae", "hvae-top-down",
    ] {
      #expect(lines.contains { $0 == "  \(name)" || $0.hasPrefix("  \(name)  [") }, "\(name)")
    }
    #expect(run.stdout.contains("slide: VAE Mathematics (KL)"))
    // The committed Chapters/timings.md gives every section its measured quick and full time.
    #expect(lines.filter { $0.hasPrefix("  ") && $0.contains("  [quick ") && $0.contains(", full ") }.count == 9)
  }

  /// `vae --quick --section KL` runs the KL checks alone, loads no images and says so in the
  /// header and the report.
  @Test func vaeSectionKLRunsOnlyTheKLChecks() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runProduct("vae", ["--quick", "--no-figures", "--section", "KL", "--report", "r.json"], in: dir)
    #expect(run.status == 0, "\(run.stderr)")
    let headings = run.stdout.split(separator: "\n").filter { $0.hasPrefix("== ") }
    #expect(headings.count == 1 && headings[0].hasPrefix("== KL of Gaussians"), "\(headings)")
    #expect(run.stdout.contains("sections: kl (of 9"))
    let report = try JSONDecoder().decode(
      ChapterReport.self, from: Data(contentsOf: dir.appendingPathComponent("r.json")))
    #expect(report.sections == ["kl"] && report.failed == 0 && !report.checks.isEmpty)
    #expect(report.checks.allSatisfy { $0.slide == "VAE Mathematics (KL)" })
  }

  /// Asking for a section that uses another's results runs both (cvae inference needs the
  /// trained models), so no selection fails for want of a model.
  @Test func aSectionRunsWithWhatItNeeds() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runProduct("denoising", ["--list"], in: dir)
    let inpainting = run.stdout.split(separator: "\n").filter { $0.hasPrefix("  inpainting  ") }
    #expect(inpainting.count == 1 && inpainting[0].hasSuffix("(runs with: denoising)"), "\(inpainting)")
    let unknown = try runProduct("vae", ["--section", "gan"], in: dir)
    #expect(
      unknown.status == 64 && unknown.stderr.split(separator: "\n").count == 1 && unknown.stderr.contains("'gan'"))
    let course = try runProduct("course", ["--section", "kl"], in: dir)
    #expect(course.status == 64 && course.stderr.contains("run that chapter"))
  }
}
