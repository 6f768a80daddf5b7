// Script building, quoting, error parsing and ASCII shading, without running gnuplot.

import Foundation
import Plotting
import Testing

@Suite("Script building")
struct ScriptTests {
  @Test("inline and saved spellings differ only in where the data comes from")
  func twoSpellings() throws {
    let figure = Figure(
      name: "two", title: "It's \"quoted\"",
      layers: [
        .columns([[1, 2], [3, 4]], style: "lines", title: "a"),
        .columns([[5], [6]], style: "points"),
        .function("sin(x)"),
      ])
    let script = try GnuplotScript(figure: figure)
    let inline = script.inlineLines(terminal: "pngcairo", output: "/tmp/x.png").compactMap(\.inline)
    #expect(inline.contains("$d0 << EOD\n1.0 3.0\n2.0 4.0\nEOD"))
    // Two points drawn "lines" get markers (fewer than 20 points).
    #expect(
      inline.last
        == "plot $d0 using 1:2 with linespoints title \"a\", $d1 using 1:2 with points notitle, sin(x) with lines lw 2 "
        + "notitle"
    )
    #expect(inline.contains("set title \"It's \\\"quoted\\\"\""))
    let saved = script.savedScript(terminal: "pngcairo", imageFile: "two.png", directoryName: "Figures")
    #expect(saved.text.contains("# Run:  cd Figures/src && gnuplot two.gp"))
    #expect(
      saved.text.contains(
        "plot 'two.dat' index 0 using 1:2 with linespoints title \"a\", \\\n     'two.dat' index 1 using"))
    #expect(!saved.text.contains("EOD"))
    let dat = try #require(script.dataFiles.first { $0.fileName == "two.dat" })
    #expect(String(decoding: dat.contents, as: UTF8.self) == "# layer 0: a\n1.0 3.0\n2.0 4.0\n\n\n# layer 1\n5.0 6.0\n")
  }

  @Test("a line through fewer than 20 points gets markers; a longer one, points and linespoints do not change")
  func markersOnShortLines() {
    #expect(GnuplotScript.marked("lines lw 2 lc rgb '#1f77b4'", points: 4) == "linespoints lw 2 lc rgb '#1f77b4'")
    #expect(GnuplotScript.marked("lines lw 2", points: 20) == "lines lw 2")
    #expect(GnuplotScript.marked("linespoints pt 5", points: 3) == "linespoints pt 5")
    #expect(GnuplotScript.marked("points pt 7", points: 3) == "points pt 7")
  }

  @Test("a title longer than its canvas holds is broken at spaces, never inside enhanced-text braces")
  func titlesWrapToTheCanvas() throws {
    let title =
      "Style transfer: a test image (left), its z decoded with each label in class order {/Symbol m} and more words"
    let lines = TitleWrapping.lines(title, canvasWidth: 500)  // (500 - 40) / 8 = 57 characters
    #expect(lines.count == 2 && lines.allSatisfy { $0.count <= 57 })
    #expect(lines.joined(separator: " ") == title)
    #expect(TitleWrapping.lines("short", canvasWidth: 500) == ["short"])
    #expect(TitleWrapping.lines("first line\nsecond", canvasWidth: 500) == ["first line", "second"])
    let braces = TitleWrapping.lines(
      String(repeating: "x ", count: 20) + "{/Symbol a b c d e f g h i j k}", canvasWidth: 240)
    #expect(braces.contains { $0.contains("{/Symbol a b c d e f g h i j k}") })
    let figure = Figure(name: "t", title: title, size: (500, 300), layers: [.function("x")])
    let body = try GnuplotScript(figure: figure).body.compactMap(\.saved)
    #expect(body.contains { $0.hasPrefix("set title \"Style transfer") && $0.contains("\\n") })
  }

  @Test("log axes get ticks at 1, 2 and 5 of every decade the data span")
  func logTicks() {
    #expect(Figure.logTicks([0.013, 0.06]) == "0.01, 0.02, 0.05, 0.1")
    #expect(Figure.logTicks([0.5, 30, -1]) == "0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100")
    #expect(Figure.logTicks([0, -2]) == nil)
  }

  @Test("an image grid's column labels sit above their columns, with room made for them")
  func columnLabels() throws {
    let tile = [Float](repeating: 0.5, count: 4)
    let plain = Figure.imageGrid(name: "g", title: "t", rows: [[tile, tile]], imageWidth: 2, imageHeight: 2)
    let labelled = Figure.imageGrid(
      name: "g", title: "t", rows: [[tile, tile]], imageWidth: 2, imageHeight: 2, rowLabels: ["r"],
      columnLabels: ["a", "b"])
    #expect(labelled.size.height == plain.size.height + 22)
    let body = try GnuplotScript(figure: labelled).body.compactMap(\.saved)
    #expect(
      body.contains { $0.hasPrefix("set label 2 \"a\" at first 0.5, screen") && $0.hasSuffix("center font ',10'") })
    #expect(body.contains { $0.hasPrefix("set label 3 \"b\" at first 3.5, screen") })
    let tooMany = Figure.imageGrid(
      name: "g", title: nil, rows: [[tile]], imageWidth: 2, imageHeight: 2, columnLabels: ["a", "b"])
    #expect(throws: PlotError.self) { try tooMany.validate() }
  }

  @Test("grey images become one byte per pixel, 0 -> 0 and 1 -> 255")
  func grayBytes() throws {
    let figure = Figure(name: "img", layers: [.grayImage([0, 0.5, 1, 2, -1, .nan], width: 3, height: 2)])
    let script = try GnuplotScript(figure: figure)
    #expect(script.dataFiles.map(\.fileName) == ["img-0.bin"])
    #expect(Array(script.dataFiles[0].contents) == [0, 128, 255, 255, 0, 0])
    let body = script.body.compactMap(\.saved)
    #expect(body.contains("set yrange [1.5:-0.5]"))  // row 0 at the top
    // 3x2 pixels in 800x600: 266 px per pixel (whole), centred.
    #expect(body.contains("set lmargin at screen 0.00125"))
    #expect(body.contains("set rmargin at screen 0.99875"))
  }

  @Test("empty column layers are skipped; a figure with nothing to plot is rejected")
  func emptyLayers() throws {
    let empty = Figure(name: "empty", layers: [.columns([[], []], style: "lines")])
    #expect(throws: PlotError.self) { try GnuplotScript(figure: empty) }
    let mixed = Figure(
      name: "mixed", layers: [.columns([[], []], style: "lines"), .columns([[1], [2]], style: "points")])
    let script = try GnuplotScript(figure: mixed)
    #expect(script.body.last?.saved?.contains("index 0") == true)
  }

  @Test("gnuplot's stderr is parsed into command, line and message")
  func diagnostics() {
    let stderr = """
      "/dev/stdin" line 5: warning: Skipping data file with no valid points

      set bogus
          ^
      "/dev/stdin" line 7: unrecognized option - see 'help set'.

      """
    #expect(
      GnuplotDiagnostics.firstError(in: stderr)
        == .init(command: "set bogus", line: 7, message: "unrecognized option - see 'help set'."))
    let interactive = "gnuplot> set bogus\n             ^\n         line 0: unrecognized option\n"
    #expect(GnuplotDiagnostics.firstError(in: interactive)?.command == "set bogus")
    let noEcho = "\"/dev/stdin\" line 3: warning: Cannot find file\n\"/dev/stdin\" line 3: No data in plot\n"
    let report = GnuplotDiagnostics.firstError(in: noEcho)
    #expect(report == .init(command: nil, line: 3, message: "No data in plot"))
    // Without an echo the line number picks the command; datablocks span several lines.
    let lines = [
      ScriptLine("set terminal dumb"), ScriptLine(inline: "$d0 << EOD\n1 2\nEOD", saved: nil),
      ScriptLine("plot $d0"),
    ]
    #expect(GnuplotDiagnostics.index(of: .init(command: nil, line: 5, message: ""), in: lines) == 2)
    #expect(GnuplotDiagnostics.index(of: .init(command: nil, line: 3, message: ""), in: lines) == 1)
  }

  @Test("PlotError descriptions are one line")
  func oneLine() {
    let error = PlotError.gnuplotFailed(figure: "f", line: 3, command: "set\nbogus", message: "bad\n  thing")
    #expect(error.description == "gnuplot failed on figure 'f' at src/f.gp line 3 (set bogus): bad thing")
  }
}

