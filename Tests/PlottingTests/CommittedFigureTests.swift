// The committed figures, as a class sees them: every image grid labels its rows and columns, every
// short curve shows its points, no key hides data, and no title is cut off. Each rule is checked on
// the scripts in Figures/src (what `scripts/regenerate` wrote from full runs), and the last two by
// rendering those scripts with plain gnuplot, so a figure that breaks a rule names itself.

import Foundation
import Testing

/// One committed figure: its name and the lines of its gnuplot script.
struct CommittedFigure: CustomStringConvertible {
  var name: String
  var lines: [String]

  static let source = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Figures/src", isDirectory: true)

  /// Every `.gp` in Figures/src, by name.
  static func all() throws -> [CommittedFigure] {
    try FileManager.default.contentsOfDirectory(atPath: source.path).filter { $0.hasSuffix(".gp") }.sorted().map {
      let text = try String(contentsOf: source.appendingPathComponent($0), encoding: .utf8)
      return CommittedFigure(name: String($0.dropLast(3)), lines: text.components(separatedBy: "\n"))
    }
  }

  var description: String { name }

  /// Pictures without axes: the image grids (a heat map keeps its axes).
  var isImageGrid: Bool { lines.contains("unset tics") && lines.contains { $0.contains(" with image") } }

  /// The plot command and its continuation lines, one layer each.
  var layers: [String] {
    guard let start = lines.firstIndex(where: { $0.hasPrefix("plot ") }) else { return [] }
    return Array(lines[start...].prefix { !$0.isEmpty })
  }

  /// The key sits inside the plot: no `unset key`, and the last `set key` (gnuplot's default is
  /// top right, inside) does not put it outside, above or below; and some layer has a title.
  var hasKeyInsidePlot: Bool {
    if lines.contains("unset key") { return false }
    let key = lines.last { $0.hasPrefix("set key") } ?? "set key top right"
    let outside = ["outside", "below", "above", "margin"].contains { key.contains($0) }
    return !outside && layers.contains { $0.contains(" title \"") }
  }

  /// The script up to its plot command, `extra` lines, then the plot, drawing to `output`.
  func script(output: URL, extra: [String]) -> String {
    let plot = lines.firstIndex { $0.hasPrefix("plot ") } ?? lines.count
    let settings = lines[..<plot].map { $0.hasPrefix("set output ") ? "set output '\(output.path)'" : $0 }
    return (settings + extra + lines[plot...]).joined(separator: "\n")
  }

  /// Renders the script with `extra` settings before its plot, from Figures/src as a reader runs it.
  func render(extra: [String], in directory: URL, as stem: String) throws -> URL {
    let png = directory.appendingPathComponent("\(name)-\(stem).png")
    let file = directory.appendingPathComponent("\(name)-\(stem).gp")
    try script(output: png, extra: extra).write(to: file, atomically: true, encoding: .utf8)
    let run = try runPlainGnuplot(file.path, in: Self.source)
    guard run.status == 0 else { throw FigureScriptError.gnuplotFailed(name, run.stderr) }
    return png
  }

  /// The rows of data block `index` of the figure's .dat file.
  func dataRows(index: Int) throws -> Int {
    let text = try String(contentsOf: Self.source.appendingPathComponent("\(name).dat"), encoding: .utf8)
    let blocks = text.components(separatedBy: "\n\n\n")
    guard index < blocks.count else { return 0 }
    return blocks[index].split(separator: "\n").filter { !$0.hasPrefix("#") }.count
  }
}

enum FigureScriptError: Error {
  case gnuplotFailed(String, String)
}

