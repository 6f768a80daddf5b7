// The course's figure vocabulary: how a series is drawn (lines, points, both, boxes, arrows), its
// marker, colour, width and dash, as Swift values instead of gnuplot strings. A chapter says
// `.linePoints(.blue, marker: .square)`; `gnuplot` renders the `with` clause gnuplot reads, so the
// scripts in Figures/src stay plain gnuplot.

/// A colour of the course: the tab10 series colours by name, greys, and transparency.
public struct Color: Sendable, Equatable {
  /// "#rrggbb", or "#aarrggbb" with aa the transparency (00 opaque, ff invisible), as gnuplot reads it.
  public let hex: String

  public init(hex: String) { self.hex = hex }

  // tab10 (matplotlib's default cycle), the colours of series and classes in every figure.
  public static let blue = Color(hex: Palette.tab10[0])
  public static let orange = Color(hex: Palette.tab10[1])
  public static let green = Color(hex: Palette.tab10[2])
  public static let red = Color(hex: Palette.tab10[3])
  public static let purple = Color(hex: Palette.tab10[4])
  public static let brown = Color(hex: Palette.tab10[5])
  public static let pink = Color(hex: Palette.tab10[6])
  public static let olive = Color(hex: Palette.tab10[8])
  public static let cyan = Color(hex: Palette.tab10[9])
  /// Two light blues (ColorBrewer's Blues) for a band or a cloud behind a blue series.
  public static let lightBlue = Color(hex: "#9ecae1")
  public static let paleBlue = Color(hex: "#c6dbef")
  /// A cyan bright enough to stand out on every part of the viridis heat maps.
  public static let brightCyan = Color(hex: "#00e5ff")
  public static let black = Color.grey(0x00)

  /// The grey with red = green = blue = `level` (0 black, 255 white), e.g. reference lines.
  public static func grey(_ level: UInt8) -> Color {
    let byte = twoHexDigits(level)
    return Color(hex: "#" + byte + byte + byte)
  }

  /// This colour with transparency `alpha` (0 opaque, 255 invisible): dense clouds show overlap.
  public func transparent(_ alpha: UInt8) -> Color { Color(hex: "#" + Self.twoHexDigits(alpha) + hex.suffix(6)) }

  /// "05" for 5, "ff" for 255: one byte of a gnuplot colour.
  private static func twoHexDigits(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16)
    return digits.count == 1 ? "0" + digits : digits
  }
}

/// How one series is drawn: its `with` clause.
public struct SeriesStyle: Sendable, Equatable {
  public enum Kind: String, Sendable {
    case lines, points, linespoints, boxes, filledcurves
    /// Arrows from (x, y) by (dx, dy) with filled heads.
    case arrows = "vectors head filled"
  }

  /// gnuplot's point types in the course's terminals (filled where a filled one exists).
  public enum Marker: Int, Sendable {
    case plus = 1, cross = 2, star = 3, square = 5, circle = 7, triangle = 9
  }

  public var kind: Kind
  public var width: Double?
  /// gnuplot's dash type: 2 dashed, 3 dotted.
  public var dash: Int?
  public var marker: Marker?
  public var size: Double?
  public var color: Color?
  /// Boxes only: the fill's opacity (0...1), the border in the same colour.
  public var fill: Double?

  public init(
    _ kind: Kind, width: Double? = nil, dash: Int? = nil, marker: Marker? = nil, size: Double? = nil,
    color: Color? = nil, fill: Double? = nil
  ) {
    (self.kind, self.width, self.dash, self.marker, self.size, self.color, self.fill) =
      (kind, width, dash, marker, size, color, fill)
  }

  /// A curve: solid, or dashed (`dash: 2`) or dotted (`dash: 3`).
  public static func line(_ color: Color, width: Double = 2, dash: Int? = nil) -> SeriesStyle {
    SeriesStyle(.lines, width: width, dash: dash, color: color)
  }

  /// Markers only; `width` thickens the strokes of open markers (plus, cross, star).
  public static func points(_ color: Color, marker: Marker = .circle, size: Double = 1, width: Double? = nil)
    -> SeriesStyle
  {
    SeriesStyle(.points, width: width, marker: marker, size: size, color: color)
  }

  /// A curve with a marker at every point: for series of a few points.
  public static func linePoints(_ color: Color, marker: Marker = .circle, width: Double = 2, size: Double? = nil)
    -> SeriesStyle
  {
    SeriesStyle(.linespoints, width: width, marker: marker, size: size, color: color)
  }

  /// Bars; with `fill`, filled at that opacity inside a border of the same colour.
  public static func boxes(_ color: Color, fill: Double? = nil) -> SeriesStyle {
    SeriesStyle(.boxes, color: color, fill: fill)
  }

  /// The area between two curves (columns x, low, high).
  public static func band(_ color: Color) -> SeriesStyle { SeriesStyle(.filledcurves, color: color) }

  public static func arrows(_ color: Color, width: Double = 3) -> SeriesStyle {
    SeriesStyle(.arrows, width: width, color: color)
  }

  /// The `with` clause: kind, lw, dt, pt, ps, lc (and a box fill), e.g. "linespoints lw 2 pt 7 lc rgb '#1f77b4'".
  public var gnuplot: String {
    func number(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
    var parts = [kind.rawValue]
    if let width { parts.append("lw \(number(width))") }
    if let dash { parts.append("dt \(dash)") }
    if let marker { parts.append("pt \(marker.rawValue)") }
    if let size { parts.append("ps \(number(size))") }
    if let color { parts.append("lc rgb '\(color.hex)'") }
    if let fill, let color { parts.append("fs solid \(number(fill)) border lc rgb '\(color.hex)'") }
    return parts.joined(separator: " ")
  }
}

extension Layer {
  /// Point/line data drawn in a `SeriesStyle` (see `columns(_:using:style:title:)`).
  public static func columns(
    _ columns: [[Double]], using: String = "1:2", style: SeriesStyle, title: String? = nil
  ) -> Layer {
    .columns(columns, using: using, style: style.gnuplot, title: title)
  }

  /// A legend entry only, in a `SeriesStyle`.
  public static func keyEntry(style: SeriesStyle, title: String) -> Layer {
    .keyEntry(style: style.gnuplot, title: title)
  }

  /// An expression in x drawn in a `SeriesStyle`.
  public static func function(_ expression: String, style: SeriesStyle, title: String? = nil) -> Layer {
    .function(expression, style: style.gnuplot, title: title)
  }
}
