// Figure and Layer: what one figure shows, independent of how gnuplot is driven.
//
// A Figure has a stable name (the file stem of the image, its data and its script), labels,
// extra gnuplot `set` lines and a stack of layers drawn in order. A Layer is one of: columns of
// numbers drawn `with <style>`, a grey-scale image, a heat map with optional contours, a function
// gnuplot evaluates itself, or a legend-only entry. Text (titles, labels) uses gnuplot's
// enhanced mode: `x_1`, `σ^2` and `{/Symbol m}` are typeset; write `\\_` for a literal underscore.
//
// Coordinates: an image layer uses pixel coordinates, x = column, y = row with row 0 at the top.
// A heat map's z is row-major, z[i * width + j] at (x_j, y_i), with x_0 = x.lowerBound,
// x_(width-1) = x.upperBound, and y_0 = y.lowerBound at the bottom.

import Foundation

/// One figure: a stable file stem, labels, extra gnuplot settings and layers drawn in order.
public struct Figure: Sendable {
  /// "pca-axes" -> Figures/pca-axes.png, Figures/src/pca-axes.dat, Figures/src/pca-axes.gp.
  public var name: String
  public var title: String?
  public var xLabel: String?
  public var yLabel: String?
  /// Size in pixels (PNG/SVG); PDF pages get the same proportions at 100 pixels per inch.
  public var size: (width: Int, height: Int)
  /// Extra gnuplot lines run after the defaults, e.g. `KeyPlacement.below.command`, "set grid".
  public var commands: [String]
  /// Drawn in order, the first at the back.
  public var layers: [Layer]

  public init(
    name: String, title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
    size: (width: Int, height: Int) = (800, 600), commands: [String] = [], layers: [Layer] = []
  ) {
    self.name = name
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.size = size
    self.commands = commands
    self.layers = layers
  }

  /// The pixels a key set `outside` at the left or right takes from the plot's width (0 for a key
  /// inside, above or below): its longest entry at the title's character width, plus the sample
  /// line and the gaps around it. gnuplot centres the title over the plot, not the canvas, so
  /// the title's room shrinks by this much.
  var outsideKeyWidth: Int {
    guard
      let key = commands.last(where: { $0.hasPrefix("set key") }), key.contains("outside"),
      !["below", "above", "bottom", "tmargin", "bmargin"].contains(where: { key.contains($0) })
    else { return 0 }
    let titles = layers.compactMap { layer -> String? in
      switch layer.content {
      case .columns(_, _, _, let title), .function(_, _, let title): return title
      case .keyEntry(_, let title): return title
      case .grayImage, .heatmap: return nil
      }
    }
    let longest = titles.map(\.count).max() ?? 0
    return longest * TitleWrapping.pixelsPerCharacter + 80
  }

  /// true when every layer is a grey-scale image: drawn without axes, border or margins.
  var isImageOnly: Bool {
    !layers.isEmpty && layers.allSatisfy { if case .grayImage = $0.content { true } else { false } }
  }

  /// Throws `PlotError.invalidFigure` for a figure gnuplot could not draw sensibly.
  package func validate() throws {
    func fail(_ reason: String) -> PlotError { .invalidFigure(figure: name, reason: reason) }
    guard !name.isEmpty, !name.hasPrefix("."), !name.contains("/"),
      !name.contains(where: { $0.isNewline })
    else { throw fail("the name must be a plain file stem without '/' or a leading '.'") }
    guard size.width > 0, size.height > 0 else {
      throw fail("size \(size.width)x\(size.height) must be positive")
    }
    guard !layers.isEmpty else { throw fail("it has no layers") }
    for (k, layer) in layers.enumerated() {
      if let problem = layer.problem { throw fail("layer \(k): \(problem)") }
    }
    if let bad = commands.first(where: { $0.contains(where: { $0.isNewline }) }) {
      throw fail("a command spans several lines: \(bad)")
    }
  }
}