@Suite("ASCII images")
struct AsciiTests {
  @Test("black is blank, white is @, and narrow images are widened 2:1")
  func shades() {
    // 2x2: top row black/white, bottom row white/black.
    let layer = Layer.grayImage([0, 1, 1, 0], width: 2, height: 2)
    let text = AsciiArt.picture(of: layer, maxColumns: 100)
    #expect(text == "  @@\n@@\n")
  }

  @Test("wide images are downsampled to the column limit")
  func downsample() {
    let layer = Layer.grayImage([Float](repeating: 0.5, count: 300 * 30), width: 300, height: 30)
    let lines = AsciiArt.picture(of: layer, maxColumns: 100).split(separator: "\n")
    #expect(lines.count == 5)
    #expect(lines.allSatisfy { $0.count == 100 && $0.allSatisfy { $0 == "+" } })
  }

  @Test("rows of tiles two lines high are kept apart by a blank line, each label on its own row")
  func rowsApart() throws {
    let white = [Float](repeating: 1, count: 28 * 28)
    let grid = Figure.imageGrid(
      name: "g", title: nil, rows: Array(repeating: Array(repeating: white, count: 20), count: 2), imageWidth: 28,
      imageHeight: 28, rowLabels: ["input", "VAE"])
    let lines = AsciiArt.picture(of: try #require(grid.layers.first), maxColumns: 100)
      .split(separator: "\n", omittingEmptySubsequences: false)
    // 20 tiles in 100 columns: 4 characters and so 2 lines per tile; the rows are 2 + 1 + 2 lines.
    #expect(lines.count == 6 && lines[2].isEmpty && lines[5].isEmpty, "\(lines)")
    #expect(lines[1].hasPrefix("input") && lines[4].hasPrefix("VAE"))
  }
}
