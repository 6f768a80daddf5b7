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
    let rows = lines.all.filter { $0.hasSuffix("PASS") || $0.hasSuffix("FAIL") || $0.hasSuffix("verdict") }
    #expect(rows.count == 3)
    // Every column starts at the same offset in every row.
    let verdictColumn = rows.map { $0.count - ($0.hasSuffix("verdict") ? 7 : 4) }
    #expect(Set(verdictColumn).count == 1, "\(rows)")
    #expect(lines.all.contains { $0.hasPrefix("Failed: does not hold") })
    let json = try JSONDecoder().decode(ChapterReport.self, from: Data(contentsOf: URL(fileURLWithPath: reportPath)))
    #expect(json.seed == 3 && json.chapter == "two" && json.checks.map { $0.passed } == [true, false])
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
