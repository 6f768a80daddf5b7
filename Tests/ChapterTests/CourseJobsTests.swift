// `course --jobs N` runs chapters side by side in child processes; what it prints and reports
// must be the one-at-a-time run's, in lecture order, whichever chapter finishes first. And the
// course's own command line: its help and its bad values.

import Foundation
import Testing

@Suite("course --jobs", .serialized)
struct CourseJobsTests {
  /// The output without the summary's seconds column, which is a measurement, nor the padding
  /// that right-aligns it (a chapter that takes 10 s or more gets one space less than one under 10 s).
  private func withoutSeconds(_ stdout: String) -> [String] {
    var inSummary = false
    return stdout.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      if line == "Course summary" { inSummary = true }
      guard inSummary, let last = line.split(separator: " ").last, Double(last) != nil else { return String(line) }
      var kept = line.dropLast(last.count)
      while kept.last == " " { kept = kept.dropLast() }
      return String(kept)
    }
  }

  // prelims takes longer than vqvae, so a course that printed chapters as they finished would
  // print vqvae first; the reports must agree byte for byte, chapter by chapter.
  @Test func twoJobsPrintWhatOneJobPrints() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let arguments = ["--quick", "--no-figures", "--only", "prelims", "vqvae"]
    let one = try runProduct("course", arguments + ["--jobs", "1", "--report", "one.json"], in: dir)
    let two = try runProduct("course", arguments + ["--jobs", "2", "--report", "two.json"], in: dir)
    #expect(one.status == 0 && two.status == 0, "\(one.stderr)\n\(two.stderr)")
    #expect(one.stdout.contains("prelims: ") && one.stdout.contains("vqvae: "))
    #expect(withoutSeconds(one.stdout) == withoutSeconds(two.stdout))
    let reports = try ["one.json", "two.json"].map { try Data(contentsOf: dir.appendingPathComponent($0)) }
    #expect(reports[0] == reports[1])
  }

  // The matrix's runs as child processes: the same page as one run after another in this process.
  @Test func twoJobsPlantTheMistakesOneJobPlants() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let arguments = ["--quick", "--mistakes", "--only", "vqvae"]
    let one = try runProduct("course", arguments + ["--jobs", "1", "--matrix", "one.md"], in: dir)
    let two = try runProduct("course", arguments + ["--jobs", "2", "--matrix", "two.md"], in: dir)
    #expect(one.status == 0 && two.status == 0, "\(one.stderr)\n\(two.stderr)")
    let pages = try ["one.md", "two.md"].map { try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8) }
    #expect(pages[0].contains("vqvae") && pages[0] == pages[1])
    let progress = [one.stdout, two.stdout].map { $0.split(separator: "\n").filter { !$0.hasPrefix("matrix: ") } }
    #expect(progress[0].count > 10 && progress[0] == progress[1])
  }

  // A chapter that stops with an error is one line and an error row; the others still run.
  @Test func aChaptersErrorLeavesTheOthersRunning() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let missing = dir.appendingPathComponent("none").path
    let arguments = ["--quick", "--no-figures", "--only", "pca", "prelims", "--jobs", "2", "--data", missing]
    let run = try runProduct("course", arguments, in: dir)
    #expect(run.status == 2)
    #expect(run.stderr.contains("course (pca): error:"), "\(run.stderr)")
    let rows = run.stdout.split(separator: "\n").filter { $0.hasPrefix("  pca ") || $0.hasPrefix("  prelims ") }
    #expect(rows.count == 2 && rows[0].hasSuffix("error") && !rows[1].hasSuffix("error"), "\(rows)")
    #expect(rows.count == 2 && rows[1].split(separator: " ")[2] == "0", "prelims failed no check: \(rows)")
  }

  // A course killed on its own (SIGKILL, not its process group) leaves no chapter running. Full
  // runs of vae and cvae, killed 3 s after they start: by then each is past its first sections
  // and trains for tens of seconds before it prints a line, so a child that waited for a write
  // into its dead pipe to end it would outlive the five seconds.
  @Test func childrenStopWhenTheCourseIsKilled() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let course = Process()
    course.executableURL = productsDirectory.appendingPathComponent("course")
    course.arguments = ["--no-figures", "--only", "vae", "cvae", "--jobs", "2"]
    course.currentDirectoryURL = dir
    course.standardOutput = FileHandle.nullDevice
    course.standardError = FileHandle.nullDevice
    try course.run()
    var children: [Int32] = []
    let started = Date()
    while children.count < 2 && Date().timeIntervalSince(started) < 30 {
      usleep(50_000)
      children = processes { $0.parent == course.processIdentifier }
    }
    #expect(children.count == 2)
    sleep(3)
    kill(course.processIdentifier, SIGKILL)
    course.waitUntilExit()
    let killed = Date()
    func running() -> [Int32] { processes { children.contains($0.pid) && $0.state != "Z" } }
    while !running().isEmpty && Date().timeIntervalSince(killed) < 5 { usleep(100_000) }
    #expect(running().isEmpty, "still running 5 s after the course was killed: \(running())")
  }

  /// The processes in /proc that `include` accepts, by pid, parent pid and state letter.
  private func processes(_ include: ((pid: Int32, parent: Int32, state: Character)) -> Bool) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { entry -> Int32? in
      guard let pid = Int32(entry),
        let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
      else { return nil }
      // After the command's closing parenthesis: state, parent pid, ...
      let fields = stat[stat.index(after: close)...].split(separator: " ")
      guard fields.count > 1, let state = fields[0].first, let parent = Int32(fields[1]) else { return nil }
      return include((pid, parent, state)) ? pid : nil
    }
  }

  // course's help is its own options' (the chapters' and --only, --matrix, --jobs), not a chapter's.
  @Test func helpListsTheCoursesOwnOptions() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runProduct("course", ["--help"], in: dir)
    #expect(run.status == 0)
    let expected = [
      "USAGE: course", "--quick", "--cores", "--only", "--matrix", "--jobs", "In course, --mistakes plants",
    ]
    for flag in expected {
      #expect(run.stdout.contains(flag), "\(flag)")
    }
    #expect(!run.stdout.contains("--chapter-process"))
  }

  @Test(arguments: [["--jobs", "0"], ["--jobs", "65"], ["--jobs", "two"], ["--jobs", "2", "--step"]])
  func badJobsIsOneLineAndExit64(arguments: [String]) throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try runProduct("course", ["--quick"] + arguments, in: dir)
    #expect(run.status == 64)
    #expect(run.stderr.split(separator: "\n").count == 1 && run.stderr.contains("--"), "\(run.stderr)")
    #expect(run.stdout.isEmpty)
  }
}
