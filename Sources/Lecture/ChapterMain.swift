// The entry point of every chapter executable: parse flags, run, exit with the verdict.
// Exit status: 0 all checks passed, 1 a check failed, 2 bad input or an error (one line on
// stderr, never a stack trace), 64 a bad flag.

import ArgumentParser
import Foundation

/// Runs chapters from the command line.
public enum ChapterMain {
  /// Parses `arguments` as `ChapterOptions`, runs `chapter`, and exits.
  public static func main(_ chapter: any Chapter.Type, arguments: [String] = Array(CommandLine.arguments.dropFirst()))
    -> Never
  {
    lineBufferStandardOutput()
    reuseLargeAllocations()
    pinBLASKernels()
    let options: ChapterOptions
    let settings: [String: String]
    do {
      let (rest, values) = try Knob.extract(chapter.knobs, from: arguments)
      settings = values
      options = try ChapterOptions.parse(ChapterOptions.normalized(rest))
      options.applyCores()
    } catch let error as KnobError {
      printError("\(chapter.name): \(error) (see \(chapter.name) --help)")
      exit(64)
    } catch {
      exit(reportParseError(error, command: chapter.name, abstract: chapter.title, knobs: chapter.knobs))
    }
    if options.mistakes {
      print(mistakeCatalogue(chapter))
      exit(0)
    }
    if options.list {
      print(ChapterSection.listing(chapter.sections, chapter: chapter.name, times: .measured()))
      exit(0)
    }
    do {
      _ = try ChapterSection.select(options.sections, in: chapter.sections, chapter: chapter.name)
    } catch {
      printError("\(chapter.name): \(error) (see \(chapter.name) --list)")
      exit(64)
    }
    if let name = options.mistake, !chapter.mistakes.contains(where: { $0.name == name }) {
      printError(
        "\(chapter.name): --mistake: "
          + "\(LectureError.unknownMistake(name: name, chapter: chapter.name, known: chapter.mistakes.map(\.name)))"
      )
      exit(64)
    }
    do {
      let run = try ChapterRun(chapter: chapter, options: options, settings: settings)
      try chapter.run(run)
      let report = try run.finish()
      exit(report.failed > 0 ? 1 : 0)
    } catch {
      fail(chapter.name, error)
    }
  }

  /// Prints help (exit 0) or a one-line flag error (exit 64) and returns the exit status.
  public static func reportParseError(
    _ error: Error, command: String, abstract: String, knobs: [Knob] = [],
    options: any ParsableArguments.Type = ChapterOptions.self, notes: String = ""
  ) -> Int32 {
    let code = options.exitCode(for: error)
    if code == .success {
      // The options type is shared, so its usage line names no executable: name it here.
      let help = options.helpMessage(columns: 100)
        .replacingOccurrences(of: "USAGE: chapter-options", with: "USAGE: \(command)")
        .replacingOccurrences(of: "USAGE: course-options", with: "USAGE: \(command)")
        .replacingOccurrences(of: "USAGE: chapter", with: "USAGE: \(command)")
      let section = Knob.helpSection(knobs)
      print(
        "\(command): \(abstract)\n\n\(help)" + (section.isEmpty ? "" : "\n" + section + "\n")
          + (notes.isEmpty ? "" : "\n" + notes + "\n"))
      return 0
    }
    let message = options.message(for: error)
    printError(
      "\(command): \(message.split(whereSeparator: \.isNewline).joined(separator: " ")) (see \(command) --help)")
    return code == .validationFailure ? 64 : code.rawValue
  }

  /// The catalogue as `--mistakes` prints it: per mistake its name, slide, what is wrong and
  /// the checks that must fail when it is planted.
  public static func mistakeCatalogue(_ chapter: any Chapter.Type) -> String {
    let mistakes = chapter.mistakes
    guard !mistakes.isEmpty else { return "\(chapter.name): no plantable mistakes yet" }
    var lines = ["\(chapter.name): \(mistakes.count) mistakes to plant with --mistake NAME"]
    for m in mistakes {
      lines.append("")
      lines.append("  \(m.name)  [\(m.slide)]")
      lines.append("    wrong: \(m.wrong)")
      lines.append("    caught by: " + m.catches.joined(separator: "; "))
      if !m.mayAlsoFail.isEmpty {
        lines.append("    at some seeds also: " + m.mayAlsoFail.joined(separator: "; "))
      }
    }
    return lines.joined(separator: "\n")
  }

  /// Prints one line to stderr and exits with status 2.
  public static func fail(_ command: String, _ error: Error) -> Never {
    printError("\(command): error: \(oneLine(error))")
    exit(2)
  }
}

/// Writes a line to standard error.
public func printError(_ line: String) {
  FileHandle.standardError.write((line + "\n").data(using: .utf8)!)
}
