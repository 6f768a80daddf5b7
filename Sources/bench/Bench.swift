// bench: seconds per epoch, achieved GFLOP/s and test loss of the slides' models, trained on the
// 60,000 training images with the public NeuralNet API, plus the machine's sgemm GFLOP/s as the
// ceiling. `--json FILE` writes {"shallow_ae": s, ..., "vq_vae": s, "sgemm_gflops": g}.

import ArgumentParser
import Autodiff
import CBLAS
import Datasets
import Foundation
import Lecture
import NeuralNet
import Stochastic
import TensorCore

@main
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Training speed of the slides' models (seconds per epoch, GFLOP/s, test loss).")

  @Option(help: "Epochs per model; seconds per epoch is the median over them.")
  var epochs: Int = 3

  @Flag(help: "Train 10 epochs (the loss comparison with Keras); same as --epochs 10.")
  var quality = false

  @Flag(help: "Smoke test: 1 epoch on the first 5,120 training images, 1,000 test images.")
  var quick = false

  @Option(help: "Train on the first N training images only (0: all), as the peers' --subset.")
  var subset: Int = 0

  @Option(help: "Write the seconds per epoch and the sgemm GFLOP/s as JSON to this file.")
  var json: String?

  @Option(help: "Only these models (comma-separated keys: \(BenchModelKind.keys)).")
  var models: String = BenchModelKind.allCases.map(\.rawValue).joined(separator: ",")

  @Option(help: "Dataset: fashion or mnist.")
  var dataset: DatasetName = .fashion

  @Option(help: "Directory holding the IDX files.")
  var data: String?

  @Flag(help: "Only time each matrix product of one training step of each model.")
  var gemmShapes = false

  @Flag(help: "Only time the held-out log p(x|z) per pixel: the vectorised kernel and libm, on one core.")
  var likelihood = false

  @Option(help: "Random seed (initialisation, shuffling, VAE noise).")
  var seed: UInt64 = 1

  /// Every error as one line on stderr, as the chapters print theirs: a bad flag exits 64,
  /// anything else (missing data, an unwritable --json) 1; --help prints the help and exits 0.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let code = exitCode(for: error)
      if code == .success { exit(withError: error) }
      let line = message(for: error).split(whereSeparator: \.isNewline).joined(separator: " ")
      FileHandle.standardError.write(Data("bench: \(line)\n".utf8))
      Foundation.exit(code == .validationFailure ? 64 : 1)
    }
  }

  func validate() throws {
    guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1") }
    guard subset >= 0 else { throw ValidationError("--subset must be 0 (all images) or more") }
    _ = try modelKinds()
  }

  /// The models `--models` names, in its order.
  func modelKinds() throws -> [BenchModelKind] {
    try models.split(separator: ",").map { key in
      guard let kind = BenchModelKind(rawValue: String(key)) else {
        throw ValidationError("unknown model '\(key)' (\(BenchModelKind.keys))")
      }
      return kind
    }
  }

  func run() throws {
    // The chapters' heap and kernels (Lecture/LargeAllocations.swift, BLASKernels.swift): bench
    // times what a class runs.
    reuseLargeAllocations()
    pinBLASKernels()
    let kinds = try modelKinds()
    let machine =
      "\(ProcessInfo.processInfo.activeProcessorCount) cores, load average \(loadAverage()), "
      + "OpenBLAS kernels \(String(cString: openblas_get_corename()))"
    // The timing-only modes read no images: their inputs are random.
    if likelihood || gemmShapes {
      print("bench: \(machine)")
      if likelihood {
        printLikelihoodTiming()
      } else {
        var rng = SeededRandom(seed: seed)
        printGemmShapes(kinds.map { $0.build(using: &rng) })
      }
      return
    }
    let name = dataset
    let source = DatasetSource(dataDirectory: data.map { URL(fileURLWithPath: $0, isDirectory: true) })
    var train = try loadDataset(name, split: .train, source: source)
    var test = try loadDataset(name, split: .test, source: source)
    let epochCount = quality ? 10 : (quick ? 1 : epochs)
    if quick {
      train = train.prefix(20 * 256)
      test = test.prefix(1000)
    }
    if subset > 0 { train = train.prefix(subset) }
    print(
      "bench: \(name.displayName), \(train.count) training images, \(test.count) test images, \(epochCount) epoch(s) "
        + "per model, \(machine)"
    )
    let peakBefore = MultiplyAddPeak.measure()
    let ceiling = sgemmCeiling()
    var results: [String: Double] = ["sgemm_gflops": ceiling]
    var rows: [[String]] = []
    for kind in kinds {
      var rng = SeededRandom(seed: seed)
      let model = kind.build(using: &rng)
      let outcome = try measure(model, train: train.images, test: test.images, epochs: epochCount, rng: &rng)
      results[kind.rawValue] = outcome.secondsPerEpoch
      rows.append([
        model.title, "\(model.batchSize)", String(format: "%.3f", outcome.secondsPerEpoch),
        String(format: "%.3f", outcome.cpuSecondsPerEpoch), String(format: "%.1f", outcome.gflops),
        String(format: "%.\(model.lossDecimals)f", outcome.testLoss),
        outcome.lossName,
      ])
    }
    printTable(header: ["model", "batch", "s/epoch", "CPU s/epoch", "GFLOP/s", "test loss", "loss"], rows: rows)
    print("load average at the end: \(loadAverage()) (timings are only comparable on an otherwise idle machine)")
    let threading =
      Tensor.splitsProductsOverCores
      ? "split over \(Parallel.width) cores, 1 OpenBLAS thread each" : "\(blasThreads()) OpenBLAS threads"
    print(
      String(format: "sgemm ceiling: %.1f GFLOP/s (1024^3 through Tensor.gemm, best of 10, %@)", ceiling, threading))
    let peakAfter = MultiplyAddPeak.measure()
    print(
      String(
        format:
          "multiply-add peak: %.1f GFLOP/s before the models, %.1f after (independent FMA chains on all %d cores at "
          + "once; %.1f on one): no product can run faster; the sgemm ceiling is %.0f%% of it",
        peakBefore.all, peakAfter.all, Parallel.width, peakBefore.one,
        100 * ceiling / max(peakBefore.all, peakAfter.all)))
    for (when, peak) in [("before the models", peakBefore), ("after them", peakAfter)] where peak.coresWereBusy {
      print(
        String(
          format:
            "warning: while the peak was measured %@, this process had about %.1f of the %d cores (something else was "
            + "running): compare timings from a quiet machine",
          when, peak.coresAvailable, peak.cores))
    }

    if let json {
      let ordered = (BenchModelKind.allCases.map(\.rawValue) + ["sgemm_gflops"]).compactMap { k in
        results[k].map { "\"\(k)\": \(String(format: "%.4f", $0))" }
      }
      let text = "{" + ordered.joined(separator: ", ") + "}\n"
      do {
        try text.write(toFile: json, atomically: true, encoding: .utf8)
      } catch {
        throw BenchError(description: "cannot write \(json): \(error.localizedDescription)")
      }
    }
  }
}

/// Prints rows under a header with aligned columns.
func printTable(header: [String], rows: [[String]]) {
  let all = [header] + rows
  let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
  for (i, row) in all.enumerated() {
    let cells = row.enumerated().map { c, cell in
      c == 0 || c == row.count - 1
        ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
        : String(repeating: " ", count: widths[c] - cell.count) + cell
    }
    print(cells.joined(separator: "  "))
    if i == 0 { print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
  }
}

/// The 1-minute load average (other processes competing for the cores), or "?" off Linux.
func loadAverage() -> String {
  guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "?" }
  return text.split(separator: " ").first.map(String.init) ?? "?"
}

/// A failure that is not a usage error (printed as one line, exit status 1).
struct BenchError: Error, CustomStringConvertible {
  let description: String
}
