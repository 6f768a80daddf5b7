// GnuplotScript: one figure as gnuplot commands, in two spellings of the same script.
//
// The *inline* spelling is streamed to the render process: text data as datablocks
// (`$d0 << EOD`), images and heat maps as raw bytes after `'-' binary array=(w,h) ...`.
// The *saved* spelling is written to src/<name>.gp and reads the same data from <name>.dat
// (text columns, one block per layer, selected with `index j`) and <name>-<k>.bin (raw bytes),
// so `cd Figures/src && gnuplot <name>.gp` redraws the figure without rerunning anything.
// Both spellings share every other line, so an error gnuplot reports against the inline
// command can be mapped back to a line of the saved file.

import Foundation

/// One command of a figure's script, as streamed (`inline`) and as saved (`saved`).
package struct ScriptLine {
  /// As sent to the render process; nil when only the saved script has it.
  package var inline: String?
  /// As written to src/<name>.gp (may span lines with `\` continuations); nil: inline only.
  package var saved: String?
  /// Raw bytes that follow this command on the pipe (one per `'-' binary` source), in order.
  var payloads: [Data] = []

  package init(_ command: String) {
    inline = command
    saved = command
  }
  package init(inline: String?, saved: String?, payloads: [Data] = []) {
    self.inline = inline
    self.saved = saved
    self.payloads = payloads
  }
}

/// A data file saved beside the script.
package struct DataFile {
  package var fileName: String
  package var contents: Data
}

package struct GnuplotScript {
  let figure: Figure
  /// Every command after `set terminal` / `set output`.
  package internal(set) var body: [ScriptLine] = []
  /// <name>.dat and <name>-<k>.bin, to be written to src/.
  package internal(set) var dataFiles: [DataFile] = []

  /// `forTerminal`: drawn by the dumb terminal, where grid lines would be drawn with the same
  /// characters as the data, so there is no grid.
  package init(figure: Figure, forTerminal: Bool = false) throws {
    self.figure = figure
    try build(forTerminal: forTerminal)
  }

  // MARK: - Assembled scripts

  /// The script streamed to gnuplot: terminal and output first, then the body.
  package func inlineLines(terminal: String, output: String?) -> [ScriptLine] {
    var lines = [ScriptLine("set terminal \(terminal)")]
    if let output { lines.append(ScriptLine("set output \(Self.quotedPath(output))")) }
    return lines + body
  }

  /// The text of src/<name>.gp and, for each body command, the line it starts on.
  package func savedScript(terminal: String, imageFile: String, directoryName: String)
    -> (text: String, lineOfBody: [Int?])
  {
    let data = dataFiles.isEmpty ? "none" : dataFiles.map(\.fileName).joined(separator: ", ")
    var text = """
      # \(figure.name).gp: draws ../\(imageFile) with plain gnuplot from the data beside it.
      # Run:  cd \(directoryName)/src && gnuplot \(figure.name).gp
      # Data: \(data) (.dat: text columns, one block per layer; .bin: raw arrays).
      set terminal \(terminal)
      set output \(Self.quotedPath("../" + imageFile))

      """
    var line = text.reduce(0) { $1 == "\n" ? $0 + 1 : $0 } + 1
    var lineOfBody: [Int?] = []
    for command in body {
      guard let saved = command.saved else {
        lineOfBody.append(nil)
        continue
      }
      lineOfBody.append(line)
      text += saved + "\n"
      line += saved.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    }
    text += "unset output\n"
    return (text, lineOfBody)
  }

  // MARK: - Building the body

  /// The body in the order gnuplot needs it: settings first (each `set` applies to the plot
  /// command that follows), then the figure's own commands, which may override any default,
  /// then the data and the single plot command. Each step is its own function so a reader can
  /// find where a figure's look is decided; the layers are drawn in GnuplotScript+Layers.swift.
  private mutating func build(forTerminal: Bool) throws {
    add("set encoding utf8")
    addLinetypes(forTerminal: forTerminal)
    addTitleAndAxisLabels()
    if figure.isImageOnly {
      addImageOnlyFrame()
    } else {
      addAxesFrame(forTerminal: forTerminal)
    }
    addColourScale()
    for command in figure.commands { add(command) }
    try addPlot()
  }

  /// A line through fewer than 20 points gets a marker at each, so a reader sees where the
  /// measurements are (a learning curve of 4 epochs is 4 numbers, not a curve).
  package static func marked(_ style: String, points: Int) -> String {
    guard points < 20, style.hasPrefix("lines"), !style.hasPrefix("linespoints") else { return style }
    return "linespoints" + style.dropFirst("lines".count)
  }

  /// One command that reads the same inline and saved (every setting: only data differs).
  mutating func add(_ command: String) { body.append(ScriptLine(command)) }

  // MARK: - Text helpers

  /// One row per line, columns separated by a space; "nan"/"inf" are skipped by gnuplot.
  static func formatColumns(_ columns: [[Double]]) -> String {
    let rows = columns.first?.count ?? 0
    var text = ""
    text.reserveCapacity(rows * columns.count * 12)
    for i in 0..<rows {
      for (c, column) in columns.enumerated() {
        if c > 0 { text += " " }
        text += column[i].description
      }
      text += "\n"
    }
    return text
  }

  static func titleClause(_ title: String?) -> String {
    title.map { "title \(quoted($0))" } ?? "notitle"
  }

  /// A gnuplot double-quoted string (enhanced-text markup still applies).
  static func quoted(_ text: String) -> String {
    var out = "\""
    for ch in text {
      switch ch {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n", "\r\n": out += "\\n"
      default: out.append(ch)
      }
    }
    return out + "\""
  }

  /// A gnuplot single-quoted string: no escapes at all, `'` doubled. Used for file names.
  static func quotedPath(_ path: String) -> String {
    "'" + path.replacingOccurrences(of: "'", with: "''") + "'"
  }
}
