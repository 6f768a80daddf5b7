// --show: which display is chosen where, and what each one writes.

import Foundation
import Plotting
import Testing

@Suite("Display choice")
struct DisplayChoiceTests {
  static let allTerminals: Set<String> = ["dumb", "pngcairo", "sixelgd", "qt", "x11"]

  func environment(_ variables: [String: String], tty: Bool = true, terminals: Set<String> = allTerminals)
    -> DisplayEnvironment
  {
    DisplayEnvironment(variables: variables, standardOutputIsTerminal: tty, gnuplotTerminals: terminals)
  }

  @Test func autoPrefersAWindowThenSixelThenASCII() throws {
    #expect(try environment(["DISPLAY": ":0", "TERM": "mlterm"]).choose(.auto) == .window(terminal: "qt"))
    #expect(try environment(["DISPLAY": ":0"], terminals: ["dumb", "x11"]).choose(.auto) == .window(terminal: "x11"))
    #expect(try environment(["TERM": "mlterm"]).choose(.auto) == .sixel)
    #expect(try environment(["TERM_PROGRAM": "WezTerm"]).choose(.auto) == .sixel)
    #expect(try environment(["TERM": "xterm-256color"]).choose(.auto) == .ascii)
    // A display without a window terminal (gnuplot-nox), or sixels piped into a file: ASCII.
    #expect(try environment(["DISPLAY": ":0"], terminals: ["dumb", "sixelgd"]).choose(.auto) == .ascii)
    #expect(try environment(["TERM": "mlterm"], tty: false).choose(.auto) == .ascii)
  }

  @Test func aForcedChoiceIsKeptOrRefusedInOneLine() throws {
    #expect(try environment([:], tty: false).choose(.sixel) == .sixel)
    #expect(try environment([:]).choose(.ascii) == .ascii)
    #expect(throws: PlotError.self) { try environment([:]).choose(.window) }
    #expect(throws: PlotError.self) { try environment(["DISPLAY": ":0"], terminals: ["dumb"]).choose(.window) }
    #expect(throws: PlotError.self) { try environment([:], terminals: ["dumb"]).choose(.sixel) }
    do {
      _ = try environment([:]).choose(.window)
    } catch {
      #expect(!"\(error)".contains("\n"))
      #expect("\(error)".contains("DISPLAY"))
    }
  }

  @Test func gnuplotsTerminalListIsParsed() {
    let listing = """

      Available terminal types:
                 cairolatex  LaTeX picture environment using graphicx package and Cairo backend
                       dumb  ascii art for anything that prints text
                    sixelgd  sixel using libgd and TrueType fonts
      Press return for more:
      """
    #expect(DisplayEnvironment.parseTerminalList(listing) == ["cairolatex", "dumb", "sixelgd"])
  }

  @Test func theInstalledGnuplotListsItsTerminals() throws {
    let plotter = try Plotter(settings: PlotSettings(directory: URL(fileURLWithPath: "/tmp")))
    let terminals = DisplayEnvironment.terminals(of: plotter.gnuplotPath)
    #expect(terminals.contains("dumb") && terminals.contains("pngcairo"), "\(terminals)")
  }
}

@Suite("Display output")
struct DisplayOutputTests {
  func curve() -> Figure {
    let xs = (0...20).map { Double($0) / 2 }
    return .lines(
      name: "curve", title: "Eigenvalue spectrum", series: [("lambda", xs, xs.map { exp(-$0) })],
      xLabel: "k", yLabel: "lambda_k")
  }

  @Test("sixel: a DCS sixel sequence, and the file written beside it")
  func sixelIsWrittenInlineAndTheFileStill() throws {
    let figures = try TemporaryFigures()
    let captured = Captured()
    var settings = PlotSettings(directory: figures.url, terminalSink: captured.sink)
    settings.display = .sixel
    let plotter = try Plotter(settings: settings)
    let file = try plotter.render(curve())
    #expect(file?.lastPathComponent == "curve.png")
    let text = captured.text
    #expect(text.contains("\u{1B}P") && text.contains("q\""), "no sixel introducer")  // DCS ... q "raster
    #expect(text.contains("\u{1B}\\"), "no string terminator")
  }

  @Test("shown without files: nothing written")
  func showWithoutFiles() throws {
    let figures = try TemporaryFigures()
    let captured = Captured()
    var settings = PlotSettings(directory: figures.url, terminalSink: captured.sink)
    settings.display = .ascii
    settings.writeFiles = false
    #expect(try Plotter(settings: settings).render(curve()) == nil)
    #expect(captured.text.contains("Eigenvalue spectrum"))
    #expect(try figures.listing().isEmpty)
  }

  /// A curve of `points` epochs, as a training loop has drawn it so far.
  func partialCurve(points: Int) -> Figure {
    let xs = (1...points).map(Double.init)
    return .lines(
      name: "loss", title: "Loss", series: [("test", xs, xs.map { 1 / $0 })], xLabel: "epoch", yLabel: "loss")
  }

  @Test("progress in a window: one gnuplot for the figure, redrawn per epoch, the finished figure last")
  func progressInAWindowKeepsOneGnuplot() throws {
    let figures = try TemporaryFigures()
    let scratch = figures.url.deletingLastPathComponent()
    let log = scratch.appendingPathComponent("gnuplot.log")
    // A stand-in for gnuplot-qt (not installable with gnuplot-nox, and no display here): it
    // records each start and everything it is sent.
    let stub = scratch.appendingPathComponent("gnuplot-stub")
    let script = """
      #!/bin/sh
      if [ "$1" = --version ]; then echo 'gnuplot 5.4 stub'; exit 0; fi
      echo "START $*" >> '\(log.path)'
      cat >> '\(log.path)'

      """
    try script.write(to: stub, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: stub.path)
    var settings = PlotSettings(directory: figures.url)
    settings.display = .window(terminal: "qt")
    settings.writeFiles = false
    let plotter = try Plotter(settings: settings, environment: ["GNUPLOT": stub.path, "PATH": "/usr/bin:/bin"])
    for epoch in 2...4 { try plotter.showProgress(partialCurve(points: epoch)) }
    #expect(try plotter.render(partialCurve(points: 5)) == nil)
    let text = try String(contentsOf: log, encoding: .utf8)
    #expect(text.components(separatedBy: "START").count == 2, "one gnuplot, not one per epoch")
    #expect(text.contains("START --default-settings -persist /dev/stdin"))
    #expect(text.components(separatedBy: "set terminal qt").count == 2)
    #expect(text.components(separatedBy: "reset\n").count == 5, "three epochs and the finished figure")
    // The next figure of that name opens a window of its own again.
    try plotter.showProgress(partialCurve(points: 2))
    #expect(try plotter.render(partialCurve(points: 3)) == nil)
    #expect(try String(contentsOf: log, encoding: .utf8).components(separatedBy: "START").count == 3)
  }

  @Test("progress without a display does nothing; in the terminal each state is drawn")
  func progressInTheTerminal() throws {
    let figures = try TemporaryFigures()
    let captured = Captured()
    var settings = PlotSettings(directory: figures.url, terminalSink: captured.sink)
    settings.writeFiles = false
    try Plotter(settings: settings).showProgress(partialCurve(points: 2))
    #expect(captured.text.isEmpty)
    settings.display = .ascii
    let plotter = try Plotter(settings: settings)
    for epoch in 2...3 { try plotter.showProgress(partialCurve(points: epoch)) }
    #expect(captured.text.components(separatedBy: "Loss").count == 3)
    #expect(try figures.listing().isEmpty)
  }
}
