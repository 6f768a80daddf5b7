// No title is clipped: figures with long titles are rendered to PNG and the title's ink is measured in
// the image. The title is drawn magenta (a colour no course style uses, so only the title has it), and
// gnuplot itself reads the PNG back and lists those pixels. A clipped title shows less ink than the
// whole text has: the same title lines drawn alone on a canvas far wider than any figure give the
// text's full width in the same font and terminal, and the figure must show all of it, away from the
// canvas edges.

import Foundation
import Plotting
import Testing

/// The bounding box of the title's ink in a rendered PNG, in pixels; y = 0 is the bottom row.
struct InkBox {
  var minX: Int
  var maxX: Int
  var minY: Int
  var maxY: Int
  var width: Int { maxX - minX + 1 }
}

/// How a figure's rendered title compares with the whole text.
struct TitleFit: CustomStringConvertible {
  var canvas: (width: Int, height: Int)
  /// The title's ink in the figure.
  var drawn: InkBox
  /// The same title lines drawn alone on a wide canvas.
  var whole: InkBox

  /// 2 pixels: the same glyphs placed at another sub-pixel offset shade their edge pixels
  /// differently, which moves each side of the box by at most one pixel.
  static let tolerance = 2

  /// All the text is there (nothing cut off at an edge) and no ink touches the canvas edges.
  var fits: Bool {
    drawn.width >= whole.width - Self.tolerance && drawn.minX >= 1 && drawn.maxX <= canvas.width - 2
      && drawn.maxY <= canvas.height - 2
  }

  var description: String {
    "canvas \(canvas.width)x\(canvas.height): title ink x \(drawn.minX)...\(drawn.maxX) (width \(drawn.width)), "
      + "top row \(drawn.maxY); the whole text is \(whole.width) wide"
  }
}

/// Magenta in the PNG: red and blue both well above green. The palettes' nearest colours fail it:
/// tab10's pink #e377c2 has blue only 75 above green, viridis's darkest #440154 red only 67.
private let magentaTest = "($1 - $2 > 80 && $3 - $2 > 80)"
private let magenta = "'#ff00ff'"

/// The box around the magenta pixels of `png`, read back by gnuplot (`binary filetype=png`) into a
/// table of x y r g b rows; nil when there are none.
func magentaInk(in png: URL) throws -> InkBox? {
  let directory = png.deletingLastPathComponent()
  let table = directory.appendingPathComponent("ink-\(UUID().uuidString).txt")
  let script = directory.appendingPathComponent("ink-\(UUID().uuidString).gp")
  defer {
    try? FileManager.default.removeItem(at: table)
    try? FileManager.default.removeItem(at: script)
  }
  let commands = """
    set table '\(table.lastPathComponent)'
    plot '\(png.lastPathComponent)' binary filetype=png using 1:2:3 with table if \(magentaTest)
    unset table

    """
  try commands.write(to: script, atomically: true, encoding: .utf8)
  let run = try runPlainGnuplot(script.lastPathComponent, in: directory)
  guard run.status == 0 else { throw InkError.gnuplot(run.stderr) }
  var box: InkBox?
  for row in try String(contentsOf: table, encoding: .utf8).split(separator: "\n") {
    let fields = row.split(whereSeparator: { $0 == " " || $0 == "\t" })
    guard fields.count >= 2, let x = Int(fields[0]), let y = Int(fields[1]) else { continue }
    if var b = box {
      b.minX = min(b.minX, x)
      b.maxX = max(b.maxX, x)
      b.minY = min(b.minY, y)
      b.maxY = max(b.maxY, y)
      box = b
    } else {
      box = InkBox(minX: x, maxX: x, minY: y, maxY: y)
    }
  }
  return box
}

enum InkError: Error {
  case gnuplot(String)
  case noTitle(String)
}

/// Renders `figure` with its title in magenta, and its title lines (as the script wraps them) alone
/// on a 4000-pixel canvas, and measures both.
func titleFit(of figure: Figure, plotter: Plotter) throws -> TitleFit {
  let script = try GnuplotScript(figure: figure)
  guard let setTitle = script.body.compactMap(\.saved).first(where: { $0.hasPrefix("set title ") }) else {
    throw InkError.noTitle(figure.name)
  }
  var shown = figure
  shown.commands.append("set title textcolor rgb \(magenta)")
  let lines = setTitle.components(separatedBy: "\\n").count
  let alone = Figure(
    name: figure.name + "-alone", size: (4000, 100 + 30 * lines),
    commands: ["\(setTitle) textcolor rgb \(magenta)", "unset border", "unset tics", "unset grid", "set yrange [0:1]"],
    layers: [.function("2")])
  guard let shownPNG = try plotter.render(shown), let alonePNG = try plotter.render(alone),
    let drawn = try magentaInk(in: shownPNG), let whole = try magentaInk(in: alonePNG)
  else { throw InkError.noTitle(figure.name) }
  return TitleFit(canvas: figure.size, drawn: drawn, whole: whole)
}

