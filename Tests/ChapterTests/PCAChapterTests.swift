// The PCA chapter end to end: the built `pca` binary with --quick, its report, its figures,
// its reproducibility, and its one-line errors on bad input.

import Foundation
import Lecture
import Testing

let fashionInstalled = FileManager.default.fileExists(
  atPath: "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")

@Suite("pca executable", .serialized)
struct PCAExecutableTests {
  @Test(.enabled(if: fashionInstalled, "needs dataset-fashion-mnist"))
  func quickRunPassesEveryCheckAndWritesFigures() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runProduct("pca", ["--quick", "--figures", "figs", "--report", "r.json"], in: dir)
    #expect(run.status == 0, "stderr: \(run.stderr)\nstdout: \(run.stdout)")
    let report = try JSONDecoder().decode(
      ChapterReport.self, from: Data(contentsOf: dir.appendingPathComponent("r.json")))
    #expect(report.chapter == "pca")
    #expect(report.checks.count >= 8)
    #expect(report.failed == 0, "failed: \(report.checks.filter { !$0.passed }.map(\.name))")
    #expect(report.figures.count >= 5)
    for figure in report.figures {
      let png = dir.appendingPathComponent(figure)
      let bytes = try Data(contentsOf: png)
      #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(figure) is not a PNG")
      // Each figure keeps its gnuplot script beside its data.
      let stem = png.deletingPathExtension().lastPathComponent
      #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("figs/src/\(stem).gp").path))
    }
    #expect(run.stdout.contains("\(report.passed) passed, 0 failed"))
  }

  @Test(.enabled(if: fashionInstalled, "needs dataset-fashion-mnist"))
  func sameSeedPrintsTheSameNumbers() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let a = try runProduct("pca", ["--quick", "--no-figures", "--seed", "5"], in: dir)
    let b = try runProduct("pca", ["--quick", "--no-figures", "--seed", "5"], in: dir)
    let c = try runProduct("pca", ["--quick", "--no-figures", "--seed", "6"], in: dir)
    #expect(a.status == 0 && b.status == 0 && c.status == 0)
    #expect(a.stdout == b.stdout)
    #expect(a.stdout != c.stdout, "a different seed must change the sampled numbers")
  }

  @Test func badFlagIsOneLineAndNonZero() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for args in [["--bogus"], ["--dataset", "cifar"], ["--seed", "minus-one"]] {
      let run = try runProduct("pca", args, in: dir)
      #expect(run.status != 0, "\(args)")
      #expect(run.stdout.isEmpty, "\(args): \(run.stdout)")
      #expect(run.stderr.split(separator: "\n").count == 1, "\(args): \(run.stderr)")
    }
  }

  @Test func missingDataIsOneLineAndNonZero() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runProduct(
      "pca", ["--quick", "--no-figures", "--data", dir.appendingPathComponent("nowhere").path], in: dir)
    #expect(run.status == 2)
    #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    #expect(run.stderr.contains("train-images-idx3-ubyte"), "\(run.stderr)")
  }

  @Test func corruptDataIsOneLineAndNonZero() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = dir.appendingPathComponent("data")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    // A gzip file cut short, and a labels file that is not IDX at all.
    let gz = try Process.run(
      URL(fileURLWithPath: "/bin/sh"),
      arguments: [
        "-c",
        "head -c 3000 /dev/urandom | gzip -c | head -c 1000 > '\(data.path)/train-images-idx3-ubyte.gz'; echo hello > "
          + "'\(data.path)/train-labels-idx1-ubyte'",
      ])
    gz.waitUntilExit()
    let run = try runProduct("pca", ["--quick", "--no-figures", "--data", data.path], in: dir)
    #expect(run.status == 2)
    #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    #expect(run.stderr.contains("train-images-idx3-ubyte.gz"), "\(run.stderr)")
  }

  @Test func missingGnuplotIsOneLineAndNonZero() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runProduct("pca", ["--quick"], in: dir, environment: ["GNUPLOT": "/nonexistent/gnuplot"])
    #expect(run.status == 2)
    #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    #expect(run.stderr.contains("gnuplot-nox"), "\(run.stderr)")
    // Nothing was drawn: gnuplot is looked for before any work.
    let figures =
      (try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("Figures").path)) ?? []
    #expect(figures.allSatisfy { $0 == "src" }, "\(figures)")
  }

  @Test(
    .enabled(
      if: FileManager.default.fileExists(atPath: sharedMNIST.appendingPathComponent("t10k-images-idx3-ubyte.gz").path),
      "needs ../shared/data/mnist"))
  func mnistWithoutTrainingSplitSaysWhatIsMissing() throws {
    // The shared directory has the test split only: the chapter must name the missing file.
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runProduct(
      "pca", ["--quick", "--no-figures", "--dataset", "mnist", "--data", sharedMNIST.path], in: dir)
    #expect(run.status == 2)
    #expect(run.stderr.contains("train-images-idx3-ubyte"), "\(run.stderr)")
  }
}
