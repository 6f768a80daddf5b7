// Real gnuplot renders: files, saved scripts that plain gnuplot reruns, formats, errors,
// a missing gnuplot, and terminal mode.

import Foundation
import Plotting
import Testing

let fashionClasses = [
  "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
  "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
]

/// 2,000 points in ten Gaussian clusters on a circle, labelled by cluster.
func clusteredScatter(name: String) -> Figure {
  var random = TestRandom(state: 42)
  var x: [Double] = []
  var y: [Double] = []
  var labels: [Int] = []
  for i in 0..<2000 {
    let k = i % 10
    let angle = 2 * Double.pi * Double(k) / 10
    x.append(4 * cos(angle) + random.normal())
    y.append(4 * sin(angle) + 0.6 * random.normal())
    labels.append(k)
  }
  return .scatterByClass(
    name: name, title: "Fashion-MNIST test set on the first two principal axes", x: x, y: y,
    labels: labels, classNames: fashionClasses, xLabel: "PC 1", yLabel: "PC 2")
}

/// Originals over noisy copies, 8 columns, with row labels.
func digitGrid(name: String) -> Figure {
  var random = TestRandom(state: 7)
  let originals = (0..<8).map { testDigit($0, random: &random) }
  let noisy = (0..<8).map { testDigit($0, noise: 0.25, random: &random) }
  return .imageGrid(
    name: name, title: "Reconstructions", rows: [originals, noisy, Array(originals.prefix(5))],
    imageWidth: 28, imageHeight: 28, rowLabels: ["original", "k = 2", "ragged"])
}

@Suite("Rendering with gnuplot")
struct RenderTests {
  @Test("scatterByClass writes a PNG, its .gp and .dat; plain gnuplot regenerates the PNG")
  func scatterPNG() throws {
    let figures = try TemporaryFigures()
    let plotter = try Plotter(settings: PlotSettings(directory: figures.url))
    let url = try #require(try plotter.render(clusteredScatter(name: "pca-axes")))

    #expect(url == figures.file("pca-axes.png"))
    #expect(try prefix(of: url, count: 8) == pngSignature)
    #expect(fileSize(url) > 20_000)
    let script = try String(contentsOf: figures.source("pca-axes.gp"), encoding: .utf8)
    #expect(script.hasPrefix("# pca-axes.gp"))
    #expect(script.contains("set output '../pca-axes.png'"))
    #expect(script.contains("'pca-axes.dat' index 9"))
    let data = try String(contentsOf: figures.source("pca-axes.dat"), encoding: .utf8)
    #expect(data.split(separator: "\n").filter { !$0.hasPrefix("#") }.count == 2000)
    #expect(try figures.listing() == ["pca-axes.png", "src"])  // no temporary left behind

    try FileManager.default.removeItem(at: url)
    let rerun = try runPlainGnuplot("pca-axes.gp", in: figures.src)
    #expect(rerun.status == 0, "\(rerun.stderr)")
    #expect(try prefix(of: url, count: 8) == pngSignature)
    #expect(fileSize(url) > 20_000)
  }

  @Test("imageGrid writes a PNG sized from its tiles and a .bin of the assembled bytes")
  func imageGridPNG() throws {
    let figures = try TemporaryFigures()
    let plotter = try Plotter(settings: PlotSettings(directory: figures.url))
    let figure = digitGrid(name: "reconstructions")
    let gridWidth = 8 * 28 + 7
    let gridHeight = 3 * 28 + 2
    #expect(figure.size.width == 10 * 8 + 20 + 3 * gridWidth)  // "original": 10 px a character, + 3 px/pixel
    #expect(figure.size.height == 40 + 3 * gridHeight)
    let url = try #require(try plotter.render(figure))

    #expect(try prefix(of: url, count: 8) == pngSignature)
    #expect(fileSize(url) > 10_000)
    #expect(fileSize(figures.source("reconstructions-0.bin")) == gridWidth * gridHeight)
    let script = try String(contentsOf: figures.source("reconstructions.gp"), encoding: .utf8)
    #expect(script.contains("set palette gray gamma 1.0"))
    #expect(script.contains("'reconstructions-0.bin' binary array=(\(gridWidth),\(gridHeight))"))

    try FileManager.default.removeItem(at: url)
    let rerun = try runPlainGnuplot("reconstructions.gp", in: figures.src)
    #expect(rerun.status == 0, "\(rerun.stderr)")
    #expect(try prefix(of: url, count: 8) == pngSignature)
  }

