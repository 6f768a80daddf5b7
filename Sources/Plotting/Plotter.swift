// Plotter: renders Figures with gnuplot, the one path every figure of the course takes.
//
// What it does, per figure:
//   1. streams the script and its data to a fresh gnuplot over a pipe (text datablocks for
//      columns, inline binary for images and heat maps), drawing into a hidden temporary file
//      in the target directory;
//   2. accepts the result only if gnuplot exited 0 and the file is non-empty; otherwise it
//      throws a one-line PlotError naming the figure, the script line and gnuplot's message;
//   3. saves src/<name>.gp plus src/<name>.dat / src/<name>-<k>.bin (atomically), so that
//      `cd Figures/src && gnuplot <name>.gp` redraws the figure with plain gnuplot;
//   4. renames the temporary file onto <name>.<ext>: a failure never leaves half a figure.
// In terminal mode it draws with gnuplot's dumb terminal (or shades images as ASCII itself)
// and writes nothing to disk.
//
// With a `display` (--show) it also shows each figure as it is drawn (see Display.swift).
//
// One gnuplot process per figure keeps errors apart and costs a few ms. The exception is a
// figure shown in a window while it changes (a training curve, redrawn after every epoch with
// `showProgress`): that window's gnuplot stays open until the finished figure is rendered, so
// the curve grows in one window instead of opening one per epoch.

import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Renders figures to files (or to the terminal) with gnuplot. Safe to share across threads:
/// every render runs its own gnuplot process.
public final class Plotter: Sendable {
  public let settings: PlotSettings
  /// The gnuplot executable in use.
  public let gnuplotPath: String
  /// What `gnuplot --version` printed, e.g. "gnuplot 5.4 patchlevel 4".
  public let gnuplotVersion: String
  /// The windows of figures still being drawn (see `showProgress`), by figure name.
  private let liveWindows = LiveWindows()

