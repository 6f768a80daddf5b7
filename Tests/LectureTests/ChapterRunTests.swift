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
    let atMost = CheckResult(name: "KL at beta = 4 <= KL at beta = 1", slide: "beta-VAE", expected: 11.1314,
                             observed: 4.85611, tolerance: .atMost(margin: 0))
    #expect(ChapterRun.claim(atMost) == "4.85611 <= 11.1314")
    let atLeast = CheckResult(name: "gap", slide: "S", expected: 2, observed: 3, tolerance: .atLeast(margin: 0.5))
    #expect(ChapterRun.claim(atLeast) == "3 >= 2 - 0.5")
    let long = CheckResult(name: String(repeating: "a long check name ", count: 9), slide: "S", expected: 1,
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
    var x = a.random("init"), y = b.random("init"), z = a.random("shuffle")
    let first = x.next()
    #expect(first == y.next())
    #expect(first != z.next())
  }
}
