// The slides' hyperparameters as flags of a chapter (`vae --beta 4 --latent 5`): a lecturer
// changes one, runs again, looks. Each chapter declares its knobs with the slide each comes
// from and the range it allows; a value outside the range is one line and exit 64, before
// anything runs or is written.

import Foundation

/// One hyperparameter flag of a chapter.
public struct Knob: Sendable {
  /// The flag without its dashes, e.g. "beta".
  public let name: String
  /// The slide the value comes from.
  public let slide: String
  public let help: String
  /// The default as `--help` shows it, e.g. "10 (quick: 4)".
  public let defaultDescription: String
  public let valueName: String
  /// nil for an allowed value, else the allowed range in words.
  let problem: @Sendable (String) -> String?

  public init(
    _ name: String, slide: String, help: String, default defaultDescription: String, valueName: String,
    problem: @escaping @Sendable (String) -> String?
  ) {
    self.name = name
    self.slide = slide
    self.help = help
    self.defaultDescription = defaultDescription
    self.valueName = valueName
    self.problem = problem
  }

  /// A whole number in `range`.
  public static func integer(
    _ name: String, slide: String, help: String, default value: String, range: ClosedRange<Int>
  ) -> Knob {
    Knob(name, slide: slide, help: help, default: value, valueName: "n") { text in
      guard let n = Int(text), range.contains(n) else {
        return "a whole number from \(range.lowerBound) to \(range.upperBound)"
      }
      return nil
    }
  }

  /// A real number in `range`, or above its lower end only (`lowerOpen`: beta > 0, not >= 0).
  public static func real(
    _ name: String, slide: String, help: String, default value: String, range: ClosedRange<Double>,
    lowerOpen: Bool = false
  ) -> Knob {
    Knob(name, slide: slide, help: help, default: value, valueName: "x") { text in
      let bound = lowerOpen ? "> \(formatNumber(range.lowerBound))" : ">= \(formatNumber(range.lowerBound))"
      let words = "a number \(bound) and <= \(formatNumber(range.upperBound))"
      guard let x = Double(text), x.isFinite, range.contains(x), !(lowerOpen && x == range.lowerBound) else {
        return words
      }
      return nil
    }
  }

  /// One of `choices`.
  public static func choice(_ name: String, slide: String, help: String, default value: String, choices: [String])
    -> Knob
  {
    Knob(name, slide: slide, help: help, default: value, valueName: choices.joined(separator: "|")) { text in
      choices.contains(text) ? nil : "one of " + choices.joined(separator: ", ")
    }
  }

  /// A choice and its parameter, nil when it takes none.
  public typealias Choice = (choice: String, parameter: Double?)

  /// A parameter some choices take after a colon: `exp:TAU` with TAU in `range` (above its
  /// lower end only when `lowerOpen`).
  public struct Parameter: Sendable {
    public let choice: String
    public let symbol: String
    public let range: ClosedRange<Double>
    public let lowerOpen: Bool

    public init(_ choice: String, _ symbol: String, range: ClosedRange<Double>, lowerOpen: Bool = false) {
      self.choice = choice
      self.symbol = symbol
      self.range = range
      self.lowerOpen = lowerOpen
    }

    var words: String {
      let bound = lowerOpen ? "> \(formatNumber(range.lowerBound))" : ">= \(formatNumber(range.lowerBound))"
      return "\(choice):\(symbol) with \(symbol) \(bound) and <= \(formatNumber(range.upperBound))"
    }

    func allows(_ x: Double) -> Bool { x.isFinite && range.contains(x) && !(lowerOpen && x == range.lowerBound) }
  }

  /// One of `choices`, or one of `parameterized` with its number (`--loss mcc:0.3`): a choice
  /// whose meaning needs a value of its own, as the EXP loss needs tau.
  public static func choice(
    _ name: String, slide: String, help: String, default value: String, choices: [String], parameterized: [Parameter]
  ) -> Knob {
    let valueName = (choices + parameterized.map { "\($0.choice):\($0.symbol)" }).joined(separator: "|")
    return Knob(name, slide: slide, help: help, default: value, valueName: valueName) { text in
      let (choice, parameter) = splitChoice(text)
      if parameter == nil && !text.contains(":") && choices.contains(choice) { return nil }
      if let x = parameter, parameterized.contains(where: { $0.choice == choice && $0.allows(x) }) { return nil }
      return "one of " + (choices + parameterized.map(\.words)).joined(separator: ", ")
    }
  }

