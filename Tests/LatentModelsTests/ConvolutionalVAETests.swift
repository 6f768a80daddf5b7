// keras.io's convolutional VAE as the course builds it: the same layers (weight counts equal to
// the example's model summary), the shapes of its code and its images, and a loss that falls.

import Autodiff
import LatentModels
import Stochastic
import TensorCore
import Testing

@Suite("Convolutional VAE")
struct ConvolutionalVAETests {
  @Test func weightCountsAreKerasIOs() {
    // keras.io's summary: encoder 320 + 18,496 + 50,192 + 34 + 34 = 69,076 weights,
    // decoder 9,408 + 36,928 + 18,464 + 289 = 65,089 (its last layer a 3x3 kernel over 32 channels).
    var rng = SeededRandom(seed: 1)
    let counts = ConvolutionalVAE(.init(), using: &rng).parameters.map(\.value.count)
    let perLayer = stride(from: 0, to: counts.count, by: 2).map { counts[$0] + counts[$0 + 1] }
    #expect(perLayer == [320, 18_496, 50_192, 34, 34, 9_408, 36_928, 18_464, 289])
    #expect(perLayer.prefix(5).reduce(0, +) == 69_076 && perLayer.dropFirst(5).reduce(0, +) == 65_089)
  }

  /// The products bench counts FLOPs by: each weight's [inner, outer] holds exactly its entries,
  /// over the positions its layer visits (28x28 -> 14x14 -> 7x7 and back), and only the first
  /// reads the images.
  @Test func matrixProductsCoverEveryWeight() {
    var rng = SeededRandom(seed: 1)
    let vae = ConvolutionalVAE(.init(), using: &rng)
    let products = vae.architecture.matrixProducts
    let weights = stride(from: 0, to: vae.parameters.count, by: 2).map { vae.parameters[$0].value.count }
    #expect(products.map { $0.inner * $0.outer } == weights)
    #expect(products.map(\.rowsPerImage) == [196, 49, 1, 1, 1, 1, 49, 196, 784])
    #expect(products.map(\.readsImages) == [true] + Array(repeating: false, count: 8))
  }

  @Test func codeAndImageShapes() {
    var rng = SeededRandom(seed: 2)
    let vae = ConvolutionalVAE(.init(imageHeight: 8, imageWidth: 12, channels: (2, 3), latentSize: 3), using: &rng)
    let q = vae.encode(Variable(Tensor.uniform([5, 96], using: &rng)))
    #expect(q.mean.shape == [5, 3] && q.logVariance.shape == [5, 3])
    #expect(vae.decode(Tensor.normal([4, 3], using: &rng)).shape == [4, 96])
  }

  @Test func trainingLowersTheLoss() throws {
    // 64 images of 8x8 with a bright square in one of four places: 30 epochs of 8 steps.
    var rng = SeededRandom(seed: 3)
    var pixels = [Float](repeating: 0, count: 64 * 64)
    for n in 0..<64 {
      let (top, left) = (4 * ((n / 2) % 2), 4 * (n % 2))
      for y in top..<(top + 4) { for x in left..<(left + 4) { pixels[n * 64 + y * 8 + x] = 1 } }
    }
    let images = Tensor(shape: [64, 64], storage: pixels)
    let vae = ConvolutionalVAE(.init(imageHeight: 8, imageWidth: 8, channels: (4, 8)), using: &rng)
    var shuffle = SeededRandom(seed: 4)
    var noise = SeededRandom(seed: 5)
    let epochs = try vae.fit(
      images: images, name: "conv VAE", epochs: 30, batchSize: 8, learningRate: 3e-3, shuffle: &shuffle,
      noise: &noise)
    let (first, last) = (epochs.first!.meanLoss, epochs.last!.meanLoss)
    #expect(last < 0.5 * first, "loss \(first) -> \(last)")
  }
}