  @Test("a heat map with contours over a function and points renders and reruns")
  func heatmapPNG() throws {
    let figures = try TemporaryFigures()
    let plotter = try Plotter(settings: PlotSettings(directory: figures.url))
    let (w, h) = (60, 40)
    var z: [Double] = []
    for i in 0..<h {
      for j in 0..<w {
        let x = -3 + 6 * Double(j) / Double(w - 1)
        let y = -2 + 4 * Double(i) / Double(h - 1)
        z.append(exp(-(x * x + 2 * y * y) / 2))
      }
    }
    let figure = Figure(
      name: "density", title: "p(x, y)", xLabel: "x_1", yLabel: "x_2",
      layers: [
        .heatmap(z, width: w, height: h, x: -3...3, y: -2...2, contours: 5),
        .columns([[-1, 0, 1], [0.5, -0.5, 0.5]], style: "points pt 7 ps 1.5 lc rgb 'red'", title: "samples"),
      ])
    let url = try #require(try plotter.render(figure))
    #expect(try prefix(of: url, count: 8) == pngSignature)
    #expect(fileSize(figures.source("density-0.bin")) == 4 * w * h)
    try FileManager.default.removeItem(at: url)
    let rerun = try runPlainGnuplot("density.gp", in: figures.src)
    #expect(rerun.status == 0, "\(rerun.stderr)")
    #expect(fileSize(url) > 10_000)
  }

  @Test("PDF and SVG formats", arguments: [FigureFormat.pdf, .svg])
  func otherFormats(format: FigureFormat) throws {
    let figures = try TemporaryFigures()
    let plotter = try Plotter(settings: PlotSettings(directory: figures.url, format: format))
    let xs = (0...100).map { Double($0) / 10 }
    let figure = Figure.lines(
      name: "loss", title: "Training loss",
      series: [("train", xs, xs.map { exp(-$0) + 0.01 }), ("test", xs, xs.map { exp(-0.8 * $0) + 0.02 })],
      xLabel: "epoch", yLabel: "loss", logY: true)
    let url = try #require(try plotter.render(figure))
    #expect(url.lastPathComponent == "loss.\(format.rawValue)")
    let text = String(decoding: try Data(contentsOf: url).prefix(400), as: UTF8.self)
    switch format {
    case .pdf: #expect(text.hasPrefix("%PDF"))
    case .svg: #expect(text.contains("<svg"))
    case .png: break
    }
    let script = try String(contentsOf: figures.source("loss.gp"), encoding: .utf8)
    #expect(script.contains("set output '../loss.\(format.rawValue)'"))
  }

  @Test("a histogram with a density overlay renders")
  func histogramPNG() throws {
    let figures = try TemporaryFigures()
    let plotter = try Plotter(settings: PlotSettings(directory: figures.url))
    var random = TestRandom(state: 3)
    let values = (0..<5000).map { _ in random.normal() }
    let xs = stride(from: -4.0, through: 4, by: 0.05).map { $0 }
    let figure = Figure.histogram(
      name: "normal-histogram", title: "5,000 draws from N(0, 1)", values: values, bins: 40,
      density: true, overlay: [("N(0, 1) density", xs, xs.map { exp(-$0 * $0 / 2) / (2 * Double.pi).squareRoot() })],
      xLabel: "x")
    let url = try #require(try plotter.render(figure))
    #expect(try prefix(of: url, count: 8) == pngSignature)
  }

  @Test("a bogus command throws a one-line PlotError naming figure, line and command; no image is left")
  func gnuplotErrorIsReported() throws {
    let figures = try TemporaryFigures()
    let plotter = try Plotter(settings: PlotSettings(directory: figures.url))
    var figure = clusteredScatter(name: "broken")
    figure.commands.append("set bogus")
    let error = try #require(throws: PlotError.self) { try plotter.render(figure) }
    guard case .gnuplotFailed(let name, let line, let command, let message) = error else {
      Issue.record("unexpected error \(error)")
      return
    }
    #expect(name == "broken")
    #expect(command == "set bogus")
    #expect(message.contains("unrecognized option"))
    let description = error.description
    #expect(!description.contains("\n"))
    #expect(description.contains("'broken'") && description.contains("set bogus"))
    // The line number points at the command in the saved script.
    let script = try String(contentsOf: figures.source("broken.gp"), encoding: .utf8)
    let lines = script.split(separator: "\n", omittingEmptySubsequences: false)
    let number = try #require(line)
    #expect(lines[number - 1] == "set bogus")
    #expect(try figures.listing() == ["src"])  // no image, no temporary file
  }

