// Knobs of named levels (`--noise gaussian:0.5,masking:0.25`): parsed in the order given,
// each kind checked against its own interval, one line naming every kind's range otherwise.

import Lecture
import Testing

@Suite("Knob levels")
struct KnobListTests {
  let knobs: [Knob] = [
    .levels(
      "noise", slide: "S", help: "corruptions", default: "gaussian:0.5",
      kinds: [("gaussian", .aboveUpTo(0, 2)), ("masking", .open(0, 1)), ("salt-pepper", .open(0, 1))])
  ]

  @Test func levelsAreParsedInTheOrderGiven() throws {
    let (rest, values) = try Knob.extract(
      knobs, from: ["--quick", "--noise", "salt-pepper:0.1, gaussian:2", "--seed", "3"])
    #expect(rest == ["--quick", "--seed", "3"])
    let levels = try #require(Knob.parseLevels(values["noise"] ?? ""))
    #expect(levels.map(\.kind) == ["salt-pepper", "gaussian"] && levels.map(\.value) == [0.1, 2])
  }

  @Test func theRunReadsTheLevelsOrItsDefault() throws {
    let options = try ChapterOptions.parse(["--no-figures"])
    let given = try ChapterRun(chapter: Dummy.self, options: options, settings: ["noise": "masking:0.25"]) { _ in }
    #expect(given.levels("noise", default: []).map(\.kind) == ["masking"])
    #expect(given.levels("noise", default: []).map(\.value) == [0.25])
    let none = try ChapterRun(chapter: Dummy.self, options: options) { _ in }
    #expect(none.levels("noise", default: [("gaussian", 0.5)]).map(\.value) == [0.5])
  }

  @Test(arguments: [
    "gaussian:-0.5", "gaussian:0", "gaussian:2.5", "masking:1", "masking:0", "salt-pepper:nan",
    "speckle:0.1", "gaussian:0.5,gaussian:0.3", "gaussian", "gaussian:0.5,", ":0.5", "masking:0.2:3",
    "",
  ])
  func levelsOutsideTheirIntervalsAreOneLine(value: String) {
    do {
      _ = try Knob.extract(knobs, from: ["--noise", value])
      Issue.record("'\(value)' accepted")
    } catch let error as KnobError {
      #expect(!error.description.contains("\n"))
      #expect(error.description.hasPrefix("--noise must be"), "\(error)")
      #expect(error.description.contains("gaussian (> 0 and <= 2), masking (> 0 and < 1), salt-pepper (> 0 and < 1)"))
    } catch {
      Issue.record("\(error)")
    }
  }

  @Test func intervalsIncludeOrExcludeTheirEnds() {
    let fraction = KnobInterval.open(0, 1)
    #expect(fraction.contains(0.5) && !fraction.contains(0) && !fraction.contains(1))
    #expect(KnobInterval.aboveUpTo(0, 2).contains(2) && !KnobInterval.aboveUpTo(0, 2).contains(0))
    #expect(KnobInterval(0, 1).contains(0) && !KnobInterval(0, 1).contains(.infinity))
  }
}

/// A chapter with nothing in it, for building runs.
private enum Dummy: Chapter {
  static let name = "dummy"
  static let title = "Dummy"
  static func run(_ run: ChapterRun) throws {}
}
