// Figure titles that fit their canvas: gnuplot draws a title on one line and lets it run off
// the edge, so a long title is broken at spaces into lines no wider than the canvas holds.

/// Breaks figure titles into lines that fit the canvas.
package enum TitleWrapping {
  /// Pixels per character assumed for gnuplot's default title font: the widest measured mean
  /// (capitals and digits) is about 7.5 at 12 pt, and the air on both sides is 40 pixels.
  static let pixelsPerCharacter = 8
  static let sideRoom = 40

  /// `title` in lines of at most (canvasWidth - 40) / 8 characters, broken at spaces outside
  /// enhanced-text braces (`{/Symbol m}` stays whole); a word longer than a line stands alone.
  /// A line break the caller wrote ("\n") is kept, and each of its lines wrapped on its own.
  package static func lines(_ title: String, canvasWidth: Int) -> [String] {
    title.split(separator: "\n", omittingEmptySubsequences: false).flatMap {
      wrapped(String($0), canvasWidth: canvasWidth)
    }
  }

  private static func wrapped(_ title: String, canvasWidth: Int) -> [String] {
    let limit = max(20, (canvasWidth - sideRoom) / pixelsPerCharacter)
    var words: [String] = []
    var word = ""
    var depth = 0
    for ch in title {
      if ch == "{" { depth += 1 }
      if ch == "}" { depth = max(0, depth - 1) }
      if ch == " " && depth == 0 {
        words.append(word)
        word = ""
      } else {
        word.append(ch)
      }
    }
    words.append(word)
    var lines: [String] = []
    var line = ""
    for w in words {
      if line.isEmpty {
        line = w
      } else if line.count + 1 + w.count <= limit {
        line += " " + w
      } else {
        lines.append(line)
        line = w
      }
    }
    lines.append(line)
    return lines
  }
}