  /// "exp:100" -> ("exp", 100); "l2" -> ("l2", nil); "exp:" or "exp:x" -> ("exp", nil).
  public static func splitChoice(_ text: String) -> Choice {
    guard let colon = text.firstIndex(of: ":") else { return (text, nil) }
    return (String(text[..<colon]), Double(text[text.index(after: colon)...]))
  }

  /// A comma-separated list of real numbers strictly inside `range` (rho in (0, 1)).
  public static func realsInside(
    _ name: String, slide: String, help: String, default value: String, range: ClosedRange<Double>,
    count: ClosedRange<Int>
  ) -> Knob {
    Knob(name, slide: slide, help: help, default: value, valueName: "x,x,...") { text in
      let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
        Double($0.trimmingCharacters(in: .whitespaces))
      }
      guard count.contains(parts.count),
        parts.allSatisfy({ $0.map { $0 > range.lowerBound && $0 < range.upperBound } == true })
      else {
        return "\(count.lowerBound) to \(count.upperBound) comma-separated numbers strictly between "
          + "\(formatNumber(range.lowerBound)) and \(formatNumber(range.upperBound))"
      }
      return nil
    }
  }

  /// A comma-separated list of whole numbers, each in `each`, with a length in `count`.
  public static func integers(
    _ name: String, slide: String, help: String, default value: String, each: ClosedRange<Int>, count: ClosedRange<Int>
  ) -> Knob {
    Knob(name, slide: slide, help: help, default: value, valueName: "n,n,...") { text in
      let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
        Int($0.trimmingCharacters(in: .whitespaces))
      }
      guard count.contains(parts.count), parts.allSatisfy({ $0.map(each.contains) == true }) else {
        return
          "\(count.lowerBound) to \(count.upperBound) comma-separated whole numbers from \(each.lowerBound) to "
          + "\(each.upperBound)"
      }
      return nil
    }
  }

  /// Takes a chapter's knobs out of a command line: the remaining arguments for the shared
  /// flags, and the knob values given (validated). Throws `KnobError` with one line.
  public static func extract(_ knobs: [Knob], from arguments: [String]) throws -> (
    rest: [String], values: [String: String]
  ) {
    var rest: [String] = []
    var values: [String: String] = [:]
    var i = 0
    while i < arguments.count {
      let argument = arguments[i]
      let (flag, inline) =
        argument.hasPrefix("--")
        ? (
          String(argument.dropFirst(2).prefix { $0 != "=" }),
          argument.contains("=") ? String(argument.drop { $0 != "=" }.dropFirst()) : nil
        )
        : ("", nil)
      guard let knob = knobs.first(where: { $0.name == flag }) else {
        rest.append(argument)
        i += 1
        continue
      }
      let value: String
      if let inline {
        value = inline
        i += 1
      } else {
        guard i + 1 < arguments.count else {
          throw KnobError(flag: knob.name, message: "needs a value (\(knob.valueName))")
        }
        value = arguments[i + 1]
        i += 2
      }
      if let problem = knob.problem(value) {
        throw KnobError(flag: knob.name, message: "must be \(problem) (got '\(value)')")
      }
      values[knob.name] = value
    }
    return (rest, values)
  }

  /// The knobs' part of `--help`: flag, default, slide, what it does.
  public static func helpSection(_ knobs: [Knob]) -> String {
    guard !knobs.isEmpty else { return "" }
    var lines = ["THE SLIDES' HYPERPARAMETERS:"]
    for k in knobs {
      let text = "\(k.help) (default: \(k.defaultDescription); slide: \(k.slide))"
      let wrapped = ChapterRun.wrap(text, width: 100 - 28)
      let flag = "  --\(k.name) <\(k.valueName)>"
      // A flag too long for its column gets a line of its own (padding would cut it).
      if flag.count >= 28 {
        lines.append(flag)
        lines += wrapped.map { String(repeating: " ", count: 28) + $0 }
      } else {
        lines.append(flag.padding(toLength: 28, withPad: " ", startingAt: 0) + wrapped[0])
        lines += wrapped.dropFirst().map { String(repeating: " ", count: 28) + $0 }
      }
    }
    return lines.joined(separator: "\n")
  }
}

/// A knob's value outside its range, or missing.
public struct KnobError: Error, CustomStringConvertible {
  public let flag: String
  public let message: String
  public var description: String { "--\(flag) \(message)" }
}
