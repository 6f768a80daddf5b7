// Section times: the run measures each section between the moments it enters them, `--timings`
// appends them to a file, and `--list` prints the measured table beside the sections.

import Foundation
import Lecture
import Testing

/// A chapter whose two sections take measurably different times.
enum TwoSections: Chapter {
  static let name = "timed"
  static let title = "Two timed sections"
  static let sections = [ChapterSection("short", slides: ["S1"]), ChapterSection("long", slides: ["S2"])]
  static func run(_ run: ChapterRun) throws {
    if run.wants("short") { Thread.sleep(forTimeInterval: 0.01) }
    if run.wants("long") { Thread.sleep(forTimeInterval: 0.2) }
    // Asking again for a section that ran earlier adds to its time, not to the one before.
    if run.wants("short") { Thread.sleep(forTimeInterval: 0.05) }
  }
}

@Suite("section times")
struct SectionTimesTests {
  @Test func eachSectionGetsTheTimeSpentInIt() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("timings-\(UUID().uuidString).tsv")
    defer { try? FileManager.default.removeItem(at: file) }
    var options = try ChapterOptions.parse(["--quick", "--no-figures", "--timings", file.path])
    options.seed = 1
    let run = try ChapterRun(chapter: TwoSections.self, options: options) { _ in }
    try TwoSections.run(run)
    try run.finish()
    let times = run.sectionSeconds
    #expect(times.map(\.section) == ["short", "long"])
    // Sleeps are lower bounds; "short" slept 0.06 s in two visits, "long" 0.2 s in one.
    #expect(times[0].seconds >= 0.06 && times[0].seconds < times[1].seconds)
    #expect(times[1].seconds >= 0.2)
    let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines[0].hasPrefix("timed\tshort\tquick\t") && lines[1].hasPrefix("timed\tlong\tquick\t"))
    // A second run appends, so a whole course gathers in one file.
    let again = try ChapterRun(chapter: TwoSections.self, options: options) { _ in }
    try again.finish()
    #expect(try String(contentsOf: file, encoding: .utf8).split(separator: "\n").count == 2)
  }

  @Test func theTableIsReadRowByRowAndPrintedBesideTheSections() {
    let table = """
      # heading
      | chapter | section | quick (s) | full (s) |
      |---|---|---:|---:|
      | c | kl | 0.42 | 31.5 |
      | c | fit | - | 120 |
      | chapter | quick (s) | full (s) |
      | c | 12 | 300 |
      """
    let times = SectionTimes.parse(table)
    #expect(times.entries["c"]?["kl"] == SectionTimes.Entry(quick: 0.42, full: 31.5))
    #expect(times.entries["c"]?["fit"] == SectionTimes.Entry(quick: nil, full: 120))
    #expect(times.entries["chapter"] == nil && times.entries["c"]?.count == 2)
    #expect(times.note(chapter: "c", section: "kl") == "quick 0.4 s, full 32 s")
    #expect(times.note(chapter: "c", section: "data") == nil)
    let listing = ChapterSection.listing(ChapterSectionTests.sections, chapter: "c", times: times)
    #expect(listing.contains("\n  kl  [quick 0.4 s, full 32 s]\n    slide: S1"))
    #expect(listing.contains("\n  fit  [full 120 s]  (runs with: data)"))
  }
}
