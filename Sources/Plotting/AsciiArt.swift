// AsciiArt: grey-scale images as text, for terminal mode.
//
// gnuplot's dumb terminal draws `with image` poorly, so pictures are shaded here instead:
// each character cell takes the average of the mean and the maximum of the pixels under it
// (so thin strokes survive downsampling) and picks one of ten shades, " " for black up to "@"
// for white (white digits on black come out as dense characters on a blank ground).
// A character is about twice as tall as it is wide, so a cell covers twice as many pixel rows
// as pixel columns. Image grids keep their tiles apart with a blank column and their row
// labels at the left.

import Foundation

package enum AsciiArt {
  /// From black (index 0) to white (index 9).
  static let shades: [Character] = Array(" .:-=+*#%@")

  /// The layer's image as lines of text at most `maxColumns` wide (labels included).
  package static func picture(of layer: Layer, maxColumns: Int) -> String {
    guard case .grayImage(let pixels, let width, let height) = layer.content else { return "" }
    let tiles =
      layer.tiles
      ?? TileLayout(tileWidth: width, tileHeight: height, gap: 0, tilesPerRow: [1], rowLabels: [])
    let labelWidth = (tiles.rowLabels.map(\.count).max() ?? 0).nonZeroPlus(1)
    let perRow = max(1, tiles.tilesPerRow.max() ?? 1)
    let available = max(1, maxColumns - labelWidth - (perRow - 1))
    let cellColumns = max(1, min(2 * tiles.tileWidth, available / perRow))
    let cellRows = max(
      1, Int((Double(tiles.tileHeight) * Double(cellColumns) / Double(2 * tiles.tileWidth)).rounded()))

    var lines: [String] = []
    for (r, count) in tiles.tilesPerRow.enumerated() {
      // A blank line between rows of tiles whenever a row takes more than one line: without it
      // the middle line of a row, where its label sits, reads as its own row.
      if r > 0, cellRows > 1 { lines.append("") }
      let shaded = (0..<count).map { c in
        shade(
          pixels, imageWidth: width,
          region: (tiles.left(ofColumn: c), tiles.top(ofRow: r), tiles.tileWidth, tiles.tileHeight),
          columns: cellColumns, rows: cellRows)
      }
      let label = r < tiles.rowLabels.count ? tiles.rowLabels[r] : ""
      for i in 0..<cellRows {
        let prefix = i == cellRows / 2 ? label : ""
        let margin = String(repeating: " ", count: max(0, labelWidth - prefix.count))
        let row = (prefix + margin + shaded.map { $0[i] }.joined(separator: " "))
        lines.append(String(row.reversed().drop(while: { $0 == " " }).reversed()))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Shades the pixel region (left, top, width, height) into `rows` lines of `columns` characters.
  static func shade(
    _ pixels: [Float], imageWidth: Int, region: (left: Int, top: Int, width: Int, height: Int),
    columns: Int, rows: Int
  ) -> [String] {
    func span(_ k: Int, of n: Int, over length: Int) -> Range<Int> {
      let a = min(length - 1, k * length / n)
      let b = min(length, max(a + 1, (k + 1) * length / n))
      return a..<b
    }
    return (0..<rows).map { r in
      let ys = span(r, of: rows, over: region.height)
      return String(
        (0..<columns).map { c in
          let xs = span(c, of: columns, over: region.width)
          var sum: Float = 0
          var brightest: Float = 0
          for y in ys {
            for x in xs {
              let raw = pixels[(region.top + y) * imageWidth + region.left + x]
              let v = raw.isNaN ? 0 : min(max(raw, 0), 1)
              sum += v
              brightest = max(brightest, v)
            }
          }
          // Half mean, half maximum: a thin stroke inside a large cell stays visible.
          let level = (sum / Float(ys.count * xs.count) + brightest) / 2
          return shades[Int((level * Float(shades.count - 1)).rounded())]
        })
    }
  }
}

extension Int {
  /// self + extra, or 0 when self is 0 (a label column only when there are labels).
  fileprivate func nonZeroPlus(_ extra: Int) -> Int { self == 0 ? 0 : self + extra }
}