  @Test("an error after inline binary data is still mapped to the plot command")
  func errorAfterBinaryData() throws {
    let figures = try TemporaryFigures()
    let plotter = try Plotter(settings: PlotSettings(directory: figures.url))
    var random = TestRandom(state: 1)
    let figure = Figure(
      name: "bad-style",
      layers: [
        .grayImage(testDigit(1, random: &random), width: 28, height: 28),
        .columns([[1, 2], [3, 4]], style: "linez"),
      ])
    let error = try #require(throws: PlotError.self) { try plotter.render(figure) }
    guard case .gnuplotFailed(_, let line, let command, _) = error else {
      Issue.record("unexpected error \(error)")
      return
    }
    #expect(command?.hasPrefix("plot '-' binary") == true)
    let script = try String(contentsOf: figures.source("bad-style.gp"), encoding: .utf8)
    let lines = script.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[try #require(line) - 1].hasPrefix("plot 'bad-style-0.bin'"))
    #expect(try figures.listing() == ["src"])
  }

  @Test("gnuplot stopping mid-stream (broken pipe) is reported, not fatal")
  func brokenPipe() throws {
    let figures = try TemporaryFigures()
    let plotter = try Plotter(settings: PlotSettings(directory: figures.url))
    // 4 MB of pixels after a plot command that fails: gnuplot exits while we still write.
    let figure = Figure(
      name: "big",
      layers: [
        .grayImage([Float](repeating: 0.5, count: 2000 * 2000), width: 2000, height: 2000),
        .columns([[1], [2]], style: "nonsense"),
      ])
    let error = try #require(throws: PlotError.self) { try plotter.render(figure) }
    guard case .gnuplotFailed(let name, _, _, let message) = error else {
      Issue.record("unexpected error \(error)")
      return
    }
    #expect(name == "big")
    #expect(!message.isEmpty)
    #expect(try figures.listing() == ["src"])
  }

  @Test("an unwritable directory gives cannotWrite")
  func unwritableDirectory() throws {
    let plotter = try Plotter(settings: PlotSettings(directory: URL(fileURLWithPath: "/dev/null/Figures")))
    let error = try #require(throws: PlotError.self) {
      try plotter.render(Figure(name: "f", layers: [.function("x")]))
    }
    guard case .cannotWrite(let path, _) = error else {
      Issue.record("unexpected error \(error)")
      return
    }
    #expect(path == "/dev/null/Figures/src")
  }

  @Test("one Plotter renders from several threads at once")
  func concurrentRenders() throws {
    let figures = try TemporaryFigures()
    let plotter = try Plotter(settings: PlotSettings(directory: figures.url))
    let failures = Captured()
    DispatchQueue.concurrentPerform(iterations: 6) { k in
      do {
        try plotter.render(Figure(name: "f\(k)", layers: [.function("sin(\(k)*x)")]))
      } catch {
        failures.sink("\(error)")
      }
    }
    #expect(failures.text.isEmpty)
    #expect(try figures.listing() == ["f0.png", "f1.png", "f2.png", "f3.png", "f4.png", "f5.png", "src"])
  }

  @Test("an invalid figure is rejected before gnuplot runs")
  func invalidFigure() throws {
    let figures = try TemporaryFigures()
    let plotter = try Plotter(settings: PlotSettings(directory: figures.url))
    let figure = Figure(name: "uneven", layers: [.columns([[1, 2, 3], [1, 2]], style: "lines")])
    #expect(throws: PlotError.self) { try plotter.render(figure) }
    let badTile = Figure.imageGrid(
      name: "bad-tile", title: nil, rows: [[[0, 1, 0]]], imageWidth: 2, imageHeight: 2)
    let error = try #require(throws: PlotError.self) { try plotter.render(badTile) }
    #expect(error.description.contains("tile [0][0] has 3 values"))
  }

