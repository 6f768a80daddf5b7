// The typed key places and log axes render the gnuplot lines the chapters wrote by hand before,
// character for character, so the committed scripts in Figures/src do not change.

import Plotting
import Testing

@Suite("Key places and log axes")
struct KeyAndLogAxisTests {
  @Test func keyPlacesRenderTheirSetKeyLine() {
    #expect(KeyPlacement.inside(.topRight).command == "set key top right")
    #expect(KeyPlacement.inside(.bottomCenter).command == "set key bottom center")
    #expect(KeyPlacement.inside(.topLeft).command == "set key top left")
    #expect(KeyPlacement.below.command == "set key below")
    #expect(KeyPlacement.outsideRight.command == "set key outside right top spacing 1.3")
  }

  @Test func logAxesRenderScaleAndLabels() {
    #expect(LogAxis.y.command == "set logscale y")
    #expect(LogAxis(.x, base: 2).command == "set logscale x 2")
    #expect(LogAxis.y.plainLabels == "set format y '%g'")
    #expect(LogAxis.y2.powerLabels == "set format y2 '10^{%L}'")
  }

  /// 1, 2 and 5 of each decade from the one below the smallest value to the one above the largest.
  @Test func logTicksCoverTheDecadesSpanned() {
    #expect(LogAxis.y.ticks(spanning: [0.013, 0.027, 0.068]) == "set ytics (0.01, 0.02, 0.05, 0.1)")
    #expect(LogAxis.x.ticks(spanning: [3, 450]) == "set xtics (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)")
    #expect(LogAxis.y.ticks(spanning: [0, -1]) == nil)
  }
}
