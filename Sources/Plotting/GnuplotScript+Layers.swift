// GnuplotScript's layers: each layer becomes one item of the single plot command, in both
// spellings (inline: datablocks and raw bytes on the pipe; saved: <name>.dat and <name>-<k>.bin).
// One function per kind of layer, so how a kind reaches gnuplot is read in one place.

import Foundation

/// The plot command as it is assembled, layer by layer, and the text of <name>.dat.
struct PlotCommand {
  /// One `plot` item per drawn thing, as streamed and as saved.
  var items: [(inline: String, saved: String)] = []
  /// Raw bytes that follow the plot command on the pipe, one per `'-' binary` item, in order.
  var payloads: [Data] = []
  /// <name>.dat: the text columns of every columns layer, one block per layer.
  var datText = ""
  /// Blocks in `datText` so far: the saved script selects a layer's block with `index`.
  var datBlocks = 0

  /// An item that reads the same in both spellings (it carries no data).
  mutating func append(_ item: String) { items.append((item, item)) }

  /// Blocks are separated by two blank lines, which is what gnuplot's `index` counts.
  mutating func appendBlock(_ block: String, header: String) {
    if datBlocks > 0 { datText += "\n\n" }
    datText += header + block
    datBlocks += 1
  }

  /// The single command that draws every item: on one line inline; one item a line when saved,
  /// so a reader of src/<name>.gp sees each layer's source.
  var line: ScriptLine {
    ScriptLine(
      inline: "plot " + items.map(\.inline).joined(separator: ", "),
      saved: "plot " + items.map(\.saved).joined(separator: ", \\\n     "),
      payloads: payloads)
  }
}

extension GnuplotScript {
  /// Every layer in order (the first at the back), then <name>.dat first among the data files,
  /// then the plot command. A figure whose every layer is empty is an error, not a blank image.
  mutating func addPlot() throws {
    var plot = PlotCommand()
    for (k, layer) in figure.layers.enumerated() {
      switch layer.content {
      case .columns(let columns, let using, let style, let title):
        addColumns(columns, using: using, style: style, title: title, layer: k, to: &plot)
      case .grayImage(let pixels, let width, let height):
        addGrayImage(pixels, width: width, height: height, layer: k, to: &plot)
      case .heatmap(let z, let width, let height, let x, let y, let contours):
        addHeatmap(z, width: width, height: height, x: x, y: y, contours: contours, layer: k, to: &plot)
      case .function(let expression, let style, let title):
        plot.append("\(expression) with \(style) \(Self.titleClause(title))")
      case .keyEntry(let style, let title):
        plot.append("keyentry with \(style) title \(Self.quoted(title))")
      }
    }
    guard !plot.items.isEmpty else {
      throw PlotError.invalidFigure(figure: figure.name, reason: "nothing to plot (every layer is empty)")
    }
    if plot.datBlocks > 0 {
      dataFiles.insert(DataFile(fileName: figure.name + ".dat", contents: Data(plot.datText.utf8)), at: 0)
    }
    body.append(plot.line)
  }

  /// Text columns: a datablock `$d<k>` inline, block `index j` of <name>.dat saved. A line
  /// through few points gets markers (`marked`). An empty layer is skipped, since an empty
  /// block would shift every later `index`.
  private mutating func addColumns(
    _ columns: [[Double]], using: String, style: String, title: String?, layer k: Int, to plot: inout PlotCommand
  ) {
    let rows = columns.first?.count ?? 0
    guard rows > 0 else { return }
    let block = Self.formatColumns(columns)
    body.append(ScriptLine(inline: "$d\(k) << EOD\n\(block)EOD", saved: nil))
    let index = plot.datBlocks
    plot.appendBlock(block, header: "# layer \(k)\(title.map { ": " + $0 } ?? "")\n")
    let tail = "using \(using) with \(Self.marked(style, points: rows)) \(Self.titleClause(title))"
    plot.items.append(("$d\(k) \(tail)", "\(Self.quotedPath(figure.name + ".dat")) index \(index) \(tail)"))
  }

  /// Grey levels in [0, 1] as one byte each (NaN black), drawn pixel for pixel `with image`;
  /// the frame and colour scale that make it a picture are set in GnuplotScript+Settings.swift.
  private mutating func addGrayImage(
    _ pixels: [Float], width: Int, height: Int, layer k: Int, to plot: inout PlotCommand
  ) {
    let bytes = Data(
      pixels.map { v -> UInt8 in
        v.isNaN ? 0 : UInt8((min(max(v, 0), 1) * 255).rounded())
      })
    let file = "\(figure.name)-\(k).bin"
    dataFiles.append(DataFile(fileName: file, contents: bytes))
    let spec = "binary array=(\(width),\(height)) format='%uchar' with image notitle"
    plot.items.append(("'-' \(spec)", "\(Self.quotedPath(file)) \(spec)"))
    plot.payloads.append(bytes)
  }

  /// A heat map as little-endian Float32 on its grid. Contours are traced first into a table
  /// `$c<k>` (gnuplot draws contours only with `splot`), then drawn as white lines over the
  /// image, so the heat map itself stays a 2-D `plot` item like every other layer.
  private mutating func addHeatmap(
    _ z: [Double], width: Int, height: Int, x: ClosedRange<Double>, y: ClosedRange<Double>, contours: Int,
    layer k: Int, to plot: inout PlotCommand
  ) {
    var bytes = Data(capacity: 4 * z.count)
    for value in z {
      withUnsafeBytes(of: Float(value).bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }
    let file = "\(figure.name)-\(k).bin"
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
        ScriptLine(inline: "splot '-' \(spec)", saved: "splot \(Self.quotedPath(file)) \(spec)", payloads: [bytes]))
      add("unset table")
      add("unset contour")
      add("set surface")
    }
    let spec = "\(grid) origin=(\(x.lowerBound),\(y.lowerBound)) \(format) with image notitle"
    plot.items.append(("'-' \(spec)", "\(Self.quotedPath(file)) \(spec)"))
    plot.payloads.append(bytes)
    if contours > 0 { plot.append("$c\(k) with lines lc rgb 'white' lw 1 notitle") }
  }
}
