// Slide "Convolutional VAE": the VAE of keras.io's example (F. Chollet, "Variational
// AutoEncoder"), which the slides point to. For 28 x 28 images, with its channel counts:
//   encoder  28x28x1 -conv 3x3/2, 32, relu-> 14x14x32 -conv 3x3/2, 64, relu-> 7x7x64
//            -dense 16, relu-> (mu, log sigma^2) in R^Z
//   decoder  z -dense 7*7*64, relu-> 7x7x64 -convT 3x3/2, 64, relu-> 14x14x64
//            -convT 3x3/2, 32, relu-> 28x28x32 -conv 3x3, 1-> logits
// (keras.io's last layer is a stride-1 Conv2DTranspose: the same family of functions as a
// stride-1 convolution, its kernel flipped). Padding is symmetric where Keras' "same" pads a
// stride-2 layer on one side only: the same shapes, pixels aligned half a step differently.
// The weight counts are keras.io's: 69,076 in the encoder, 65,089 in the decoder.

import Autodiff
import NeuralNet
import Stochastic
import TensorCore

/// keras.io's convolutional VAE for H x W x 1 images (H and W divisible by 4).
public struct ConvolutionalVAE: VariationalAutoencoder {
  /// The shape of the network: image size, channel counts, dense width and latent size.
  public struct Architecture: Sendable {
    public var imageHeight = 28, imageWidth = 28
    /// The two stride-2 convolutions' channels (the transposed ones mirror them).
    public var channels = (first: 32, second: 64)
    public var denseWidth = 16
    public var latentSize = 2

    public init(
      imageHeight: Int = 28, imageWidth: Int = 28, channels: (first: Int, second: Int) = (32, 64),
      denseWidth: Int = 16, latentSize: Int = 2
    ) {
      precondition(imageHeight % 4 == 0 && imageWidth % 4 == 0, "ConvolutionalVAE: image sides must divide by 4")
      (self.imageHeight, self.imageWidth, self.channels) = (imageHeight, imageWidth, channels)
      (self.denseWidth, self.latentSize) = (denseWidth, latentSize)
    }

    /// The layers' geometries: the encoder's two stride-2 convolutions; the convolutions whose
    /// transposes are the decoder's two stride-2 layers (over those layers' outputs); the
    /// decoder's last, stride-1 convolution.
    var encoder1: ConvGeometry {
      ConvGeometry(height: imageHeight, width: imageWidth, channels: 1, kernel: 3, stride: 2, padding: 1)
    }
    var encoder2: ConvGeometry {
      ConvGeometry(
        height: imageHeight / 2, width: imageWidth / 2, channels: channels.first, kernel: 3, stride: 2, padding: 1)
    }
    var decoder1: ConvGeometry {
      ConvGeometry(
        height: imageHeight / 2, width: imageWidth / 2, channels: channels.second, kernel: 3, stride: 2, padding: 1)
    }
    var decoder2: ConvGeometry {
      ConvGeometry(height: imageHeight, width: imageWidth, channels: channels.first, kernel: 3, stride: 2, padding: 1)
    }
    var output: ConvGeometry {
      ConvGeometry(height: imageHeight, width: imageWidth, channels: channels.first, kernel: 3, stride: 1, padding: 1)
    }
    /// The forward matrix product each weight takes part in, in `parameters` order: a
    /// convolution multiplies the im2col patches [positions, k * k * C_in] by W, a transposed
    /// one the codes [positions, C_in] by W^T, a dense layer one row by W. Per image: rows, inner
    /// and outer size, and whether the product reads the images (then no input gradient is
    /// needed). For FLOP counts: each product costs 2 * rows * inner * outer per pass.
    public var matrixProducts: [(rowsPerImage: Int, inner: Int, outer: Int, readsImages: Bool)] {
      let (c1, c2) = channels
      return [
        (encoder1.positions, encoder1.patchSize, c1, true), (encoder2.positions, encoder2.patchSize, c2, false),
        (1, featureSize, denseWidth, false), (1, denseWidth, latentSize, false), (1, denseWidth, latentSize, false),
        (1, latentSize, featureSize, false), (decoder1.positions, c2, decoder1.patchSize, false),
        (decoder2.positions, c2, decoder2.patchSize, false), (output.positions, output.patchSize, 1, false),
      ]
    }

    /// The 7 x 7 x 64 feature map between the convolutions and the dense layers, flattened.
    var featureSize: Int { (imageHeight / 4) * (imageWidth / 4) * channels.second }

    /// The [rows, columns] of every weight and the length of its bias, in `parameters` order. A
    /// transposed convolution's weight is [k * k * C_out, C_in] and its bias [C_out].
    var weightShapes: [(rows: Int, columns: Int, bias: Int)] {
      let (c1, c2) = channels
      return [
        (encoder1.patchSize, c1, c1), (encoder2.patchSize, c2, c2), (featureSize, denseWidth, denseWidth),
        (denseWidth, latentSize, latentSize), (denseWidth, latentSize, latentSize),
        (latentSize, featureSize, featureSize), (decoder1.patchSize, c2, c2), (decoder2.patchSize, c2, c1),
        (output.patchSize, 1, 1),
      ]
    }
  }

  public let architecture: Architecture
  /// Weights and biases in the order of `Architecture.weightShapes`, each weight then its bias.
  public let parameters: [Variable]

  /// Glorot-uniform weights (Keras' default) and zero biases.
  public init(_ architecture: Architecture, using rng: inout SeededRandom) {
    self.architecture = architecture
    parameters = architecture.weightShapes.flatMap { shape in
      [
        Variable(Initializer.glorotUniform.weights(inputs: shape.rows, outputs: shape.columns, using: &rng),
          requiresGradient: true),
        Variable(Tensor.zeros([shape.bias]), requiresGradient: true),
      ]
    }
  }

  public var latentSize: Int { architecture.latentSize }

  /// Weight and bias of layer `i` (in `weightShapes` order).
  private func layer(_ i: Int) -> (weight: Variable, bias: Variable) { (parameters[2 * i], parameters[2 * i + 1]) }

  public func encode(_ x: Variable, condition c: Tensor? = nil) -> Encoded {
    precondition(c == nil, "ConvolutionalVAE has no condition")
    let a = architecture
    let h1 = conv2d(x, weight: layer(0).weight, bias: layer(0).bias, geometry: a.encoder1, activation: .relu)
    let h2 = conv2d(h1, weight: layer(1).weight, bias: layer(1).bias, geometry: a.encoder2, activation: .relu)
    let h = Variable.dense(h2, weight: layer(2).weight, bias: layer(2).bias, activation: .relu)  // [B, 16]
    return Encoded(
      mean: Variable.dense(h, weight: layer(3).weight, bias: layer(3).bias, activation: .identity),
      logVariance: Variable.dense(h, weight: layer(4).weight, bias: layer(4).bias, activation: .identity))
  }

  public func decodeLogits(_ z: Variable, condition c: Tensor? = nil) -> Variable {
    precondition(c == nil, "ConvolutionalVAE has no condition")
    let a = architecture
    let f = Variable.dense(z, weight: layer(5).weight, bias: layer(5).bias, activation: .relu)  // [B, 7*7*64]
    let u1 = conv2dTranspose(f, weight: layer(6).weight, bias: layer(6).bias, geometry: a.decoder1, activation: .relu)
    let u2 = conv2dTranspose(u1, weight: layer(7).weight, bias: layer(7).bias, geometry: a.decoder2, activation: .relu)
    return conv2d(u2, weight: layer(8).weight, bias: layer(8).bias, geometry: a.output)  // [B, H*W]
  }
}