  /// Finds gnuplot (`$GNUPLOT`, else `gnuplot` on `$PATH`) and checks that it starts.
  /// Throws `PlotError.gnuplotMissing` otherwise.
  /// `environment` is where GNUPLOT and PATH are looked up (tests pass their own).
  /// `show` (from `--show`) chooses where figures are also shown, here and now (see `Display`).
  public init(
    settings: PlotSettings, show: ShowRequest? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws {
    var settings = settings
    gnuplotPath = try GnuplotLocator.locate(environment: environment)
    if let show { settings.display = try DisplayEnvironment.current(gnuplotPath: gnuplotPath).choose(show) }
    self.settings = settings
    let probe = try GnuplotSession(executable: gnuplotPath, arguments: ["--version"]).finish()
    guard probe.status == 0, !probe.signalled else {
      throw PlotError.gnuplotMissing(override: environment["GNUPLOT"].flatMap { $0.isEmpty ? nil : $0 })
    }
    gnuplotVersion = String(decoding: probe.stdout, as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Renders one figure; returns the image file written (nil in terminal mode). Also writes
  /// directory/src/<name>.gp and its data (<name>.dat, <name>-<k>.bin) so plain gnuplot can
  /// regenerate the image from there.
  @discardableResult
  public func render(_ figure: Figure) throws -> URL? {
    try figure.validate()
    if settings.terminal {
      try renderToTerminal(figure)
      return nil
    }
    let file = settings.writeFiles ? try renderToFile(figure) : nil
    if let display = settings.display { try show(figure, on: display) }
    return file
  }

  // MARK: - On screen

  /// Shows an unfinished figure (a training curve after each epoch) on the display, and writes
  /// no file: in a window it is redrawn in place, in the terminal (sixel or ASCII) each state
  /// is drawn below the last. Does nothing without a display; `render` draws the finished
  /// figure (and closes its window's gnuplot, leaving the window open).
  public func showProgress(_ figure: Figure) throws {
    guard let display = settings.display, !settings.terminal else { return }
    try figure.validate()
    guard case .window(let terminal) = display else { return try show(figure, on: display) }
    let script = try GnuplotScript(figure: figure)
    let session = try liveWindows.session(for: figure.name) {
      let session = try GnuplotSession(
        executable: gnuplotPath, arguments: ["--default-settings", "-persist", "/dev/stdin"])
      try Self.stream([ScriptLine("set terminal \(windowTerminal(terminal, for: figure))")], to: session)
      return session
    }
    // `reset` clears the last state's settings but keeps the terminal, so the window stays.
    try Self.stream([ScriptLine("reset")] + script.body, to: session)
  }

  /// Shows a figure as it is drawn: inline sixels, a window, or the ASCII drawing.
  private func show(_ figure: Figure, on display: Display) throws {
    let (width, height) = figure.size
    switch display {
    case .ascii:
      try renderToTerminal(figure)
    case .sixel:
      let script = try GnuplotScript(figure: figure)
      let output = try run(
        script.inlineLines(terminal: "sixelgd size \(width),\(height) truecolor enhanced font 'sans,11'", output: nil),
        figure: figure, savedLineOfBody: nil, bodyCount: script.body.count)
      settings.emit(String(decoding: output, as: UTF8.self) + "\n")
    case .window(let terminal):
      let script = try GnuplotScript(figure: figure)
      if let live = liveWindows.remove(figure.name) {
        // The finished figure in the window its progress was drawn in.
        try? Self.stream([ScriptLine("reset")] + script.body, to: live)
        let outcome = live.finish()
        if outcome.status != 0 || outcome.signalled {
          let message =
            GnuplotDiagnostics.lastLine(of: outcome.stderr) ?? "gnuplot exited with status \(outcome.status)"
          throw PlotError.gnuplotFailed(figure: figure.name, line: nil, command: nil, message: message)
        }
        return
      }
      // -persist keeps the window open after this gnuplot has read its script and exited.
      _ = try run(
        script.inlineLines(terminal: windowTerminal(terminal, for: figure), output: nil),
        figure: figure, savedLineOfBody: nil, bodyCount: script.body.count,
        arguments: ["--default-settings", "-persist", "/dev/stdin"])
    }
  }

  /// The `set terminal` arguments of a window showing `figure`, titled with its name.
  private func windowTerminal(_ terminal: String, for figure: Figure) -> String {
    let (width, height) = figure.size
    let title = figure.name.replacingOccurrences(of: "'", with: "")
    return "\(terminal) size \(width),\(height) enhanced font 'sans,11' title '\(title)'"
  }

  /// The `set terminal` arguments for a figure in the configured format.
  func terminalCommand(for figure: Figure) -> String {
    let (width, height) = figure.size
    switch settings.format {
    case .png:
      return "pngcairo size \(width),\(height) enhanced font 'sans,11'"
    case .pdf:
      // One pixel per point keeps lines and markers as in the PNG; pdfcairo draws text at
      // about half the size pngcairo does, hence the larger font (compared by rasterising both).
      let w = Double(width) / 72
      let h = Double(height) / 72
      return "pdfcairo size \(w.rounded(toPlaces: 3))in,\(h.rounded(toPlaces: 3))in enhanced font 'sans,20'"
    case .svg:
      return "svg size \(width),\(height) dynamic enhanced font 'sans,11' background rgb 'white'"
    }
  }

  // MARK: - Files

  private func renderToFile(_ figure: Figure) throws -> URL {
    let fm = FileManager.default
    let directory = settings.directory
    let src = directory.appendingPathComponent("src", isDirectory: true)
    do {
      try fm.createDirectory(at: src, withIntermediateDirectories: true)
    } catch {
      throw PlotError.cannotWrite(path: src.path, reason: Self.reason(error))
    }
    let imageFile = "\(figure.name).\(settings.format.fileExtension)"
    let target = directory.appendingPathComponent(imageFile)
    let temporary = directory.appendingPathComponent(
      ".\(figure.name).\(UUID().uuidString).tmp.\(settings.format.fileExtension)")
    defer { try? fm.removeItem(at: temporary) }  // gone already after a successful rename

    let script = try GnuplotScript(figure: figure)
    let terminal = terminalCommand(for: figure)
    let saved = script.savedScript(
      terminal: terminal, imageFile: imageFile, directoryName: directory.lastPathComponent)
    func saveSources() throws {
      for file in script.dataFiles {
        try write(file.contents, to: src.appendingPathComponent(file.fileName))
      }
      try write(Data(saved.text.utf8), to: src.appendingPathComponent("\(figure.name).gp"))
    }
    do {
      _ = try run(
        script.inlineLines(terminal: terminal, output: temporary.path), figure: figure,
        savedLineOfBody: saved.lineOfBody, bodyCount: script.body.count)
    } catch {
      // Keep the failing script (whole, never partial) so that the reported line number can be
      // looked up and `gnuplot <name>.gp` reproduces the error; the image is left untouched.
      try? saveSources()
      throw error
    }
    let written = (try? temporary.resourceValues(forKeys: [.fileSizeKey]))?.fileSize ?? 0
    guard written > 0 else { throw PlotError.emptyOutput(figure: figure.name, file: target.path) }
    try saveSources()
    guard rename(temporary.path, target.path) == 0 else {
      throw PlotError.cannotWrite(path: target.path, reason: String(cString: strerror(errno)))
    }
    return target
  }

  private func write(_ data: Data, to url: URL) throws {
    do {
      try data.write(to: url, options: .atomic)
    } catch {
      throw PlotError.cannotWrite(path: url.path, reason: Self.reason(error))
    }
  }

  // MARK: - Terminal

  private func renderToTerminal(_ figure: Figure) throws {
    let columns = settings.terminalSize.columns
    let rows = settings.terminalSize.rows
    if figure.isImageOnly {
      var text = figure.title.map { $0 + "\n" } ?? ""
      for layer in figure.layers { text += AsciiArt.picture(of: layer, maxColumns: columns) }
      settings.emit(text)
      return
    }
    let script = try GnuplotScript(figure: figure, forTerminal: true)
    let output = try run(
      script.inlineLines(terminal: "dumb mono size \(columns),\(rows) nofeed", output: nil),
      figure: figure, savedLineOfBody: nil, bodyCount: script.body.count)
    settings.emit(Self.tidy(String(decoding: output, as: UTF8.self)))
  }

  /// The dumb terminal starts each page with a form feed and pads lines with blanks.
  static func tidy(_ drawing: String) -> String {
    var lines = drawing.replacingOccurrences(of: "\u{0C}", with: "")
      .split(separator: "\n", omittingEmptySubsequences: false)
      .map { String($0.reversed().drop(while: { $0 == " " || $0 == "\r" }).reversed()) }
    while lines.first?.isEmpty == true { lines.removeFirst() }
    while lines.last?.isEmpty == true { lines.removeLast() }
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: - Running gnuplot

  /// Streams the script (text, then each command's binary payloads) to a new gnuplot and
  /// returns its stdout; throws a PlotError describing the first error gnuplot reported.
  private func run(
    _ lines: [ScriptLine], figure: Figure, savedLineOfBody: [Int?]?, bodyCount: Int,
    arguments: [String] = ["--default-settings", "/dev/stdin"]
  ) throws -> Data {
    let session = try GnuplotSession(executable: gnuplotPath, arguments: arguments)
    var writeError: Error?
    do {
      try Self.stream(lines, to: session)
    } catch {
      writeError = error  // gnuplot died early; its stderr says why
    }
    let outcome = session.finish()
    guard outcome.status != 0 || outcome.signalled || writeError != nil else { return outcome.stdout }

    guard let reported = GnuplotDiagnostics.firstError(in: outcome.stderr) else {
      var message =
        outcome.signalled
        ? "gnuplot was killed by signal \(outcome.status)"
        : "gnuplot exited with status \(outcome.status)"
      if let writeError { message += " (writing to it: \(Self.reason(writeError)))" }
      if let last = GnuplotDiagnostics.lastLine(of: outcome.stderr) { message += ": \(last)" }
      throw PlotError.gnuplotFailed(figure: figure.name, line: nil, command: nil, message: message)
    }
    var line: Int?
    var command = reported.command
    if let index = GnuplotDiagnostics.index(of: reported, in: lines) {
      command = command ?? lines[index].inline
      let header = lines.count - bodyCount
      if let savedLineOfBody, index >= header { line = savedLineOfBody[index - header] }
    }
    throw PlotError.gnuplotFailed(
      figure: figure.name, line: line, command: command.map { PlotError.shortened($0) },
      message: reported.message)
  }

  /// Writes script lines to gnuplot: text, then each command's inline binary payloads.
  private static func stream(_ lines: [ScriptLine], to session: GnuplotSession) throws {
    var pending = ""
    for line in lines {
      guard let text = line.inline else { continue }
      pending += text + "\n"
      guard !line.payloads.isEmpty else { continue }
      try session.send(pending)
      pending = ""
      for payload in line.payloads { try session.send(payload) }
    }
    if !pending.isEmpty { try session.send(pending) }
  }

  private static func reason(_ error: Error) -> String {
    if let error = error as? CocoaError, let underlying = error.underlying as? POSIXError {
      return String(cString: strerror(underlying.code.rawValue))
    }
    return PlotError.oneLine(error.localizedDescription)
  }
}

/// Reads gnuplot's stderr. gnuplot runs the script as a file (`/dev/stdin`), so it stops at
/// the first error, which looks like
///
///     set bogus
///         ^
///     "/dev/stdin" line 7: unrecognized option - see 'help set'.
///
/// The echoed command is missing for some run-time errors ("No data in plot"); the line
/// number counts text lines of the stream (inline binary data is not counted).
package enum GnuplotDiagnostics {
  package struct Report: Equatable {
    package var command: String?
    package var line: Int?
    package var message: String
    package init(command: String?, line: Int?, message: String) {
      self.command = command
      self.line = line
      self.message = message
    }
  }

  package static func firstError(in stderr: String) -> Report? {
    let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for (i, raw) in lines.enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      guard let match = line.range(of: #"^("[^"]*" )?line [0-9]+: *"#, options: .regularExpression)
      else { continue }
      let message = line[match.upperBound...].trimmingCharacters(in: .whitespaces)
      if message.hasPrefix("warning:") { continue }
      let number = line[match].split(separator: " ").reversed().first { $0.last == ":" }
        .flatMap { Int($0.dropLast()) }
      var command: String?
      if i >= 2, lines[i - 1].trimmingCharacters(in: .whitespaces) == "^" {
        var echo = lines[i - 2]
        if echo.hasPrefix("gnuplot> ") { echo.removeFirst("gnuplot> ".count) }
        command = echo
      }
      var full = message
      if i + 1 < lines.count, lines[i + 1].hasPrefix("system error:") { full += " (\(lines[i + 1]))" }
      return Report(command: command, line: number, message: full)
    }
    return nil
  }

  static func lastLine(of stderr: String) -> String? {
    stderr.split(separator: "\n").last.map { $0.trimmingCharacters(in: .whitespaces) }
  }

  /// The script command gnuplot reported: the one it echoed (exactly, or a truncated prefix),
  /// else the one containing text line `line` of the stream.
  package static func index(of report: Report, in lines: [ScriptLine]) -> Int? {
    if let wanted = report.command?.trimmingCharacters(in: .whitespaces), !wanted.isEmpty {
      if let exact = lines.firstIndex(where: { $0.inline == wanted }) { return exact }
      if let partial = lines.firstIndex(where: { $0.inline?.hasPrefix(wanted) == true }) {
        return partial
      }
    }
    guard let target = report.line else { return nil }
    var first = 1
    for (index, line) in lines.enumerated() {
      guard let text = line.inline else { continue }
      let count = text.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
      if target < first + count { return index }
      first += count
    }
    return nil
  }
}

extension Double {
  fileprivate func rounded(toPlaces places: Int) -> Double {
    let scale = Foundation.pow(10, Double(places))
    return (self * scale).rounded() / scale
  }
}