  @Test("rendering the same figure twice replaces it atomically")
  func rerender() throws {
    let figures = try TemporaryFigures()
    let plotter = try Plotter(settings: PlotSettings(directory: figures.url))
    let figure = Figure(name: "gauss", layers: [.function("exp(-x**2/2)", title: "e^{-x^2/2}")])
    try plotter.render(figure)
    try plotter.render(figure)
    #expect(try figures.listing() == ["gauss.png", "src"])
    #expect(!FileManager.default.fileExists(atPath: figures.source("gauss.dat").path))
  }
}

@Suite("Finding gnuplot")
struct LocatorTests {
  @Test("GNUPLOT pointing nowhere gives gnuplotMissing with a one-line message")
  func overrideMissing() throws {
    let settings = PlotSettings(directory: URL(fileURLWithPath: "/tmp/unused"))
    let environment = ["GNUPLOT": "/nonexistent/gnuplot", "PATH": "/usr/bin:/bin"]
    let error = try #require(throws: PlotError.self) {
      try Plotter(settings: settings, environment: environment)
    }
    #expect(error == .gnuplotMissing(override: "/nonexistent/gnuplot"))
    #expect(!error.description.contains("\n"))
    #expect(error.description.contains("gnuplot-nox"))
  }

  @Test("no gnuplot on PATH gives the install hint")
  func notOnPath() throws {
    let settings = PlotSettings(directory: URL(fileURLWithPath: "/tmp/unused"))
    let error = try #require(throws: PlotError.self) {
      try Plotter(settings: settings, environment: ["PATH": "/nonexistent"])
    }
    #expect(
      error.description
        == "gnuplot not found on PATH: install the Debian package gnuplot-nox (scripts/install-deps), or run with "
        + "--no-figures"
    )
    #expect(error.localizedDescription == error.description)
  }

  @Test("GNUPLOT may name an executable on PATH or an absolute path")
  func overrideFound() throws {
    let settings = PlotSettings(directory: URL(fileURLWithPath: "/tmp/unused"))
    let byName = try Plotter(settings: settings, environment: ["GNUPLOT": "gnuplot", "PATH": "/usr/bin"])
    #expect(byName.gnuplotPath == "/usr/bin/gnuplot")
    #expect(byName.gnuplotVersion.hasPrefix("gnuplot "))
    let byPath = try Plotter(settings: settings, environment: ["GNUPLOT": "/usr/bin/gnuplot"])
    #expect(byPath.gnuplotPath == "/usr/bin/gnuplot")
  }
}

@Suite("Terminal mode")
struct TerminalTests {
  @Test("plots are drawn as ASCII by gnuplot's dumb terminal into the sink; no files")
  func asciiPlot() throws {
    let figures = try TemporaryFigures()
    let captured = Captured()
    let plotter = try Plotter(
      settings: PlotSettings(directory: figures.url, terminal: true, terminalSink: captured.sink))
    let xs = (0...50).map { Double($0) / 5 }
    let result = try plotter.render(
      .lines(
        name: "curve", title: "Eigenvalue spectrum", series: [("lambda", xs, xs.map { exp(-$0) })],
        xLabel: "k", yLabel: "lambda_k"))
    #expect(result == nil)
    let text = captured.text
    #expect(text.contains("Eigenvalue spectrum"))
    #expect(text.split(separator: "\n").count >= 25)
    #expect(text.split(separator: "\n").allSatisfy { $0.count <= 100 })
    #expect(!text.contains("\u{1B}"))  // no ANSI escapes
    #expect(try figures.listing().isEmpty)
  }

  @Test("a scatter by class works in the dumb terminal too")
  func asciiScatter() throws {
    let figures = try TemporaryFigures()
    let captured = Captured()
    let plotter = try Plotter(
      settings: PlotSettings(directory: figures.url, terminal: true, terminalSink: captured.sink))
    try plotter.render(clusteredScatter(name: "pca-axes"))
    #expect(captured.text.contains("Trouser"))
  }

  @Test("image grids are shaded as ASCII with their row labels")
  func asciiImages() throws {
    let figures = try TemporaryFigures()
    let captured = Captured()
    let plotter = try Plotter(
      settings: PlotSettings(directory: figures.url, terminal: true, terminalSink: captured.sink))
    try plotter.render(digitGrid(name: "reconstructions"))
    let text = captured.text
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first == "Reconstructions")
    #expect(text.contains("original") && text.contains("k = 2"))
    #expect(text.contains("#"))  // bright strokes
    #expect(lines.allSatisfy { $0.count <= 100 })
  }
}
