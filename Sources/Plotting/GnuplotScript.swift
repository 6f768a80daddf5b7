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
  package private(set) var body: [ScriptLine] = []
  /// <name>.dat and <name>-<k>.bin, to be written to src/.
  package private(set) var dataFiles: [DataFile] = []

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

  private mutating func build(forTerminal: Bool) throws {
    let name = figure.name
    add("set encoding utf8")
    // tab10 for linetypes 1...10, so any style without a colour still uses the course palette.
    // Filled circles on paper; distinct letters (pt 1...10) in the dumb terminal, which
    // cannot show colours.
    for (k, color) in Palette.tab10.enumerated() {
      add("set linetype \(k + 1) lc rgb '\(color)' lw 1.5 pt \(forTerminal ? k + 1 : 7) ps 0.6")
    }
    add("set linetype cycle 10")
    if let title = figure.title {
      // Centred over the plot: in an image-only figure, the images right of the row labels.
      let labels = figure.isImageOnly ? ImageMargins.left(rowLabels: figure.layers.first?.tiles?.rowLabels ?? []) : 0
      let lines = TitleWrapping.lines(title, canvasWidth: figure.size.width - labels)
      add("set title \(Self.quoted(lines.joined(separator: "\n")))")
    }
    if let xLabel = figure.xLabel { add("set xlabel \(Self.quoted(xLabel))") }
    if let yLabel = figure.yLabel { add("set ylabel \(Self.quoted(yLabel))") }

    let grayImages = figure.layers.compactMap { layer -> (width: Int, height: Int)? in
      if case .grayImage(_, let w, let h) = layer.content { (w, h) } else { nil }
    }
    let hasHeatmap = figure.layers.contains {
      if case .heatmap = $0.content { true } else { false }
    }
    if figure.isImageOnly {
      addImageOnlyFrame()
    } else {
      add(hasHeatmap ? "set border 15" : "set border 3")
      if !hasHeatmap { add("set tics nomirror") }
      if !forTerminal { add("set grid back lt 1 lc rgb '#e4e4e4' lw 1") }
      // In text, a key drawn over the curves and the grid is unreadable: blank the area behind it.
      if forTerminal { add("set key opaque") }
      add("set samples 500")
    }
    if let first = grayImages.first {
      // Plain `gray` applies gamma 1.5 and washes the digits out; 0 -> black, 255 -> white.
      add("set palette gray gamma 1.0")
      add("set cbrange [0:255]")
      add("unset colorbox")
      add("set xrange [-0.5:\(Double(first.width) - 0.5)]")
      add("set yrange [\(Double(first.height) - 0.5):-0.5]")  // reversed: row 0 at the top
    } else if hasHeatmap {
      let stops = Palette.viridis.enumerated().map { "\($0) '\($1)'" }.joined(separator: ", ")
      add("set palette defined (\(stops))")
      add("set format cb '%g'")
      add("set autoscale fix")
      add("set key opaque")  // legible over the colours
    }
    for command in figure.commands { add(command) }

    // Data: datablocks (inline) or files (saved), then the single plot command.
    var items: [(inline: String, saved: String)] = []
    var payloads: [Data] = []
    var datText = ""
    var datBlocks = 0
    for (k, layer) in figure.layers.enumerated() {
      switch layer.content {
      case .columns(let columns, let using, let style, let title):
        let rows = columns.first?.count ?? 0
        guard rows > 0 else { continue }  // an empty block would shift every later `index`
        let block = Self.formatColumns(columns)
        body.append(ScriptLine(inline: "$d\(k) << EOD\n\(block)EOD", saved: nil))
        if datBlocks > 0 { datText += "\n\n" }
        datText += "# layer \(k)\(title.map { ": " + $0 } ?? "")\n" + block
        let tail = "using \(using) with \(Self.marked(style, points: rows)) \(Self.titleClause(title))"
        items.append(("$d\(k) \(tail)", "\(Self.quotedPath(name + ".dat")) index \(datBlocks) \(tail)"))
        datBlocks += 1
      case .grayImage(let pixels, let width, let height):
        let bytes = Data(
          pixels.map { v -> UInt8 in
            v.isNaN ? 0 : UInt8((min(max(v, 0), 1) * 255).rounded())
          })
        let file = "\(name)-\(k).bin"
        dataFiles.append(DataFile(fileName: file, contents: bytes))
        let spec = "binary array=(\(width),\(height)) format='%uchar' with image notitle"
        items.append(("'-' \(spec)", "\(Self.quotedPath(file)) \(spec)"))
        payloads.append(bytes)
      case .heatmap(let z, let width, let height, let x, let y, let contours):
        var bytes = Data(capacity: 4 * z.count)
        for value in z {
          withUnsafeBytes(of: Float(value).bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
        let file = "\(name)-\(k).bin"
        dataFiles.append(DataFile(fileName: file, contents: bytes))
        let dx = (x.upperBound - x.lowerBound) / Double(width - 1)
        let dy = (y.upperBound - y.lowerBound) / Double(height - 1)
        let grid = "binary array=(\(width),\(height)) dx=\(dx) dy=\(dy)"
        let format = "format='%float' endian=little"
        if contours > 0 {
          add("set contour base")
          add("set cntrparam levels auto \(contours)")
          add("unset surface")
          add("set table $c\(k)")
          let spec = "\(grid) origin=(\(x.lowerBound),\(y.lowerBound),0) \(format) with lines"
          body.append(
            ScriptLine(
              inline: "splot '-' \(spec)", saved: "splot \(Self.quotedPath(file)) \(spec)",
              payloads: [bytes]))
          add("unset table")
          add("unset contour")
          add("set surface")
        }
        let spec = "\(grid) origin=(\(x.lowerBound),\(y.lowerBound)) \(format) with image notitle"
        items.append(("'-' \(spec)", "\(Self.quotedPath(file)) \(spec)"))
        payloads.append(bytes)
        if contours > 0 {
          let lines = "$c\(k) with lines lc rgb 'white' lw 1 notitle"
          items.append((lines, lines))
        }
      case .function(let expression, let style, let title):
        let item = "\(expression) with \(style) \(Self.titleClause(title))"
        items.append((item, item))
      case .keyEntry(let style, let title):
        let item = "keyentry with \(style) title \(Self.quoted(title))"
        items.append((item, item))
      }
    }
    guard !items.isEmpty else {
      throw PlotError.invalidFigure(figure: name, reason: "nothing to plot (every layer is empty)")
    }
    if datBlocks > 0 { dataFiles.insert(DataFile(fileName: name + ".dat", contents: Data(datText.utf8)), at: 0) }
    body.append(
      ScriptLine(
        inline: "plot " + items.map(\.inline).joined(separator: ", "),
        saved: "plot " + items.map(\.saved).joined(separator: ", \\\n     "),
        payloads: payloads))
  }

  /// No axes for pictures. The image is scaled to fit below the title and right of the row
  /// labels (by a whole number of pixels per image pixel when it is enlarged, so pixels stay
  /// square and crisp) and centred; margins are set in screen coordinates to that box.
  private mutating func addImageOnlyFrame() {
    guard case .grayImage(_, let imageWidth, let imageHeight) = figure.layers.first?.content
    else { return }
    let tiles = figure.layers.first?.tiles
    let margins = ImageMargins(title: figure.title, layout: tiles, canvasWidth: figure.size.width)
    let width = Double(figure.size.width)
    let height = Double(figure.size.height)
    let roomX = max(1, width - Double(margins.left))
    let roomY = max(1, height - Double(margins.top))
    var scale = min(roomX / Double(imageWidth), roomY / Double(imageHeight))
    if scale >= 1 { scale.round(.down) }
    let boxWidth = Double(imageWidth) * scale
    let boxHeight = Double(imageHeight) * scale
    let left = Double(margins.left) + ((roomX - boxWidth) / 2).rounded(.down)
    let bottom = ((roomY - boxHeight) / 2).rounded(.down)
    func fraction(_ pixels: Double, of total: Double) -> Double {
      (pixels / total * 1e6).rounded() / 1e6
    }
    add("unset border")
    add("unset tics")
    add("unset key")
    add("set lmargin at screen \(fraction(left, of: width))")
    add("set rmargin at screen \(fraction(left + boxWidth, of: width))")
    add("set bmargin at screen \(fraction(bottom, of: height))")
    add("set tmargin at screen \(fraction(bottom + boxHeight, of: height))")
    for (r, label) in (tiles?.rowLabels ?? []).enumerated() {
      guard let tiles else { break }
      let y = Double(tiles.top(ofRow: r)) + Double(tiles.tileHeight - 1) / 2
      let x = fraction(left - 10, of: width)
      add("set label \(r + 1) \(Self.quoted(label)) at screen \(x), first \(y) right")
    }
    let rowLabelCount = tiles?.rowLabels.count ?? 0
    for (c, label) in (tiles?.columnLabels ?? []).enumerated() {
      guard let tiles else { break }
      let x = Double(tiles.left(ofColumn: c)) + Double(tiles.tileWidth - 1) / 2
      let y = fraction(bottom + boxHeight + Double(ImageMargins.columnLabelBand) / 2, of: height)
      add("set label \(rowLabelCount + c + 1) \(Self.quoted(label)) at first \(x), screen \(y) center font ',10'")
    }
  }

  /// A line through fewer than 20 points gets a marker at each, so a reader sees where the
  /// measurements are (a learning curve of 4 epochs is 4 numbers, not a curve).
  package static func marked(_ style: String, points: Int) -> String {
    guard points < 20, style.hasPrefix("lines"), !style.hasPrefix("linespoints") else { return style }
    return "linespoints" + style.dropFirst("lines".count)
  }

  private mutating func add(_ command: String) { body.append(ScriptLine(command)) }

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
