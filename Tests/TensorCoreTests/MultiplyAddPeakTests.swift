// The FLOP count of bench's multiply-add peak: a wrong lane count would misreport the peak by a
// factor of two or more, so the count and the chains' arithmetic are checked against a scalar
// recomputation.

import CKernels
import Testing

@Suite struct MultiplyAddPeakTests {
  @Test func flopsAndChecksumMatchAScalarRecomputation() {
    let rounds = 1000
    var sink: Float = 0
    let flops = ck_fma_chains(rounds, &sink)
    let perLane = 2.0 * 12 * Double(rounds)
    let lanes = flops / perLane
    #expect([1.0, 8.0, 16.0].contains(lanes), "\(flops) FLOPs is \(lanes) lanes")

    // Every lane of chain i runs acc = fma(acc, 0.999999, 1e-7) from acc = i.
    var expected = 0.0
    for i in 0..<12 {
      var acc = Float(i)
      for _ in 0..<rounds { acc = (1e-7 as Float).addingProduct(acc, 0.999999) }  // fused, one rounding
      expected += Double(acc)
    }
    expected *= lanes
    #expect(abs(Double(sink) - expected) <= 1e-4 * expected, "checksum \(sink), expected \(expected)")
  }
}
