// Figure+Course: the course's recurring figures (class scatter, curves, histogram, image grid).
//
// Each helper only builds a `Figure`; nothing is rendered until `Plotter.render`. Problems in the
// data (mismatched lengths, wrong tile sizes) are carried in the figure and thrown by `render`.

import Foundation

extension Figure {
  /// 2-D points coloured by class, one legend entry per class (tab10 colours), e.g. PC1/PC2 of
  /// Fashion-MNIST. Labels outside `classNames` are named "class k"; empty classes are left out.
  public static func scatterByClass(
    name: String, title: String, x: [Double], y: [Double], labels: [Int], classNames: [String],
    xLabel: String, yLabel: String
  ) -> Figure {
    var figure = Figure(
      name: name, title: title, xLabel: xLabel, yLabel: yLabel,
      commands: [KeyPlacement.outsideRight.command])
    guard x.count == y.count, x.count == labels.count else {
      let problem = "x, y and labels have lengths \(x.count), \(y.count), \(labels.count)"
      figure.layers = [Layer(.columns([x], using: "1", style: "points", title: nil), problem: problem)]
      return figure
    }
    var byClass: [Int: (x: [Double], y: [Double])] = [:]
    for i in x.indices {
      byClass[labels[i], default: ([], [])].x.append(x[i])
      byClass[labels[i]]!.y.append(y[i])
    }
    let classes = byClass.keys.sorted()
    // Small, slightly transparent points so dense clusters still show their overlap ('#AARRGGBB',
    // AA = transparency); the legend gets large opaque markers of its own.
    // `lt` picks the marker (a filled circle; a distinct letter in terminal mode).
    func linetype(_ k: Int) -> Int { ((k % 10) + 10) % 10 + 1 }
    // Drawn in rounds, not class after class: each round draws every class's next tenth of its
    // points, starting one class later each time, so no class lies under all the others where
    // clusters overlap (drawn class by class, the last classes would hide the first).
    let rounds = 10
    for round in 0..<rounds {
      for j in classes.indices {
        let k = classes[(j + round) % classes.count]
        let points = byClass[k]!
        let mine = Array(stride(from: round, to: points.x.count, by: rounds))
        guard !mine.isEmpty else { continue }
        let color = Palette.color(k).dropFirst()
        figure.layers.append(
          .columns(
            [mine.map { points.x[$0] }, mine.map { points.y[$0] }],
            style: "points lt \(linetype(k)) ps 0.45 lc rgb '#30\(color)'"))
      }
    }
    for k in classes {
      let className = k >= 0 && k < classNames.count ? classNames[k] : "class \(k)"
      figure.layers.append(
        .keyEntry(
          style: "points lt \(linetype(k)) ps 1.6 lc rgb '\(Palette.color(k))'", title: className))
    }
    return figure
  }

  /// Several named curves on common axes (tab10 colours, in order), optionally with log y.
  public static func lines(
    name: String, title: String, series: [(title: String, x: [Double], y: [Double])],
    xLabel: String, yLabel: String, logY: Bool = false
  ) -> Figure {
    // On a log axis, ticks at 1, 2 and 5 of each decade the data span (gnuplot labels only the
    // powers of ten, which leaves a curve inside one decade unreadable), written 0.001, not 1e-3.
    let log = LogAxis.y
    let logCommands = [log.command, log.plainLabels] + [log.ticks(spanning: series.flatMap(\.y))].compactMap { $0 }
    return Figure(
      name: name, title: title, xLabel: xLabel, yLabel: yLabel,
      commands: logY ? logCommands : [],
      layers: series.enumerated().map { k, s in
        .columns([s.x, s.y], style: "lines lw 2 lc rgb '\(Palette.color(k))'", title: s.title)
      })
  }

  /// "0.01, 0.02, 0.05, 0.1" for values inside [0.01, 0.1]: 1, 2 and 5 times each power of ten
  /// from the decade below the smallest positive value to the one above the largest; nil for
  /// no positive value.
  package static func logTicks(_ values: [Double]) -> String? {
    let positive = values.filter { $0 > 0 && $0.isFinite }
    guard let lo = positive.min(), let hi = positive.max() else { return nil }
    let first = Int(log10(lo).rounded(.down))
    let last = Int(log10(hi).rounded(.up))
    var ticks: [String] = []
    for e in first...max(first, last) {
      for m in [1.0, 2.0, 5.0] {
        let t = m * pow(10, Double(e))
        if t >= pow(10, Double(first)) && t <= pow(10, Double(max(first + 1, last))) {
          ticks.append(String(format: "%g", t))
        }
      }
    }
    return ticks.joined(separator: ", ")
  }

