// Chapter knobs: taken out of the command line, validated against their ranges, one line each.

import Lecture
import Testing

@Suite("Knobs")
struct KnobTests {
  let knobs: [Knob] = [
    .integer("latent", slide: "S", help: "latent size", default: "2", range: 1...256),
    .real("rho", slide: "S", help: "target activation", default: "0.05", range: 0...1, lowerOpen: true),
    .integers("hidden", slide: "S", help: "widths", default: "500,500", each: 1...4_096, count: 1...4),
  ]

  @Test func knobsAreTakenOutAndTheRestIsLeft() throws {
    let (rest, values) = try Knob.extract(
      knobs, from: ["--quick", "--latent", "5", "--rho=0.2", "--seed", "3", "--hidden", "64,32"])
    #expect(rest == ["--quick", "--seed", "3"])
    #expect(values == ["latent": "5", "rho": "0.2", "hidden": "64,32"])
  }

  @Test(arguments: [
    ["--latent", "0"], ["--latent", "2.5"], ["--rho", "0"], ["--rho", "1.5"], ["--rho", "nan"],
    ["--hidden", "500,,500"], ["--hidden", "1,2,3,4,5"], ["--latent"],
  ])
  func valuesOutsideTheRangeAreOneLine(arguments: [String]) {
    do {
      _ = try Knob.extract(knobs, from: arguments)
      Issue.record("\(arguments) accepted")
    } catch let error as KnobError {
      #expect(!error.description.contains("\n"))
      #expect(error.description.hasPrefix("--\(arguments[0].dropFirst(2)) "), "\(error)")
    } catch {
      Issue.record("\(error)")
    }
  }

  @Test func helpListsEachKnobWithItsDefaultAndSlideWithin100Columns() {
    let help = Knob.helpSection(knobs)
    #expect(help.contains("--latent <n>") && help.contains("default: 500,500; slide: S"))
    #expect(help.split(separator: "\n").allSatisfy { $0.count <= 100 })
  }

  let loss = Knob.choice(
    "loss", slide: "S", help: "the loss", default: "ce", choices: ["l2", "ce"],
    parameterized: [.init("exp", "TAU", range: 10...1_000), .init("mcc", "SIGMA", range: 0...10, lowerOpen: true)])

  @Test(arguments: ["l2", "ce", "exp:10", "exp:1000", "mcc:0.3", "mcc:1e-3"])
  func aChoiceWithItsParameterInRangeIsTaken(value: String) throws {
    let (_, values) = try Knob.extract([loss], from: ["--loss", value])
    #expect(values == ["loss": value])
  }

  @Test(arguments: [
    "l3", "exp", "exp:", "exp:9.9", "exp:1001", "exp:x", "mcc:0", "mcc:-1", "mcc:nan", "l2:3",
    "exp:10:2",
  ])
  func aChoiceWithoutItsParameterOrOutOfRangeIsOneLine(value: String) {
    do {
      _ = try Knob.extract([loss], from: ["--loss", value])
      Issue.record("\(value) accepted")
    } catch let error as KnobError {
      #expect(!error.description.contains("\n"))
      let allowed = "one of l2, ce, exp:TAU with TAU >= 10 and <= 1000, mcc:SIGMA with SIGMA > 0 and <= 10"
      #expect(error.description.hasPrefix("--loss must be \(allowed) (got '\(value)')"), "\(error)")
    } catch {
      Issue.record("\(error)")
    }
  }

  @Test func theParameterIsSplitOff() {
    #expect(Knob.splitChoice("exp:100") == ("exp", 100))
    #expect(Knob.splitChoice("l2") == ("l2", nil))
    #expect(Knob.splitChoice("mcc:x") == ("mcc", nil))
    #expect(Knob.helpSection([loss]).contains("--loss <l2|ce|exp:TAU|mcc:SIGMA>"))
  }
}
