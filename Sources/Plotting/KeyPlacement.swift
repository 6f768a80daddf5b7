// Where a figure's key (legend) goes, as a Swift value instead of a `set key` string. Outside the
// data is the safe choice (below the plot, or at its right for a long list of classes); a corner
// inside is for a figure whose data leave that corner empty, which the committed figures' test
// (CommittedFigureTests) confirms by drawing each key opaque and finding nothing covered.

/// A corner or edge midpoint of the plot area, as gnuplot names it.
public enum PlotCorner: String, Sendable {
  case topLeft = "top left", topCenter = "top center", topRight = "top right"
  case bottomLeft = "bottom left", bottomCenter = "bottom center", bottomRight = "bottom right"
}

/// The key's place: `command` is the `set key` line gnuplot reads.
public enum KeyPlacement: Sendable, Equatable {
  /// Inside the plot area, in a corner the data leave empty.
  case inside(PlotCorner)
  /// Under the plot, entries side by side: never over the data.
  case below
  /// At the right of the plot, top-aligned, entries spaced 1.3 lines (the class scatters' ten
  /// classes and their large markers).
  case outsideRight

  public var command: String {
    switch self {
    case .inside(let corner): "set key \(corner.rawValue)"
    case .below: "set key below"
    case .outsideRight: "set key outside right top spacing 1.3"
    }
  }
}