  /// A histogram of `values` in `bins` equal bins over their finite range, as counts or as a
  /// density (count / (n * bin width), integrating to 1), with optional overlay curves.
  public static func histogram(
    name: String, title: String, values: [Double], bins: Int, density: Bool,
    overlay: [(title: String, x: [Double], y: [Double])] = [], xLabel: String
  ) -> Figure {
    let finite = values.filter(\.isFinite)
    let bins = max(1, bins)
    var lo = finite.min() ?? 0
    var hi = finite.max() ?? 1
    if lo == hi {
      lo -= 0.5
      hi += 0.5
    }
    let width = (hi - lo) / Double(bins)
    var counts = [Double](repeating: 0, count: bins)
    for v in finite { counts[min(bins - 1, Int((v - lo) / width))] += 1 }
    let heights = density ? counts.map { $0 / (Double(max(1, finite.count)) * width) } : counts
    let centres = (0..<bins).map { lo + (Double($0) + 0.5) * width }
    var figure = Figure(
      name: name, title: title, xLabel: xLabel, yLabel: density ? "density" : "count",
      commands: ["set yrange [0:*]"])
    let blue = Palette.color(0)
    figure.layers.append(
      .columns(
        [centres, heights, [Double](repeating: width, count: bins)], using: "1:2:3",
        style: "boxes lc rgb '\(blue)' fs solid 0.45 border lc rgb '\(blue)'",
        title: overlay.isEmpty ? nil : "data (n = \(finite.count))"))
    for (k, curve) in overlay.enumerated() {
      figure.layers.append(
        .columns(
          [curve.x, curve.y], style: "lines lw 2.5 lc rgb '\(Palette.color(k + 1))'",
          title: curve.title))
    }
    return figure
  }

  /// Rows of small images tiled into one picture, e.g. originals over reconstructions.
  /// rows[r][c] holds imageHeight * imageWidth grey levels in [0, 1]; rows may be ragged.
  /// `rowLabels` are written at the left; tiles are separated by a 1-pixel white gap and each
  /// image pixel is drawn as a 3x3 block (smaller for very wide grids).
  public static func imageGrid(
    name: String, title: String?, rows: [[[Float]]], imageWidth: Int, imageHeight: Int,
    rowLabels: [String] = [], columnLabels: [String] = []
  ) -> Figure {
    let gap = 1
    let columns = rows.map(\.count).max() ?? 0
    var problem: String?
    if columns == 0 || imageWidth < 1 || imageHeight < 1 {
      problem = "imageGrid needs at least one image of positive size"
    }
    let width = max(1, columns * imageWidth + max(0, columns - 1) * gap)
    let height = max(1, rows.count * imageHeight + max(0, rows.count - 1) * gap)
    let layout = TileLayout(
      tileWidth: imageWidth, tileHeight: imageHeight, gap: gap, tilesPerRow: rows.map(\.count),
      rowLabels: rowLabels, columnLabels: columnLabels)
    var canvas = [Float](repeating: 1, count: width * height)
    if problem == nil {
      for (r, row) in rows.enumerated() {
        for (c, tile) in row.enumerated() {
          guard tile.count == imageWidth * imageHeight else {
            problem = "tile [\(r)][\(c)] has \(tile.count) values, not \(imageWidth)x\(imageHeight)"
            continue
          }
          let top = layout.top(ofRow: r)
          let left = layout.left(ofColumn: c)
          for i in 0..<imageHeight {
            let source = i * imageWidth
            let target = (top + i) * width + left
            for j in 0..<imageWidth { canvas[target + j] = tile[source + j] }
          }
        }
      }
    }
    if problem == nil, rowLabels.count > rows.count {
      problem = "\(rowLabels.count) row labels for \(rows.count) rows"
    }
    if problem == nil, columnLabels.count > columns {
      problem = "\(columnLabels.count) column labels for \(columns) columns"
    }
    var layer = Layer.grayImage(canvas, width: width, height: height)
    layer.tiles = layout
    if let problem { layer.problem = problem }
    let scale = max(1, min(3, 1800 / width))
    let left = ImageMargins.left(rowLabels: rowLabels)
    let margins = ImageMargins(title: title, layout: layout, canvasWidth: left + width * scale)
    return Figure(
      name: name, title: title,
      size: (margins.left + width * scale, margins.top + height * scale),
      layers: [layer])
  }
}

extension Figure {
  /// Labels for a grid of `rows` x `perRow` random draws, numbered row by row: row labels
  /// "draws 1-16", "draws 17-32", ..., column labels "1" ... "16": the draw in column c of the
  /// row "draws 17-32" is the (16 + c)-th, so a class can name any one of them.
  public static func drawLabels(rows: Int, perRow: Int) -> (rows: [String], columns: [String]) {
    (
      (0..<rows).map { "draws \($0 * perRow + 1)-\(($0 + 1) * perRow)" },
      (1...max(1, perRow)).map(String.init)
    )
  }
}

/// Pixels around an image-only figure: room for the title (as many lines as it wraps to on
/// the canvas) and the column labels above, the row labels at the left.
struct ImageMargins {
  var left: Int
  var top: Int
  /// The height of the band of column labels just above the images.
  static let columnLabelBand = 22

  init(title: String?, layout: TileLayout?, canvasWidth: Int) {
    let labels = Self.left(rowLabels: layout?.rowLabels ?? [])
    left = labels
    // gnuplot centres the title over the images, right of the row labels.
    let titleLines = title.map { TitleWrapping.lines($0, canvasWidth: canvasWidth - labels).count } ?? 0
    top =
      (titleLines == 0 ? 0 : 20 + 20 * titleLines)
      + ((layout?.columnLabels ?? []).isEmpty ? 0 : Self.columnLabelBand)
  }

  /// 10 pixels per character: labels with wide letters take up to 9.5 in gnuplot's default
  /// font ("mean image"; 8 clipped its "m"), plus the label's 10-pixel gap and some air.
  static func left(rowLabels: [String]) -> Int {
    let longest = rowLabels.map(\.count).max() ?? 0
    return longest == 0 ? 0 : 10 * longest + 20
  }
}
