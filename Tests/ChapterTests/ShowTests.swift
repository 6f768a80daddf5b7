// --show from the command line: sixel graphics on standard output, files only when asked.

import Foundation
import Lecture
import Testing

@Suite("--show")
struct ShowTests {
  @Test func prelimsShowsEveryFigureAsSixelWithoutWritingFiles() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runProduct("prelims", ["--quick", "--show", "sixel", "--no-figures"], in: dir)
    #expect(run.status == 0, "\(run.stderr)")
    let sixels = run.stdout.components(separatedBy: "\u{1B}P").count - 1
    #expect(sixels >= 9, "\(sixels) sixel images")
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("Figures").path))
  }

  @Test func aBareShowMeansAuto() throws {
    #expect(ChapterOptions.normalized(["--quick", "--show"]) == ["--quick", "--show", "auto"])
    #expect(ChapterOptions.normalized(["--show", "--quick"]) == ["--show", "auto", "--quick"])
    #expect(ChapterOptions.normalized(["--show", "sixel"]) == ["--show", "sixel"])
    let options = try ChapterOptions.parse(ChapterOptions.normalized(["--show"]))
    #expect(options.show == .auto)
  }

  @Test func aWindowWithoutADisplayIsOneLineAndExitTwo() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runProduct("prelims", ["--quick", "--show", "window"], in: dir, environment: ["DISPLAY": ""])
    #expect(run.status == 2)
    #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    #expect(run.stdout.isEmpty || !run.stdout.contains("PASS"))
  }
}
