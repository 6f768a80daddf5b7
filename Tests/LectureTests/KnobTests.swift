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
    let (rest, values) = try Knob.extract(knobs, from: ["--quick", "--latent", "5", "--rho=0.2", "--seed", "3", "--hidden", "64,32"])
    #expect(rest == ["--quick", "--seed", "3"])
    #expect(values == ["latent": "5", "rho": "0.2", "hidden": "64,32"])
  }

  @Test(arguments: [["--latent", "0"], ["--latent", "2.5"], ["--rho", "0"], ["--rho", "1.5"], ["--rho", "nan"],
                    ["--hidden", "500,,500"], ["--hidden", "1,2,3,4,5"], ["--latent"]])
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
}
