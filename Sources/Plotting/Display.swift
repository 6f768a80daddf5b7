// Display: figures on screen the moment they are drawn, for a lecture given from the terminal.
//
// Three ways, chosen once per run:
//   window  gnuplot's interactive terminal (qt, wxt or x11) when a display exists and the
//           installed gnuplot has one (Debian's gnuplot-qt or gnuplot-x11; gnuplot-nox has none);
//   sixel   gnuplot's sixelgd terminal, the picture written inline into a terminal that draws
//           sixel graphics (xterm -ti vt340, mlterm, foot, WezTerm, mintty, contour...);
//   ascii   the dumb terminal's drawing, which every terminal shows.
// `auto` takes the first that works here, in that order.

import Foundation

/// What `--show` asked for.
public enum ShowRequest: String, CaseIterable, Sendable {
  case auto, sixel, window, ascii
}

/// Where figures are shown.
public enum Display: Equatable, Sendable {
  case sixel
  /// An interactive window through gnuplot's terminal of this name.
  case window(terminal: String)
  case ascii
}

/// What the choice depends on: environment variables, whether standard output is a terminal,
/// and the terminals the installed gnuplot knows.
public struct DisplayEnvironment: Sendable {
  public var variables: [String: String]
  public var standardOutputIsTerminal: Bool
  public var gnuplotTerminals: Set<String>

  public init(variables: [String: String], standardOutputIsTerminal: Bool, gnuplotTerminals: Set<String>) {
    self.variables = variables
    self.standardOutputIsTerminal = standardOutputIsTerminal
    self.gnuplotTerminals = gnuplotTerminals
  }

  /// Interactive terminals in order of preference.
  static let windowTerminals = ["qt", "wxt", "x11"]
  /// TERM values of terminals that draw sixel graphics.
  static let sixelTERMs: Set<String> = ["mlterm", "yaft-256color", "foot", "foot-extra", "contour", "xterm-sixel"]
  /// TERM_PROGRAM values of terminals that draw sixel graphics.
  static let sixelPrograms: Set<String> = ["WezTerm", "mintty", "iTerm.app", "contour"]

  /// A display server to open a window on.
  var hasDisplayServer: Bool {
    [variables["DISPLAY"], variables["WAYLAND_DISPLAY"]].contains { ($0 ?? "").isEmpty == false }
  }

  /// The first interactive gnuplot terminal available, if any.
  var windowTerminal: String? { Self.windowTerminals.first { gnuplotTerminals.contains($0) } }

  /// The terminal says it draws sixels (there is no portable query that does not block).
  var terminalDrawsSixel: Bool {
    guard standardOutputIsTerminal, gnuplotTerminals.contains("sixelgd") else { return false }
    return Self.sixelTERMs.contains(variables["TERM"] ?? "")
      || Self.sixelPrograms.contains(variables["TERM_PROGRAM"] ?? "")
  }

  /// Chooses the display for `request`; a forced choice that cannot work here throws one line.
  public func choose(_ request: ShowRequest) throws -> Display {
    switch request {
    case .ascii: return .ascii
    case .sixel:
      guard gnuplotTerminals.contains("sixelgd") else {
        throw PlotError.cannotShow("this gnuplot has no sixelgd terminal (Debian's gnuplot-nox has it)")
      }
      return .sixel
    case .window:
      guard hasDisplayServer else { throw PlotError.cannotShow("no display to open a window on (DISPLAY is not set)") }
      guard let terminal = windowTerminal else {
        throw PlotError.cannotShow(
          "this gnuplot has no window terminal (qt, wxt, x11): install gnuplot-qt or gnuplot-x11")
      }
      return .window(terminal: terminal)
    case .auto:
      if hasDisplayServer, let terminal = windowTerminal { return .window(terminal: terminal) }
      if terminalDrawsSixel { return .sixel }
      return .ascii
    }
  }

  /// This process's environment, with the terminals gnuplot at `gnuplotPath` lists.
  public static func current(gnuplotPath: String) -> DisplayEnvironment {
    DisplayEnvironment(
      variables: ProcessInfo.processInfo.environment, standardOutputIsTerminal: isatty(STDOUT_FILENO) == 1,
      gnuplotTerminals: terminals(of: gnuplotPath))
  }

  /// The terminal names `gnuplot -e 'set terminal'` lists (one per line, the name first).
  package static func terminals(of gnuplotPath: String) -> Set<String> {
    guard
      let session = try? GnuplotSession(
        executable: gnuplotPath, arguments: ["--default-settings", "-e", "set terminal"])
    else { return [] }
    let outcome = session.finish()
    let text = String(decoding: outcome.stdout, as: UTF8.self) + outcome.stderr
    return parseTerminalList(text)
  }

  /// The names from gnuplot's terminal list ("        sixelgd  sixel using libgd ...").
  package static func parseTerminalList(_ text: String) -> Set<String> {
    Set(
      text.split(separator: "\n").compactMap { line -> String? in
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 2, let name = fields.first, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
          line.hasPrefix(" ")
        else { return nil }
        return String(name)
      })
  }
}
