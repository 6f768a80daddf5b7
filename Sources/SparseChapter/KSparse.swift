// Slide "K-sparse Autoencoder": tied weights, z = x W + b (linear), keep the k largest of each
// code and zero the rest (z*), decode x' = sigmoid(z* W^T + b'), error ||x - x'||^2, and
// backpropagate through the k kept units; at encoding keep alpha k (alpha > 1). Checked: the
// number of non-zeros in training and at encoding, the gradient of the whole tied model
// against finite differences, and how the test error falls as k grows.

import Autodiff
import AutoencoderKit
import Datasets
import Foundation
import Lecture
import NeuralNet
import Plotting
import Stochastic
import TensorCore

extension SparseChapter {
  /// The tied k-sparse model's per-image squared error on rows x, with `keep` units kept.
  static func kSparseLoss(_ model: TiedAutoencoder, _ x: Tensor, keep: Int) -> Variable {
    l2Loss(model.decode(kSparse(model.encode(Variable(x)), k: keep)), x)
  }

  /// The largest |non-zeros - target| over the rows of a code z [B, n].
  package static func nonZeroDeviation(_ z: Tensor, target: Int) -> Int {
    (0..<z.shape[0]).map { r in abs((0..<z.shape[1]).filter { z[r, $0] != 0 }.count - target) }.max() ?? 0
  }

  static func kSparseCodes(_ run: ChapterRun, train: LabeledImages, test: LabeledImages, config: Config) throws {
    run.section("K-sparse Autoencoder: keep the k largest of z = x W + b, decode with W^T (tied)")
    let slide = "K-sparse Autoencoder"

    // The gradient of a small tied k-sparse model. Finite differences are only meaningful away
    // from a change of the kept set (as for L1 at its kink): the point is drawn until every
    // row's k-th and (k+1)-th largest z differ by more than 0.05, five times the largest change
    // a step of 1e-2 in W or b can make in z (inputs in [0, 0.2), 10 of them).
    var rng = run.random("ksparse-check")
    let (b, dIn, n, k) = (4, 10, 8, 3)
    func draw() -> (x: Tensor, w: Tensor, be: Tensor, bd: Tensor) {
      (Tensor.uniform([b, dIn], high: 0.2, using: &rng), Tensor.normal([dIn, n], using: &rng),
       Tensor.normal([n], standardDeviation: 0.5, using: &rng), Tensor.normal([dIn], standardDeviation: 0.1, using: &rng))
    }
    var point = draw()
    while smallestSelectionGap(Variable.matmul(Variable(point.x), Variable(point.w)).value + point.be, k: k) <= 0.05 {
      point = draw()
    }
    let x = point.x
    run.gradientRow("tied k-sparse AE (W, b, b'), k = \(k) of \(n)", slide: slide, checkGradients(at: [point.w, point.be, point.bd]) { p in
      let model = TiedAutoencoder(weight: p[0], encoderBias: p[1], decoderBias: p[2], encoderActivation: .identity, decoderActivation: .sigmoid)
      return kSparseLoss(model, x, keep: k)
    })

    // Training one tied model per k.
    let d = train.images.shape[1]
    let images = train.images.rows(0..<min(config.kTrainCount, train.count))
    run.say("tied \(d)-\(config.kHidden)-\(d), linear code, sigmoid output, squared error per image; Adam lr 1e-3, batch \(config.batch), \(config.kEpochs) epochs on \(images.shape[0]) images; encoding keeps alpha k, alpha = \(config.alpha)")
    var errors: [(k: Int, train: Double, alpha: Double)] = []
    for kk in config.kValues {
      var initial = run.random("ksparse-init")  // the same initial weights for every k
      let model = TiedAutoencoder(d, config.kHidden, encoderActivation: .identity, decoderActivation: .sigmoid, using: &initial)
      var adam = Adam(learningRate: 1e-3)
      var shuffle = run.random("ksparse-shuffle")
      try Trainer(name: "k-sparse AE (k = \(kk))", epochs: config.kEpochs, batchSize: config.batch)
        .fit(sampleCount: images.shape[0], parameters: model.parameters, optimizer: &adam, using: &shuffle) { batch in
          kSparseLoss(model, images.rows(batch), keep: kk)
        }

      // The codes of a training batch, as training computes them, and at encoding (alpha k).
      let batch = images.rows(0..<min(256, images.shape[0]))
      let trainingCodes = kSparse(model.encode(Variable(batch)), k: kk).value
      // The test set is encoded once; the k and alpha k codes are both cut from it.
      let testCodes = inChunks(test.images) { model.encode(Variable($0)).value }  // z [N, n]
      let encodingCodes = kSparse(Variable(testCodes), k: config.alpha * kk).value
      run.check("k = \(kk): max |non-zeros - k| over \(trainingCodes.shape[0]) training codes", slide: slide,
                expected: 0, observed: Double(nonZeroDeviation(trainingCodes, target: kk)), tolerance: .absolute(0))
      run.check("k = \(kk): max |non-zeros - alpha k| over \(encodingCodes.shape[0]) test codes at encoding", slide: slide,
                expected: 0, observed: Double(nonZeroDeviation(encodingCodes, target: config.alpha * kk)), tolerance: .absolute(0))

      func testError(_ codes: Tensor) -> Double {
        meanSquaredError(inChunks(codes) { model.decode(Variable($0)).value }, test.images)
      }
      let (atK, atAlphaK) = (testError(kSparse(Variable(testCodes), k: kk).value), testError(encodingCodes))
      errors.append((kk, atK, atAlphaK))
      run.say(String(format: "k = %d: test MSE per pixel %.5f with k kept, %.5f with alpha k = %d kept", kk, atK, atAlphaK, config.alpha * kk))
    }
    if let first = errors.first, let last = errors.last, errors.count > 1 {
      run.check("test MSE with k = \(last.k) kept <= with k = \(first.k) kept", slide: slide, expected: first.train, observed: last.train, tolerance: .atMost(margin: 0))
    }
    try run.figure(.lines(
      name: "ksparse-error", title: "K-sparse AE: test reconstruction error against k",
      series: [
        ("k kept (as trained)", errors.map { Double($0.k) }, errors.map(\.train)),
        ("alpha k kept (encoding, alpha = \(config.alpha))", errors.map { Double($0.k) }, errors.map(\.alpha)),
      ],
      xLabel: "k (units kept in training)", yLabel: "test MSE per pixel", logY: true))
  }

  /// The smallest gap, over rows of z [B, n], between the k-th and (k+1)-th largest value.
  static func smallestSelectionGap(_ z: Tensor, k: Int) -> Float {
    var gap = Float.infinity
    for r in 0..<z.shape[0] {
      let sorted = (0..<z.shape[1]).map { z[r, $0] }.sorted(by: >)
      gap = min(gap, sorted[k - 1] - sorted[k])
    }
    return gap
  }
}
