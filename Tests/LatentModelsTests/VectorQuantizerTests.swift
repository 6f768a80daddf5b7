// The straight-through estimator of the VQ-VAE bottleneck (slide "VQ-VAE Details"): forward the
// decoder sees the nearest code e_k, backward the encoder output z_e receives the decoder
// input's gradient unaltered, and the codebook receives nothing through that path.

import Autodiff
import LatentModels
import Stochastic
import TensorCore
import Testing

@Suite("Vector quantisation, straight-through")
struct VectorQuantizerTests {
  /// A fixed non-linear "decoder" L = sum(tanh(z_q A) * R): its gradient varies per element.
  struct Decoder {
    let a: Variable, r: Variable
    init(dimension d: Int, vectors n: Int, using rng: inout SeededRandom) {
      a = Variable(Tensor.normal([d, 5], using: &rng))
      r = Variable(Tensor.normal([n, 5], using: &rng))
    }
    func loss(_ zq: Variable) -> Variable { (Variable.matmul(zq, a).tanh() * r).sum() }
  }

  @Test(arguments: [1, 2, 3] as [UInt64])
  func encoderOutputGetsTheDecoderInputsGradient(seed: UInt64) throws {
    var rng = SeededRandom(seed: seed)
    let (n, k, d) = (12, 4, 3)
    let ze = Tensor.normal([n, d], using: &rng)
    let codebook = Tensor.normal([k, d], using: &rng)
    let decoder = Decoder(dimension: d, vectors: n, using: &rng)

    let encoderOutput = Variable(ze, requiresGradient: true)
    let codes = Variable(codebook, requiresGradient: true)
    let vq = vectorQuantize(encoderOutput, codebook: codes)
    // Forward: the decoder input is the nearest code of every vector.
    #expect(vq.quantized.value == codebook.rows(nearestCodes(ze, codebook: codebook)))
    decoder.loss(vq.quantized).backward()

    // The same decoder fed e_k as a leaf: its gradient is the one z_e must receive.
    let decoderInput = Variable(codebook.rows(vq.indices), requiresGradient: true)
    decoder.loss(decoderInput).backward()
    let expected = try #require(decoderInput.grad)
    #expect(expected.storage.contains { $0 != 0 })
    #expect(encoderOutput.grad == expected)
    // The reconstruction path leaves the codebook alone (it learns only from its own term).
    #expect(codes.grad.map { $0.storage.allSatisfy { $0 == 0 } } ?? true)
  }
}
