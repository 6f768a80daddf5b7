// The formulas of the pca chapter that a lecturer can get wrong, in one place: `honest`, or
// `planted(mistake)` with one entry of the catalogue swapped in. The sections compute with the
// value they are handed; the library (PrincipalComponents) stays honest, and a wrong variant
// is built here from its parts.

import Autodiff
import Foundation
import Lecture
import LinearAlgebra
import NeuralNet
import TensorCore

extension PCAChapter {
  public static let mistakes: [Mistake] = [
    Mistake(
      "eigenvalues-ascending", slide: "PCA for Dimension Reduction",
      wrong: "eigenvalues and eigenvectors kept in the ascending order the eigensolver returns, so the "
        + "'first k' components are the k smallest",
      catches: [
        "lambda_1 = sigma_major^2", "lambda_2 = sigma_minor^2", "major axis angle (degrees)",
        "SVD s_i^2/(N-1) = eigenvalue, top 100, max rel diff", "SVD vs eigenvectors, k = 10: largest angle (rad)",
        "top-10 eigenvectors <= best of 20 random W", "a 0.05 tilt of the eigenvectors raises the error",
        "network error >= PCA error (Eckart-Young bound)", "span(W_2^T) vs top-8 eigenvectors: largest angle (deg)",
      ]),
    Mistake(
      "covariance-over-n", slide: "PCA Formulation",
      wrong: "the covariance C divided by N where the sample covariance has N - 1",
      catches: [
        "cov(Y) diagonal = eigenvalues, max err / lambda_1", "whitened cov = I, max |cov - I|",
        "k = 2: ||X - XWW^T||^2 / N = sum discarded lambda", "k = 10: ||X - XWW^T||^2 / N = sum discarded lambda",
        "k = 100: ||X - XWW^T||^2 / N = sum discarded lambda", "k = 506: ||X - XWW^T||^2 / N = sum discarded lambda",
        "SVD s_i^2/(N-1) = eigenvalue, top 100, max rel diff", "PCA-1 error = lambda_2 (what a line must discard)",
      ]),
    Mistake(
      "analysis-without-centring", slide: "PCA Formulation",
      wrong: "analysis Y = A^T X: the data not centred (m not subtracted) before projecting",
      catches: [
        "cov(Y) off-diagonal, max |c_ij| / lambda_1", "cov(Y) diagonal = eigenvalues, max err / lambda_1",
        "whitened cov = I, max |cov - I|", "synthesis X = A Y + m, max |error|",
        "PCA-1 error = lambda_2 (what a line must discard)",
      ]),
    Mistake(
      "synthesis-without-mean", slide: "PCA Formulation",
      wrong: "synthesis X = A Y: the mean m not added back",
      catches: [
        "synthesis X = A Y + m, max |error|", "samples of N(m, C): E||x - m||^2 = trace C",
        "samples of N(m, C): variance along a_1 = lambda_1", "PCA-1 error = lambda_2 (what a line must discard)",
      ]),
    Mistake(
      "sampling-with-variance", slide: "PCA Formulation",
      wrong: "samples x = m + A Lambda z: the variances where their square roots belong (sigma^2 for sigma)",
      catches: [
        "samples of N(m, C): E||x - m||^2 = trace C", "samples of N(m, C): variance along a_1 = lambda_1",
        "lambda_1 = sigma_major^2",
      ]),
    Mistake(
      "whitening-by-variance", slide: "PCA Formulation",
      wrong: "whitening divides each code by lambda_i instead of sqrt(lambda_i)",
      catches: ["whitened cov = I, max |cov - I|"]),
    Mistake(
      "svd-eigenvalue-over-n", slide: "PCA - MSE Perspective",
      wrong: "eigenvalues from the singular values of the centred data as s_i^2 / N instead of s_i^2 / (N - 1)",
      catches: ["SVD s_i^2/(N-1) = eigenvalue, top 100, max rel diff"]),
    Mistake(
      "linear-network-uncentred", slide: "PCA as MLP",
      wrong: "the bias-free linear network trained on the raw images, not on X - m",
      catches: ["network error within 1% of PCA-8", "span(W_2^T) vs top-8 eigenvectors: largest angle (deg)"]),
    Mistake(
      "squared-error-gradient-without-2", slide: "PCA as MLP",
      wrong: "the backward of the squared error ||x W_1 W_2 - x||^2 as r where 2 r belongs (its value right)",
      catches: [linearNetworkGradientName]),
    Mistake(
      "limitation-autoencoder-linear", slide: "PCA Limitation",
      wrong: "the 'nonlinear' 1-D autoencoder built with identity activations, a linear map like PCA",
      catches: ["1-D autoencoder error <= 0.2 x PCA-1 error"]),
  ]