/// Titles as long as the course writes them, and longer: a setting note appended, symbols in
/// enhanced text, several sentences.
private let longTitle =
  "Reconstruction error of PCA against the number of components k on the Fashion-MNIST test set, "
  + "mean over 10,000 images with {/Symbol s} = 0.5 (quick: 2,000 training images, 3 epochs, seed 1)"

/// The figures whose titles are measured, by name (the name is what a failure reports).
private func titledFigure(_ kind: String) -> Figure {
  switch kind {
  case "a plot with axis labels":
    Figure(
      name: "curve", title: longTitle, xLabel: "number of components k", yLabel: "mean squared error",
      layers: [.function("exp(-x/10)", title: "error")])
  case "a small canvas":
    Figure(name: "small", title: longTitle, size: (420, 320), layers: [.function("x**2")])
  case "lines broken by the caller":
    Figure(
      name: "broken", title: longTitle + "\nSecond line: " + longTitle, size: (600, 500),
      layers: [.function("sin(x)")])
  case "a class scatter with its key outside": clusteredScatterWithTitle(longTitle)
  case "a heat map": heatmapWithTitle(longTitle)
  case "an image grid with row and column labels": imageGridWithTitle(longTitle)
  default: narrowImageGrid(title: longTitle)
  }
}

@Suite("Titles fit their canvas")
struct TitleFitTests {
  @Test(
    "a long title is drawn whole, inside the canvas",
    arguments: [
      "a plot with axis labels", "a small canvas", "lines broken by the caller", "a heat map",
      "an image grid with row and column labels", "a narrow image grid",
    ])
  func longTitleFits(_ kind: String) throws {
    let figures = try TemporaryFigures()
    let plotter = try Plotter(settings: PlotSettings(directory: figures.url))
    let fit = try titleFit(of: titledFigure(kind), plotter: plotter)
    #expect(fit.fits, "\(kind): \(fit)")
  }

  /// gnuplot centres the title over the plot, not the canvas, and a key outside at the right moves
  /// the plot left: a title wrapped to the whole canvas width was cut at the left edge (the first
  /// letter of this one). It is wrapped to the width left of the key.
  @Test("a long title over a class scatter with its key outside is drawn whole")
  func keyOutsideLeavesLongTitlesWhole() throws {
    let figures = try TemporaryFigures()
    let plotter = try Plotter(settings: PlotSettings(directory: figures.url))
    let fit = try titleFit(of: titledFigure("a class scatter with its key outside"), plotter: plotter)
    #expect(fit.fits, "\(fit)")
  }

  /// The measurement can fail: a word longer than the canvas holds cannot be broken, so it runs
  /// off both edges, and the figure shows less of it than the whole.
  @Test("an unbreakable title wider than the canvas is found clipped")
  func clippedTitleIsFound() throws {
    let figures = try TemporaryFigures()
    let plotter = try Plotter(settings: PlotSettings(directory: figures.url))
    let word = String(repeating: "Wide", count: 40)
    let figure = Figure(name: "clipped", title: word, size: (400, 300), layers: [.function("x")])
    let fit = try titleFit(of: figure, plotter: plotter)
    #expect(!fit.fits, "\(fit)")
    #expect(fit.drawn.width < fit.whole.width - 100, "\(fit)")
  }
}

private func clusteredScatterWithTitle(_ title: String) -> Figure {
  var figure = clusteredScatter(name: "scatter")
  figure.title = title
  return figure
}

private func heatmapWithTitle(_ title: String) -> Figure {
  let (w, h) = (30, 20)
  var z: [Double] = []
  for i in 0..<h {
    for j in 0..<w { z.append(Double(i * j)) }
  }
  return Figure(
    name: "heat", title: title, xLabel: "x_1", yLabel: "x_2", size: (640, 480),
    layers: [.heatmap(z, width: w, height: h, x: -3...3, y: -2...2, contours: 4)])
}

private func imageGridWithTitle(_ title: String) -> Figure {
  var random = TestRandom(state: 3)
  let rows = (0..<3).map { _ in (0..<6).map { testDigit($0, random: &random) } }
  return .imageGrid(
    name: "grid", title: title, rows: rows, imageWidth: 28, imageHeight: 28,
    rowLabels: ["original", "mean image", "k = 2"], columnLabels: (0..<6).map { "class \($0)" })
}

/// Two tiles: the canvas is barely wider than the row labels and the images.
private func narrowImageGrid(title: String) -> Figure {
  var random = TestRandom(state: 5)
  return .imageGrid(
    name: "narrow", title: title, rows: [[testDigit(1, random: &random), testDigit(2, random: &random)]],
    imageWidth: 28, imageHeight: 28, rowLabels: ["reconstruction"], columnLabels: ["a", "b"])
}
