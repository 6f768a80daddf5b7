// GnuplotScript's settings: everything the script sets before its plot command, i.e. the course's
// look (palette, title, frame, grid, colour scale). One function per concern, in script order.

import Foundation

extension GnuplotScript {
  /// tab10 for linetypes 1...10, so any style without a colour still uses the course palette.
  /// Filled circles on paper; distinct letters (pt 1...10) in the dumb terminal, which
  /// cannot show colours.
  mutating func addLinetypes(forTerminal: Bool) {
    for (k, color) in Palette.tab10.enumerated() {
      add("set linetype \(k + 1) lc rgb '\(color)' lw 1.5 pt \(forTerminal ? k + 1 : 7) ps 0.6")
    }
    add("set linetype cycle 10")
  }

  /// The title, wrapped to the canvas because gnuplot lets a long line run off its edge, and the
  /// axis labels. gnuplot centres the title over the plot: in an image-only figure right of the
  /// row labels, beside a key outside left of the key, so it is wrapped to the width left of them.
  mutating func addTitleAndAxisLabels() {
    if let title = figure.title {
      let rowLabels = figure.layers.first?.tiles?.rowLabels ?? []
      let labels = figure.isImageOnly ? ImageMargins.left(rowLabels: rowLabels) : 0
      let lines = TitleWrapping.lines(title, canvasWidth: figure.size.width - labels - figure.outsideKeyWidth)
      add("set title \(Self.quoted(lines.joined(separator: "\n")))")
    }
    if let xLabel = figure.xLabel { add("set xlabel \(Self.quoted(xLabel))") }
    if let yLabel = figure.yLabel { add("set ylabel \(Self.quoted(yLabel))") }
  }

  /// Axes for a plot of data: only the left and bottom borders (a heat map is framed on all
  /// four sides, its colours reaching the edge), a light grid behind the data on paper, and
  /// 500 samples so a function layer is drawn smooth.
  mutating func addAxesFrame(forTerminal: Bool) {
    add(hasHeatmap ? "set border 15" : "set border 3")
    if !hasHeatmap { add("set tics nomirror") }
    if !forTerminal { add("set grid back lt 1 lc rgb '#e4e4e4' lw 1") }
    // In text, a key drawn over the curves and the grid is unreadable: blank the area behind it.
    if forTerminal { add("set key opaque") }
    add("set samples 500")
  }

  /// The colour scale of the first grey image (its pixel ranges, row 0 at the top) or, failing
  /// that, of the heat maps (viridis, the ranges fitted to the grid).
  mutating func addColourScale() {
    if let first = grayImageSizes.first {
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
  }

  /// No axes for pictures. The image is scaled to fit below the title and right of the row
  /// labels (by a whole number of pixels per image pixel when it is enlarged, so pixels stay
  /// square and crisp) and centred; margins are set in screen coordinates to that box.
  mutating func addImageOnlyFrame() {
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
    guard let tiles else { return }
    let columnLabelY = bottom + boxHeight + Double(ImageMargins.columnLabelBand) / 2
    addTileLabels(tiles, left: fraction(left - 10, of: width), columnLabelY: fraction(columnLabelY, of: height))
  }

  /// Row labels right-aligned 10 pixels left of the images, each level with its row of tiles;
  /// column labels centred over their column in the band above the images, a size smaller.
  /// Labels are numbered so a figure's own `set label` commands can refer to them.
  private mutating func addTileLabels(_ tiles: TileLayout, left x: Double, columnLabelY y: Double) {
    for (r, label) in tiles.rowLabels.enumerated() {
      let rowY = Double(tiles.top(ofRow: r)) + Double(tiles.tileHeight - 1) / 2
      add("set label \(r + 1) \(Self.quoted(label)) at screen \(x), first \(rowY) right")
    }
    for (c, label) in tiles.columnLabels.enumerated() {
      let columnX = Double(tiles.left(ofColumn: c)) + Double(tiles.tileWidth - 1) / 2
      let number = tiles.rowLabels.count + c + 1
      add("set label \(number) \(Self.quoted(label)) at first \(columnX), screen \(y) center font ',10'")
    }
  }

  /// The sizes of the grey-image layers, in order.
  private var grayImageSizes: [(width: Int, height: Int)] {
    figure.layers.compactMap { layer in
      if case .grayImage(_, let w, let h) = layer.content { (w, h) } else { nil }
    }
  }

  private var hasHeatmap: Bool {
    figure.layers.contains { if case .heatmap = $0.content { true } else { false } }
  }
}
