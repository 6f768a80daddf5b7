// The typed styles render the `with` clauses the chapters wrote by hand before, character for
// character, so the committed scripts in Figures/src do not change when a chapter moves to them.

import Plotting
import Testing

@Suite("Series styles")
struct SeriesStyleTests {
  static let cases: [(SeriesStyle, String)] = [
    (.line(.blue), "lines lw 2 lc rgb '#1f77b4'"),
    (.line(.orange, width: 2.5), "lines lw 2.5 lc rgb '#ff7f0e'"),
    (.line(.black, dash: 2), "lines lw 2 dt 2 lc rgb '#000000'"),
    (.line(.grey(0x44), width: 1.5, dash: 3), "lines lw 1.5 dt 3 lc rgb '#444444'"),
    (.points(.red, size: 0.5), "points pt 7 ps 0.5 lc rgb '#d62728'"),
    (.points(.grey(0x55)), "points pt 7 ps 1 lc rgb '#555555'"),
    (.points(.grey(0x99).transparent(0x80), size: 0.35), "points pt 7 ps 0.35 lc rgb '#80999999'"),
    (.points(.blue.transparent(0x20), size: 0.35), "points pt 7 ps 0.35 lc rgb '#201f77b4'"),
    (.points(.red, marker: .star, size: 3, width: 3), "points lw 3 pt 3 ps 3 lc rgb '#d62728'"),
    (.linePoints(.blue), "linespoints lw 2 pt 7 lc rgb '#1f77b4'"),
    (.linePoints(.red, marker: .triangle), "linespoints lw 2 pt 9 lc rgb '#d62728'"),
    (.linePoints(.blue, size: 1.3), "linespoints lw 2 pt 7 ps 1.3 lc rgb '#1f77b4'"),
    (.boxes(.red), "boxes lc rgb '#d62728'"),
    (.boxes(.blue, fill: 0.35), "boxes lc rgb '#1f77b4' fs solid 0.35 border lc rgb '#1f77b4'"),
    (.band(.paleBlue), "filledcurves lc rgb '#c6dbef'"),
    (.arrows(.green), "vectors head filled lw 3 lc rgb '#2ca02c'"),
  ]

  @Test func stylesRenderTheirWithClause() {
    for (style, expected) in Self.cases { #expect(style.gnuplot == expected) }
  }

  @Test func greyLevelsAndTransparencyKeepTwoHexDigits() {
    #expect(Color.grey(0x05).hex == "#050505")
    #expect(Color.black.hex == "#000000")
    #expect(Color.red.transparent(0x0a).hex == "#0ad62728")
  }
}