  /// The formulas the sections use; each closure is one place a mistake can be planted.
  package struct Formulas {
    /// PCA of data X [N, d]: mean, eigenvalues of the sample covariance (1/(N-1)), descending.
    package var fit: (Matrix) throws -> PrincipalComponents
    /// Analysis Y_k = (X - m) A_k.
    package var project: (PrincipalComponents, Matrix, Int) -> Matrix
    /// Synthesis X = Y A_k^T + m.
    package var reconstruct: (PrincipalComponents, Matrix) -> Matrix
    /// The standard deviation that scales a standard normal along an axis of variance lambda.
    package var standardDeviation: (Double) -> Double
    /// The factor that whitens a code of variance lambda, 1 / sqrt(lambda).
    package var whiteningScale: (Double) -> Double
    /// An eigenvalue of the covariance from a singular value s of the centred N-row data.
    package var eigenvalueFromSingularValue: (_ s: Double, _ n: Int) -> Double
    /// The linear network's inputs from the data and the mean.
    package var networkInputs: (Matrix, [Double]) -> Matrix
    /// The hidden activation of the limitation example's 1-D autoencoder.
    package var curveActivation: Activation
    /// The linear network's loss from its residuals r = x W_1 W_2 - x [B, d]: the mean over the
    /// rows of ||r||^2.
    package var networkLoss: (Variable) -> Variable

    package static var honest: Formulas {
      Formulas(
        fit: { try PrincipalComponents(fitting: $0) },
        project: { pca, x, k in pca.project(x, components: k) },
        reconstruct: { pca, y in pca.reconstruct(y) },
        standardDeviation: { $0.squareRoot() },
        whiteningScale: { 1 / $0.squareRoot() },
        eigenvalueFromSingularValue: { s, n in s * s / Double(n - 1) },
        networkInputs: { x, mean in x.centered(by: mean) },
        curveActivation: .tanh,
        networkLoss: { $0.squared().sum(axis: 1).mean() })
    }

    /// The formulas with `mistake` planted (honest for nil).
    package static func planted(_ mistake: Mistake?) -> Formulas {
      var f = honest
      switch mistake?.name {
      case "eigenvalues-ascending":
        f.fit = { x in
          let fit = try PrincipalComponents(fitting: x)
          let d = fit.dimension
          return PrincipalComponents(
            mean: fit.mean, variances: fit.variances.reversed(),
            axes: fit.axes.columns(Array((0..<d).reversed())), sampleCount: fit.sampleCount)
        }
      case "covariance-over-n":
        f.fit = { x in
          let fit = try PrincipalComponents(fitting: x)
          let n = Double(fit.sampleCount)
          return PrincipalComponents(
            mean: fit.mean, variances: fit.variances.map { $0 * (n - 1) / n }, axes: fit.axes,
            sampleCount: fit.sampleCount)
        }
      case "analysis-without-centring":
        f.project = { pca, x, k in matmul(x, pca.basis(k)) }
      case "synthesis-without-mean":
        f.reconstruct = { pca, y in matmul(y, pca.basis(y.columns), transposeB: true) }
      case "sampling-with-variance":
        f.standardDeviation = { $0 }
      case "whitening-by-variance":
        f.whiteningScale = { 1 / $0 }
      case "svd-eigenvalue-over-n":
        f.eigenvalueFromSingularValue = { s, n in s * s / Double(n) }
      case "linear-network-uncentred":
        f.networkInputs = { x, _ in x }
      case "squared-error-gradient-without-2":
        // The loss's value is right, its gradient half: Adam's steps hardly change (they do not
        // depend on the gradient's scale), only the gradient row sees it.
        f.networkLoss = { r in
          let value = r.squared().sum(axis: 1).mean().value
          let b = Float(r.shape[0])
          return Variable(op: "squared error without its 2", value: value, inputs: [r]) { g in
            [r.value * (g.scalar / b)]
          }
        }
      case "limitation-autoencoder-linear":
        f.curveActivation = .identity
      default:
        break
      }
      return f
    }
  }
}
