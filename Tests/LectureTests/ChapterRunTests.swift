import Foundation
import Lecture
import Testing

/// A chapter with one passing and one failing check, to test the scaffolding itself.
enum TwoChecks: Chapter {
  static let name = "two"
  static let title = "Two checks"
  static func run(_ run: ChapterRun) throws {
    run.section("Section A")
    run.check("holds", slide: "S1", expected: 1, observed: 1 + 1e-12, tolerance: .relative(1e-9))
    run.check("does not hold", slide: "S2", expected: 1, observed: 2, tolerance: .absolute(0.5))
  }
}

final class Lines: @unchecked Sendable { var all: [String] = [] }

@Suite("ChapterRun")
struct ChapterRunTests {
  @Test func printsAlignedRowsAndTheClosingCount() throws {
    let lines = Lines()
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("run-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let reportPath = dir.appendingPathComponent("r.json").path
    let options = try ChapterOptions.parse(["--no-figures", "--seed", "3", "--report", reportPath])
    let run = try ChapterRun(chapter: TwoChecks.self, options: options) { lines.all.append($0) }
    try TwoChecks.run(run)
    let report = try run.finish()
    #expect(report.passed == 1 && report.failed == 1)
    #expect(lines.all.last == "1 passed, 1 failed")
    let rows = lines.all.filter { $0.hasPrefix("   PASS") || $0.hasPrefix("   FAIL") }
    #expect(rows.count == 2)
    // Claims start in one column and read true left to right when the check passes.
    #expect(rows[0].hasSuffix("1 == 1 within rel 1e-09"), "\(rows)")
    #expect(rows[1].hasSuffix("2 == 1 within abs 0.5"), "\(rows)")
    #expect(rows.allSatisfy { $0.dropFirst(ChapterRun.claimColumn).first?.isNumber == true }, "\(rows)")
    #expect(lines.all.contains("   slide: S1") && lines.all.contains("   slide: S2"))
    #expect(lines.all.contains { $0.hasPrefix("Failed: does not hold") })
    let json = try JSONDecoder().decode(ChapterReport.self, from: Data(contentsOf: URL(fileURLWithPath: reportPath)))
    #expect(json.seed == 3 && json.chapter == "two" && json.checks.map { $0.passed } == [true, false])
  }

  @Test func orderingsReadTrueLeftToRightAndEveryLineFitsHundredColumns() {
    let atMost = CheckResult(
      name: "KL at beta = 4 <= KL at beta = 1", slide: "beta-VAE", expected: 11.1314,
      observed: 4.85611, tolerance: .atMost(margin: 0))
    #expect(ChapterRun.claim(atMost) == "4.85611 <= 11.1314")
    let atLeast = CheckResult(name: "gap", slide: "S", expected: 2, observed: 3, tolerance: .atLeast(margin: 0.5))
    #expect(ChapterRun.claim(atLeast) == "3 >= 2 - 0.5")
    let long = CheckResult(
      name: String(repeating: "a long check name ", count: 9), slide: "S", expected: 1,
      observed: 1, tolerance: .standardErrors(4, standardError: 0.25))
    let lines = ChapterRun.rowLines(long)
    #expect(lines.count >= 3, "\(lines)")
    #expect(lines.allSatisfy { $0.count <= ChapterRun.width }, "\(lines)")
    #expect(lines.last!.hasSuffix("1 == 1 within 4 SE = 1"))
  }

  @Test func namedRandomStreamsAreIndependentAndReproducible() throws {
    let options = try ChapterOptions.parse(["--no-figures", "--seed", "11"])
    let a = try ChapterRun(chapter: TwoChecks.self, options: options) { _ in }
    let b = try ChapterRun(chapter: TwoChecks.self, options: options) { _ in }
    var x = a.random("init")
    var y = b.random("init")
    var z = a.random("shuffle")
    let first = x.next()
    #expect(first == y.next())
    #expect(first != z.next())
  }
}

/// A chapter with a catalogue: one mistake caught by its row, one that no check catches.
enum Catalogued: Chapter {
  static let name = "catalogued"
  static let title = "A catalogue"
  static let mistakes = [
    Mistake("half-missing", slide: "S1", wrong: "the 1/2 left out", catches: ["half of 2 is 1"]),
    Mistake("harmless", slide: "S2", wrong: "changes nothing a check sees", catches: []),
  ]
  static func run(_ run: ChapterRun) throws {
    run.section("Section A")
    let half: Double = run.planted("half-missing") ? 1 : 0.5
    run.check("half of 2 is 1", slide: "S1", expected: 1, observed: half * 2, tolerance: .relative(1e-12))
    run.check("two is two", slide: "S2", expected: 2, observed: 2, tolerance: .relative(1e-12))
    run.fact("1 + 1", slide: "S2", value: 2)
  }
}

@Suite("Mistakes and facts")
struct MistakeTests {
  @Test func aPlantedMistakeFailsItsRowAndTheRunSaysSo() throws {
    let lines = Lines()
    let options = try ChapterOptions.parse(["--no-figures", "--mistake", "half-missing"])
    let run = try ChapterRun(chapter: Catalogued.self, options: options) { lines.all.append($0) }
    try Catalogued.run(run)
    let report = try run.finish()
    #expect(report.mistake == "half-missing" && report.failed == 1 && report.facts.count == 1)
    #expect(lines.all.contains("planted mistake 'half-missing' caught by 1 check(s)"))
    #expect(lines.all.contains("   fact: 1 + 1: 2"))
    #expect(lines.all.last == "1 passed, 1 failed")
  }

  /// A catalogued row the run did not make (another section, a knob off its default) is
  /// reported as not run, not as "expected to fail but passed".
  @Test func aCataloguedRowNotRunIsNotCalledPassed() {
    let mistake = Mistake("m", slide: "S", wrong: "w", catches: ["ran and failed", "ran and passed", "not run"])
    let outcome = MistakeOutcome(
      mistake: mistake, failed: ["ran and failed"], checksRun: ["ran and failed", "ran and passed", "other"])
    #expect(outcome.missed == ["ran and passed"])
    #expect(outcome.notRun == ["not run"])
  }

  @Test func anUnknownMistakeIsRefused() throws {
    let options = try ChapterOptions.parse(["--no-figures", "--mistake", "nonsense"])
    #expect(throws: LectureError.self) { try ChapterRun(chapter: Catalogued.self, options: options) { _ in } }
  }

  @Test func theMatrixNamesWhatCaughtWhatAndWhatNothingReached() throws {
    let options = try ChapterOptions.parse(["--no-figures"])
    let results = try plantEveryMistake([Catalogued.self], options: options)
    #expect(results.count == 1)
    let c = results[0]
    #expect(c.checks == ["half of 2 is 1", "two is two"] && c.honestFailures.isEmpty)
    #expect(c.outcomes.map(\.failed) == [["half of 2 is 1"], []])
    #expect(c.uncaught.map(\.name) == ["harmless"])
    #expect(c.neverFailed == ["two is two"])
    let page = mistakeMatrixMarkdown(results, seed: 1, command: "course --quick --mistakes")
    #expect(page.contains("| catalogued | 2 | 2 | 1 | 1 |"))
    #expect(page.contains("not caught: every check passed"))
    #expect(page.contains("Checks no mistake failed (1): `two is two`."))
  }

  @Test func theCatalogueIsListed() {
    let text = ChapterMain.mistakeCatalogue(Catalogued.self)
    #expect(
      text.contains("2 mistakes to plant") && text.contains("half-missing  [S1]")
        && text.contains("caught by: half of 2 is 1"))
  }
}