@Suite("Committed figures")
struct CommittedFigureTests {
  @Test func everyImageGridLabelsItsRowsAndColumns() throws {
    let grids = try CommittedFigure.all().filter(\.isImageGrid)
    #expect(grids.count >= 20)
    for grid in grids {
      let labels = grid.lines.filter { $0.hasPrefix("set label ") }
      let rowLabels = labels.filter { $0.contains(", first ") && $0.hasSuffix(" right") }
      let columnLabels = labels.filter { $0.contains(" at first ") && $0.contains(" center") }
      #expect(
        !rowLabels.isEmpty && !columnLabels.isEmpty,
        "\(grid): \(rowLabels.count) row and \(columnLabels.count) column labels")
    }
  }

  /// A curve of fewer than 20 points drawn as bare lines hides where the measurements are.
  @Test func everyShortCurveShowsItsPoints() throws {
    var curves = 0
    for figure in try CommittedFigure.all() {
      for layer in figure.layers {
        guard let index = layer.firstMatch(of: #/\.dat' index (\d+) using \S+ with lines /#)?.1 else { continue }
        curves += 1
        let rows = try figure.dataRows(index: Int(index)!)
        #expect(rows >= 20, "\(figure): curve \(index) has \(rows) points and no markers")
      }
    }
    #expect(curves >= 20)
  }

  /// Drawn once with the key's background transparent and once opaque (white): the two images are
  /// the same byte for byte only if nothing was drawn where the key is. The grid, drawn behind
  /// everything, is left out of both, and tic marks point outwards so the key cannot cover them.
  @Test
  func noKeyInsideAPlotCoversData() throws {
    let directory = try TemporaryFigures()
    let figures = try CommittedFigure.all().filter(\.hasKeyInsidePlot)
    #expect(figures.count >= 15)
    for figure in figures {
      let common = ["unset grid", "set tics out"]
      let clear = try figure.render(extra: common + ["set key noopaque"], in: directory.url, as: "clear")
      let opaque = try figure.render(extra: common + ["set key opaque"], in: directory.url, as: "opaque")
      #expect(try Data(contentsOf: clear) == Data(contentsOf: opaque), "\(figure): its key covers data")
    }
  }

  /// The test can fail: the same figure with its key moved onto the curves.
  @Test
  func aKeyMovedOntoTheCurvesIsFound() throws {
    let directory = try TemporaryFigures()
    let figure = try #require(try CommittedFigure.all().first { $0.name == "ae-loss-functions" })
    let common = ["unset grid", "set tics out", "set key center center"]
    let clear = try figure.render(extra: common + ["set key noopaque"], in: directory.url, as: "clear")
    let opaque = try figure.render(extra: common + ["set key opaque"], in: directory.url, as: "opaque")
    #expect(try Data(contentsOf: clear) != Data(contentsOf: opaque))
  }

  /// Each title drawn in magenta in its figure against the same lines alone on a canvas far
  /// wider than any figure (`TitleFit`, as for the generated figures of TitleFitTests).
  @Test
  func everyTitleIsDrawnWholeInsideItsCanvas() throws {
    let directory = try TemporaryFigures()
    let titled = try CommittedFigure.all().filter { $0.lines.contains { $0.hasPrefix("set title ") } }
    #expect(titled.count >= 50)
    for figure in titled {
      let terminal = try #require(figure.lines.first { $0.hasPrefix("set terminal pngcairo size ") })
      let size = try #require(terminal.firstMatch(of: #/size (\d+),(\d+)/#))
      let title = try #require(figure.lines.first { $0.hasPrefix("set title ") })
      let shown = try figure.render(
        extra: ["set title textcolor rgb '#ff00ff'"], in: directory.url, as: "title")
      let lineCount = title.components(separatedBy: "\\n").count
      let alone = CommittedFigure(
        name: figure.name,
        lines: [
          terminal.replacingOccurrences(of: "size \(size.1),\(size.2)", with: "size 4000,\(100 + 30 * lineCount)"),
          "set output 'unused'", "set encoding utf8", "\(title) textcolor rgb '#ff00ff'", "unset border",
          "unset tics", "unset grid", "set yrange [0:1]", "plot 2 notitle",
        ])
      let wide = try alone.render(extra: [], in: directory.url, as: "alone")
      let drawn = try #require(try magentaInk(in: shown), "\(figure): no title ink")
      let whole = try #require(try magentaInk(in: wide), "\(figure): no title ink alone")
      let fit = TitleFit(canvas: (Int(size.1)!, Int(size.2)!), drawn: drawn, whole: whole)
      #expect(fit.fits, "\(figure): \(fit)")
    }
  }
}