/// One thing drawn in a figure.
public struct Layer: Sendable {
  /// What the layer draws.
  public enum Content: Sendable {
    /// Equal-length columns drawn `using` the given columns `with` the given style.
    case columns([[Double]], using: String, style: String, title: String?)
    /// Grey levels in [0, 1] (0 black, 1 white), row-major, `height` rows of `width`.
    case grayImage([Float], width: Int, height: Int)
    /// A scalar field on a regular grid, drawn as an image with optional contour lines.
    case heatmap(
      [Double], width: Int, height: Int, x: ClosedRange<Double>, y: ClosedRange<Double>,
      contours: Int)
    /// An expression in x that gnuplot evaluates, e.g. "exp(-x**2/2)/sqrt(2*pi)".
    case function(String, style: String, title: String?)
    /// A legend entry with no data (gnuplot's `keyentry`), e.g. a large marker for a class.
    case keyEntry(style: String, title: String)
  }

  public let content: Content
  /// Set by `Figure.imageGrid`: how the image is cut into tiles (for labels and ASCII output).
  var tiles: TileLayout?
  /// Why the layer cannot be drawn, reported by `Plotter.render`.
  var problem: String?

  init(_ content: Content, problem: String? = nil) {
    self.content = content
    self.problem = problem
  }

  /// Point/line data: columns of Doubles, all the same length. `style` is the gnuplot `with`
  /// clause, e.g. "points pt 7 ps 0.4 lc rgb '#1f77b4'", "lines lw 2", "boxes".
  public static func columns(
    _ columns: [[Double]], using: String = "1:2", style: String, title: String? = nil
  ) -> Layer {
    var problem: String?
    if columns.isEmpty {
      problem = "no columns"
    } else if Set(columns.map(\.count)).count > 1 {
      problem = "columns have different lengths \(columns.map(\.count))"
    }
    return Layer(.columns(columns, using: using, style: style, title: title), problem: problem)
  }

  /// A grey-scale image, values in [0, 1] (0 black, 1 white), row-major, `height` rows of
  /// `width`, row 0 drawn at the top.
  public static func grayImage(_ pixels: [Float], width: Int, height: Int) -> Layer {
    var problem: String?
    if width < 1 || height < 1 {
      problem = "image size \(width)x\(height) must be positive"
    } else if pixels.count != width * height {
      problem = "\(pixels.count) pixels for a \(width)x\(height) image"
    }
    return Layer(.grayImage(pixels, width: width, height: height), problem: problem)
  }

  /// A scalar field z[i * width + j] at (x_j, y_i) on a regular grid spanning `x` and `y`
  /// (endpoints included), drawn as a viridis heat map with `contours` (about that many)
  /// white contour lines, none when 0.
  public static func heatmap(
    _ z: [Double], width: Int, height: Int, x: ClosedRange<Double>, y: ClosedRange<Double>,
    contours: Int = 0
  ) -> Layer {
    var problem: String?
    if width < 2 || height < 2 {
      problem = "heat map grid \(width)x\(height) needs at least 2x2 points"
    } else if z.count != width * height {
      problem = "\(z.count) values for a \(width)x\(height) grid"
    } else if !(x.lowerBound < x.upperBound && y.lowerBound < y.upperBound) {
      problem = "empty x or y range"
    }
    return Layer(
      .heatmap(z, width: width, height: height, x: x, y: y, contours: max(0, contours)),
      problem: problem)
  }

  /// A function expression gnuplot draws itself, e.g. "exp(-x**2/2)/sqrt(2*pi)".
  public static func function(
    _ expression: String, style: String = "lines lw 2", title: String? = nil
  ) -> Layer {
    Layer(.function(expression, style: style, title: title))
  }

  /// A legend entry only, e.g. `.keyEntry(style: "points pt 7 ps 1.5 lc rgb '#1f77b4'", title: "cat")`.
  public static func keyEntry(style: String, title: String) -> Layer {
    Layer(.keyEntry(style: style, title: title))
  }
}

/// How `Figure.imageGrid` laid its tiles out in the single image it draws.
struct TileLayout: Sendable {
  var tileWidth: Int
  var tileHeight: Int
  var gap: Int
  /// Number of tiles in each row (rows may be ragged).
  var tilesPerRow: [Int]
  var rowLabels: [String]
  /// Above each column of tiles, left to right (may be fewer than the columns).
  var columnLabels: [String] = []

  /// Top pixel row of tile row `r` in the assembled image.
  func top(ofRow r: Int) -> Int { r * (tileHeight + gap) }
  /// Left pixel column of tile column `c` in the assembled image.
  func left(ofColumn c: Int) -> Int { c * (tileWidth + gap) }
}
