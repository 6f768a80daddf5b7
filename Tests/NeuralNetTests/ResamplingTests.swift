// Max pooling and upsampling (CKernels' resampling.c) against their plain-Swift definitions
// (Reference/ReferenceResampling.swift), bit for bit, for the channel counts the kernels are
// instantiated for (8, 16, 32: whole vectors) and others, on images with ties, NaN, infinities
// and signed zeros in the windows.

import Autodiff
import NeuralNet
import Stochastic
import TensorCore
import Testing

@Suite("Max pooling and upsampling against their definitions")
struct ResamplingTests {
  static let channelCounts = [1, 3, 8, 16, 32]

  /// Normal values, then in some windows the awkward ones: a tie, a NaN, all NaN, -inf, -0 and +0.
  static func awkwardImages(batch: Int, height: Int, width: Int, channels c: Int, seed: UInt64) -> Tensor {
    var rng = SeededRandom(seed: seed)
    var x = Tensor.normal([batch, height * width * c], using: &rng)
    let specials: [[Float]] = [
      [1, 1, 0.5, 1], [.nan, 2, 3, 1], [.nan, .nan, .nan, .nan], [-.infinity, -.infinity, -.infinity, -.infinity],
      [-0.0, 0.0, -0.0, 0.0], [3, .nan, 3, .infinity],
    ]
    var k = 0
    for n in 0..<batch {
      for oy in 0..<(height / 2) {
        for ox in 0..<(width / 2) where (n + oy + ox) % 2 == 0 {
          for ch in 0..<c {
            let corner = n * height * width * c + (2 * oy * width + 2 * ox) * c + ch
            let values = specials[k % specials.count]
            k += 1
            for (i, at) in [corner, corner + c, corner + width * c, corner + width * c + c].enumerated() {
              x.storage[at] = values[i]
            }
          }
        }
      }
    }
    return x
  }

  static func differing(_ a: [Float], _ b: [Float]) -> Int { zip(a, b).filter { $0.bitPattern != $1.bitPattern }.count }

  @Test(arguments: channelCounts)
  func maxPoolIsItsDefinition(channels c: Int) {
    let (batch, height, width) = (3, 6, 8)
    let x = Self.awkwardImages(batch: batch, height: height, width: width, channels: c, seed: 41)
    let reference = referenceMaxPool2x2(x, height: height, width: width, channels: c)
    let input = Variable(x, requiresGradient: true)
    let y = maxPool2x2(input, height: height, width: width, channels: c)
    #expect(Self.differing(y.value.storage, reference.maxima) == 0)
    // The winners, seen through the backward pass: each output's gradient lands on its winner.
    var rng = SeededRandom(seed: 42)
    let seed = Tensor.normal(y.shape, using: &rng)
    y.backward(seed: seed)
    var routed = [Float](repeating: 0, count: x.count)
    for (o, at) in reference.winners.enumerated() { routed[Int(at)] += seed.storage[o] }
    #expect(Self.differing(input.grad!.storage, routed) == 0)
  }

  @Test(arguments: channelCounts)
  func upsamplingAndItsAdjointAreTheirDefinitions(channels c: Int) {
    let (batch, height, width) = (3, 3, 5)
    let x = Self.awkwardImages(batch: batch, height: height, width: width, channels: c, seed: 43)
    let input = Variable(x, requiresGradient: true)
    let y = upsample2x(input, height: height, width: width, channels: c)
    let reference = referenceUpsample2x(x, height: height, width: width, channels: c)
    #expect(Self.differing(y.value.storage, reference.storage) == 0)
    let seed = Self.awkwardImages(batch: batch, height: 2 * height, width: 2 * width, channels: c, seed: 44)
    y.backward(seed: seed)
    let adjoint = referenceUpsample2xAdjoint(seed, height: height, width: width, channels: c)
    #expect(Self.differing(input.grad!.storage, adjoint.storage) == 0)
  }
}
