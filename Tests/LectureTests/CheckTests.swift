import Foundation
import Lecture
import Testing

@Suite("Checks and reports")
struct CheckTests {
  @Test func relativeToleranceAcceptsAndRejects() {
    #expect(Tolerance.relative(1e-9).accepts(expected: 100, observed: 100 + 5e-8))
    #expect(!Tolerance.relative(1e-9).accepts(expected: 100, observed: 100 + 2e-7))
  }

  @Test func standardErrorsScaleTheAllowance() {
    let t = Tolerance.standardErrors(4, standardError: 0.01)
    #expect(t.accepts(expected: 1, observed: 1.039))
    #expect(!t.accepts(expected: 1, observed: 1.041))
    #expect(t.label == "4 SE = 0.04")
  }

  @Test func orderings() {
    #expect(Tolerance.atMost(margin: 0).accepts(expected: 2, observed: 1.9))
    #expect(!Tolerance.atMost(margin: 0).accepts(expected: 2, observed: 2.1))
    #expect(Tolerance.atLeast(margin: 0.5).accepts(expected: 2, observed: 1.6))
    #expect(!Tolerance.atLeast(margin: 0.5).accepts(expected: 2, observed: 1.4))
  }

  @Test func nanNeverPasses() {
    for t in [
      Tolerance.relative(1), .absolute(1e9), .atMost(margin: 1e9), .atLeast(margin: 1e9),
      .standardErrors(4, standardError: 1e9),
    ] {
      #expect(!t.accepts(expected: 0, observed: .nan), "\(t)")
      #expect(!t.accepts(expected: .nan, observed: 0), "\(t)")
    }
  }

  @Test func reportRoundTripsThroughJSONIncludingNaN() throws {
    let report = ChapterReport(
      chapter: "pca", seed: 3, quick: true, dataset: "fashion",
      checks: [
        CheckResult(name: "a", slide: "s", expected: 1, observed: 1, tolerance: .relative(1e-9)),
        CheckResult(name: "b", slide: "s", expected: 1, observed: .nan, tolerance: .absolute(0.1)),
      ],
      figures: ["Figures/pca-axes.png"])
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: url) }
    try report.write(to: url)
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    #expect(json["chapter"] as? String == "pca")
    #expect((json["checks"] as? [[String: Any]])?.count == 2)
    let decoded = try JSONDecoder().decode(ChapterReport.self, from: Data(contentsOf: url))
    #expect(decoded.passed == 1 && decoded.failed == 1)
    #expect(decoded.checks[1].observed.isNaN)
  }

  @Test func numbersFormatCompactly() {
    #expect(formatNumber(0) == "0")
    #expect(formatNumber(1.23456789) == "1.23457")
    #expect(formatNumber(1e-12) == "1.0000e-12")
    #expect(formatNumber(.nan) == "NaN")
  }

  @Test func badFlagsAreRejected() {
    #expect(throws: (any Error).self) { try ChapterOptions.parse(["--bogus"]) }
    #expect(throws: (any Error).self) { try ChapterOptions.parse(["--dataset", "cifar"]) }
    #expect(throws: (any Error).self) { try ChapterOptions.parse(["--format", "gif"]) }
    #expect(throws: (any Error).self) { try ChapterOptions.parse(["--terminal", "--no-figures"]) }
    let ok = try? ChapterOptions.parse(["--quick", "--seed", "7", "--dataset", "mnist", "--format", "svg"])
    #expect(ok?.seed == 7 && ok?.quick == true && ok?.dataset == .mnist && ok?.format == .svg)
  }
}
