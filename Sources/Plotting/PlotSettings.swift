// PlotSettings: where figures go and in which format, or whether they are drawn as ASCII.
//
// Every figure of the course goes through one `Plotter` built from one `PlotSettings`, so the
// directory, format and terminal choice live in a single place (the pyprobml "one figure path"
// rule). Nothing here touches the disk.

import Foundation

/// The file format of rendered figures; each maps to one cairo/svg terminal of gnuplot.
public enum FigureFormat: String, CaseIterable, Sendable {
  case png, pdf, svg

  /// The file extension, without the dot ("png").
  public var fileExtension: String { rawValue }
}

/// Where and how a `Plotter` renders figures.
public struct PlotSettings: Sendable {
  /// Figures go to `directory/<name>.<ext>`; data and scripts to `directory/src/`.
  public var directory: URL
  /// The image format, `.png` by default.
  public var format: FigureFormat
  /// true: draw ASCII plots to `terminalSink` (gnuplot's dumb terminal) instead of writing files.
  public var terminal: Bool
  /// Receives terminal-mode drawings; nil prints them to standard output.
  public var terminalSink: (@Sendable (String) -> Void)?
  /// Size of terminal-mode drawings in characters.
  public var terminalSize: (columns: Int, rows: Int)
  /// Where each figure is also shown as it is drawn (`--show`); nil shows nothing.
  public var display: Display?
  /// false: show figures (see `display`) without writing files (`--show` with `--no-figures`).
  public var writeFiles: Bool = true

  public init(
    directory: URL, format: FigureFormat = .png, terminal: Bool = false,
    terminalSink: (@Sendable (String) -> Void)? = nil
  ) {
    self.directory = directory
    self.format = format
    self.terminal = terminal
    self.terminalSink = terminalSink
    self.terminalSize = (100, 30)
  }

  /// Sends one terminal drawing to the sink, or to standard output.
  func emit(_ text: String) {
    if let terminalSink {
      terminalSink(text)
    } else {
      print(text, terminator: "")  // through stdio, so it stays in order with the caller's prints
    }
  }
}

/// Colours used across the course's figures.
public enum Palette {
  /// matplotlib's "tab10": ten colours that stay distinguishable, used for classes and series.
  public static let tab10: [String] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
  ]

  /// The colour of class (or series) `k`, cycling after ten.
  public static func color(_ k: Int) -> String {
    tab10[((k % tab10.count) + tab10.count) % tab10.count]
  }

  /// An approximation of viridis (dark blue -> yellow), used by heat maps.
  static let viridis: [String] = [
    "#440154", "#472c7a", "#3b518b", "#2c718e", "#21908d",
    "#27ad81", "#5cc863", "#aadc32", "#fde725",
  ]
}
