// Runs a built chapter executable as a user would and captures what it prints.
// `swift test` builds every product next to the test bundle, so the binaries are found there.

import Foundation
import Lecture
import Testing

struct ProcessOutput {
  let status: Int32
  let stdout: String
  let stderr: String
}

/// The directory holding the built products (pca, course, ...).
var productsDirectory: URL {
  Bundle.main.bundleURL
}

/// Runs `product` with `arguments` in `directory`, with extra environment variables.
func runProduct(
  _ product: String, _ arguments: [String], in directory: URL, environment extra: [String: String] = [:]
) throws -> ProcessOutput {
  let process = Process()
  process.executableURL = productsDirectory.appendingPathComponent(product)
  process.arguments = arguments
  process.currentDirectoryURL = directory
  var environment = ProcessInfo.processInfo.environment
  for (k, v) in extra { environment[k] = v }
  process.environment = environment
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  // Drain both pipes before waiting so a full pipe cannot block the child.
  let group = DispatchGroup()
  nonisolated(unsafe) var outData = Data()
  nonisolated(unsafe) var errData = Data()
  DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
  DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
  group.wait()
  process.waitUntilExit()
  return ProcessOutput(
    status: process.terminationStatus,
    stdout: String(decoding: outData, as: UTF8.self),
    stderr: String(decoding: errData, as: UTF8.self))
}

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("chapter-test-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// The shared MNIST test set beside the project, when this machine has it.
let sharedMNIST: URL = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().appendingPathComponent("shared/data/mnist")

/// What a run printed, without the lines naming figure files (a run with --no-figures prints
/// none): two runs with the same seed must agree on everything else, digit for digit.
func numbersPrinted(_ stdout: String) -> [Substring] {
  stdout.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("figure: ") }
}

/// A quick, figure-less run of `chapter` that prints nowhere, for calling its sections
/// directly (honest inputs pass, planted errors fail the matching rows); at `seed`.
func silentRun(of chapter: any Chapter.Type, seed: Int = 1) throws -> ChapterRun {
  let options = try ChapterOptions.parse(["--quick", "--no-figures", "--seed", "\(seed)"])
  return try ChapterRun(chapter: chapter, options: options) { _ in }
}

/// What every chapter's quick run must do, from the built executable: run `product --quick`
/// with figures and a JSON report, then again without figures; the same seed prints the same
/// numbers, the run exits 0 with no failed check and at least `minimumChecks` checks (and says
/// so in its last line), and it
/// writes exactly `figures`, each a PNG with its gnuplot script beside it. Returns the report
/// for the chapter's own expectations.
@discardableResult
func expectQuickRun(
  _ product: String, minimumChecks: Int, figures expectedFigures: [String],
  sourceLocation: SourceLocation = #_sourceLocation
) throws -> ChapterReport {
  let dir = try temporaryDirectory()
  defer { try? FileManager.default.removeItem(at: dir) }
  let run = try runProduct(product, ["--quick", "--figures", "figs", "--report", "r.json"], in: dir)
  // The same seed again, without figures: every number must repeat (timings go to stderr).
  let again = try runProduct(product, ["--quick", "--no-figures"], in: dir)
  #expect(
    numbersPrinted(again.stdout) == numbersPrinted(run.stdout), "same seed, different output",
    sourceLocation: sourceLocation)
  #expect(run.status == 0, "stderr: \(run.stderr)\nstdout: \(run.stdout)", sourceLocation: sourceLocation)
  let report = try JSONDecoder().decode(
    ChapterReport.self, from: Data(contentsOf: dir.appendingPathComponent("r.json")))
  #expect(report.chapter == product, sourceLocation: sourceLocation)
  #expect(
    report.failed == 0, "failed: \(report.checks.filter { !$0.passed }.map(\.name))", sourceLocation: sourceLocation)
  #expect(report.checks.count >= minimumChecks, sourceLocation: sourceLocation)
  #expect(run.stdout.contains("\(report.passed) passed, 0 failed"), sourceLocation: sourceLocation)
  #expect(report.figures.count == expectedFigures.count, "\(report.figures)", sourceLocation: sourceLocation)
  for name in expectedFigures {
    let bytes = try Data(contentsOf: dir.appendingPathComponent("figs/\(name).png"))
    #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(name) is not a PNG", sourceLocation: sourceLocation)
    #expect(
      FileManager.default.fileExists(atPath: dir.appendingPathComponent("figs/src/\(name).gp").path),
      sourceLocation: sourceLocation)
  }
  return report
}

/// A quick, figure-less, silent run of `chapter` with the catalogue's mistake `name` planted
/// (as `--mistake name` plants it), for calling the sections it breaks directly; at `seed`.
func plantedRun(of chapter: any Chapter.Type, mistake name: String, seed: Int = 1) throws -> ChapterRun {
  let options = try ChapterOptions.parse(["--quick", "--no-figures", "--mistake", name, "--seed", "\(seed)"])
  return try ChapterRun(chapter: chapter, options: options) { _ in }
}

/// The names of the checks that failed in `run`.
func failedChecks(_ run: ChapterRun) -> Set<String> { Set(run.checks.filter { !$0.passed }.map(\.name)) }

/// Expects the mistake planted in `run` to have failed exactly the checks its catalogue entry
/// names among those the run made (a test that runs only some sections sees only their rows),
/// give or take the rows it names as failing at some seeds only.
func expectCaughtAsCatalogued(_ run: ChapterRun, sourceLocation: SourceLocation = #_sourceLocation) {
  guard let mistake = run.mistake else {
    Issue.record("no mistake planted", sourceLocation: sourceLocation)
    return
  }
  let outcome = MistakeOutcome(
    mistake: mistake, failed: run.checks.filter { !$0.passed }.map(\.name), checksRun: run.checks.map(\.name))
  #expect(
    outcome.notRun.count < mistake.catches.count, "'\(mistake.name)': none of its catching checks ran",
    sourceLocation: sourceLocation)
  #expect(
    outcome.missed.isEmpty && outcome.unexpected.isEmpty,
    "'\(mistake.name)': catalogued but passed \(outcome.missed), failed but not catalogued \(outcome.unexpected)",
    sourceLocation: sourceLocation)
}
