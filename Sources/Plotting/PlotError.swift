// PlotError: everything that can go wrong when rendering a figure, each said in one line.

import Foundation

/// An error from the Plotting module. Every `description` is a single line.
public enum PlotError: Error, CustomStringConvertible, LocalizedError, Equatable {
  /// gnuplot could not be found or started. `override` is the GNUPLOT variable, when set.
  case gnuplotMissing(override: String?)
  /// gnuplot reported an error. `line` is the line of the saved `src/<figure>.gp` holding
  /// `command`, when the command could be mapped back to the script.
  case gnuplotFailed(figure: String, line: Int?, command: String?, message: String)
  /// gnuplot exited cleanly but wrote nothing.
  case emptyOutput(figure: String, file: String)
  /// A directory or file could not be created or written.
  case cannotWrite(path: String, reason: String)
  /// The figure's data is inconsistent (column lengths, pixel counts, empty figure...).
  case invalidFigure(figure: String, reason: String)
  /// `--show` asked for a display this machine cannot give.
  case cannotShow(String)

  public var description: String {
    let text: String
    switch self {
    case .gnuplotMissing(let override?):
      text =
        "gnuplot not found at GNUPLOT=\(override): install the Debian package gnuplot-nox "
        + "(scripts/install-deps), fix or unset GNUPLOT, or run with --no-figures"
    case .gnuplotMissing(nil):
      text =
        "gnuplot not found on PATH: install the Debian package gnuplot-nox "
        + "(scripts/install-deps), or run with --no-figures"
    case .gnuplotFailed(let figure, let line, let command, let message):
      var at = ""
      if let line { at += " at src/\(figure).gp line \(line)" }
      if let command { at += " (\(Self.shortened(command)))" }
      text = "gnuplot failed on figure '\(figure)'\(at): \(message)"
    case .emptyOutput(let figure, let file):
      text = "gnuplot wrote an empty file for figure '\(figure)' (\(file)); nothing was saved"
    case .cannotWrite(let path, let reason):
      text = "cannot write \(path): \(reason)"
    case .invalidFigure(let figure, let reason):
      text = "invalid figure '\(figure)': \(reason)"
    case .cannotShow(let reason):
      text = "--show: \(reason)"
    }
    return Self.oneLine(text)
  }

  public var errorDescription: String? { description }

  /// Collapses newlines and runs of blanks so the message fits on one line.
  static func oneLine(_ text: String) -> String {
    text.split(whereSeparator: { $0.isNewline || $0 == "\t" })
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
      .joined(separator: " ")
  }

  /// Keeps long gnuplot commands (plot lines) readable in a one-line message.
  static func shortened(_ command: String, limit: Int = 160) -> String {
    command.count <= limit ? command : String(command.prefix(limit)) + "..."
  }
}
