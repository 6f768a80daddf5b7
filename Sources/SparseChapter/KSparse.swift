// Slide "K-sparse Autoencoder": tied weights, z = x W + b (linear), keep the k largest of each
// code and zero the rest (z*), decode x' = sigmoid(z* W^T + b'), error ||x - x'||^2, and
// backpropagate through the k kept units; at encoding keep alpha k (alpha > 1). Checked: the
// linear code against x W + b in Double, the number of non-zeros in training and at encoding
// and that they are the largest entries (a sort of each row, independent of the selection op),
// the gradient of the whole tied model against finite differences, and how the test error
// falls as k grows.

import Autodiff
import AutoencoderKit
import Datasets
import Foundation
import Lecture
import LectureChecks
import NeuralNet
import Plotting
import Stochastic
import TensorCore

extension SparseChapter {
  /// The tied k-sparse model's per-image squared error on rows x, with `keep` units kept.
  static func kSparseLoss(_ model: TiedAutoencoder, _ x: Tensor, keep: Int, formulas: Formulas = .honest) -> Variable {
    l2Loss(model.decode(formulas.keep(model.encode(Variable(x)), keep)), x)
  }

  /// The largest |non-zeros - target| over the rows of a code z [B, n].
  package static func nonZeroDeviation(_ z: Tensor, target: Int) -> Int {
    (0..<z.shape[0]).map { r in abs((0..<z.shape[1]).filter { z[r, $0] != 0 }.count - target) }.max() ?? 0
  }

  /// The name of the check of the linear code z = x W + b.
  package static func linearCodeName(k: Int) -> String {
    "z = x W + b of the k = \(k) model: encoder (Float) vs Double, max |diff| / (sum_j |x_j W_jl| + |b_l|)"
  }

  /// The slide's code z = f(W^T x + b), f the identity: the trained model's encoder, in Float,
  /// against x W + b summed in Double from the same Float weights. Any order of a Float sum of
  /// n = D + 1 terms is within n u (u = 2^-24) of the exact sum, relative to the sum of their
  /// magnitudes; a non-linear f, a missing bias or a transposed W is far outside.
  package static func linearCodeCheck(_ run: ChapterRun, k: Int, model: TiedAutoencoder, images x: Tensor) {
    let z = model.encode(Variable(x)).value  // [B, n]
    let (w, b) = (model.weight.value, model.encoderBias.value)  // [D, n], [n]
    let (rows, d, n) = (x.shape[0], x.shape[1], w.shape[1])
    var worst = 0.0
    for r in 0..<rows {
      var exact = b.storage.map(Double.init)
      var magnitude = b.storage.map { abs(Double($0)) }
      for j in 0..<d {
        let xj = Double(x[r, j])
        guard xj != 0 else { continue }
        for l in 0..<n {
          let term = xj * Double(w.storage[j * n + l])
          exact[l] += term
          magnitude[l] += abs(term)
        }
      }
      for l in 0..<n { worst = max(worst, abs(Double(z[r, l]) - exact[l]) / max(magnitude[l], .leastNormalMagnitude)) }
    }
    run.check(
      linearCodeName(k: k), slide: "K-sparse Autoencoder", expected: 0, observed: worst,
      tolerance: .absolute(Double(d + 1) * 0x1p-24))
  }

  /// The name of the check of the number of non-zeros.
  package static func nonZerosName(k: Int, atEncoding: Bool) -> String {
    atEncoding
      ? "k = \(k): max |non-zeros - alpha k| over test codes at encoding"
      : "k = \(k): max |non-zeros - k| over training codes"
  }

  /// The name of the check that the kept entries are the k (or alpha k) largest.
  package static func keepsLargestName(k: Int, atEncoding: Bool) -> String {
    atEncoding
      ? "k = \(k): test codes at encoding keep the alpha k largest of z (rows unlike a sort)"
      : "k = \(k): training codes keep the k largest of z (rows unlike a sort)"
  }

  /// The rows of z [B, n] whose kept code differs from "the `keep` largest entries of the row
  /// as they are, every other entry 0", the kept set found by sorting the row (independent of
  /// the selection op). An entry equal to the cut may be kept or not (Float codes do tie, if
  /// rarely, and which of equal entries to keep is a choice); how many are kept is the other row's.
  package static func rowsNotKeepingTheLargest(z: Tensor, kept: Tensor, keep: Int) -> Int {
    (0..<z.shape[0]).filter { r in
      let row = (0..<z.shape[1]).map { z[r, $0] }
      let cut = row.sorted(by: >)[keep - 1]
      return row.indices.contains { j in
        row[j] > cut ? kept[r, j] != row[j] : (row[j] < cut ? kept[r, j] != 0 : kept[r, j] != row[j] && kept[r, j] != 0)
      }
    }.count
  }

  /// The selection checks of one k: the number of non-zeros, and that they are the largest,
  /// for training codes z (k kept) and test codes (alpha k kept at encoding).
  package static func selectionChecks(
    _ run: ChapterRun, k: Int, alpha: Int, trainingZ: Tensor, testZ: Tensor, formulas: Formulas = .honest
  ) -> (training: Tensor, encoding: Tensor) {
    let slide = "K-sparse Autoencoder"
    let trainingCodes = formulas.keep(Variable(trainingZ), formulas.alphaInTraining ? alpha * k : k).value
    let encodingCodes = formulas.keep(Variable(testZ), formulas.keptAtEncoding(k, alpha)).value
    run.check(
      nonZerosName(k: k, atEncoding: false), slide: slide,
      expected: 0, observed: Double(nonZeroDeviation(trainingCodes, target: k)), tolerance: .absolute(0))
    run.check(
      keepsLargestName(k: k, atEncoding: false), slide: slide,
      expected: 0, observed: Double(rowsNotKeepingTheLargest(z: trainingZ, kept: trainingCodes, keep: k)),
      tolerance: .absolute(0))
    run.check(
      nonZerosName(k: k, atEncoding: true), slide: slide,
      expected: 0, observed: Double(nonZeroDeviation(encodingCodes, target: alpha * k)), tolerance: .absolute(0))
    run.check(
      keepsLargestName(k: k, atEncoding: true), slide: slide,
      expected: 0, observed: Double(rowsNotKeepingTheLargest(z: testZ, kept: encodingCodes, keep: alpha * k)),
      tolerance: .absolute(0))
    return (trainingCodes, encodingCodes)
  }

  /// The gradient of a small tied k-sparse model.
  package static func kSparseGradientCheck(_ run: ChapterRun, formulas: Formulas = .honest) {
    let slide = "K-sparse Autoencoder"

    // The gradient of a small tied k-sparse model. Finite differences are only meaningful away
    // from a change of the kept set (as for L1 at its kink): the point is drawn until every
    // row's k-th and (k+1)-th largest z differ by more than 0.05, five times the largest change
    // a step of 1e-2 in W or b can make in z (inputs in [0, 0.2), 10 of them).
    var rng = run.random("ksparse-check")
    let (b, dIn, n, k) = (4, 10, 8, 3)
    func draw() -> (x: Tensor, w: Tensor, be: Tensor, bd: Tensor) {
      (
        Tensor.uniform([b, dIn], high: 0.2, using: &rng), Tensor.normal([dIn, n], using: &rng),
        Tensor.normal([n], standardDeviation: 0.5, using: &rng),
        Tensor.normal([dIn], standardDeviation: 0.1, using: &rng)
      )
    }
    var point = draw()
    // Both ends of each row separated, so a selection of the smallest is as well-posed.
    func gap(_ z: Tensor) -> Float { min(smallestSelectionGap(z, k: k), smallestSelectionGap(z * -1, k: k)) }
    while gap(Variable.matmul(Variable(point.x), Variable(point.w)).value + point.be) <= 0.05 {
      point = draw()
    }
    let x = point.x
    run.gradientRow(
      "tied k-sparse AE (W, b, b'), k = \(k) of \(n)", slide: slide,
      checkGradients(at: [point.w, point.be, point.bd]) { p in
        let model = TiedAutoencoder(
          weight: p[0], encoderBias: p[1], decoderBias: p[2], encoderActivation: .identity, decoderActivation: .sigmoid)
        return kSparseLoss(model, x, keep: k, formulas: formulas)
      })
  }

  static func kSparseCodes(
    _ run: ChapterRun, train: LabeledImages, test: LabeledImages, config: Config, formulas: Formulas
  ) throws {
    run.section("K-sparse Autoencoder: keep the k largest of z = x W + b, decode with W^T (tied)")
    let slide = "K-sparse Autoencoder"
    kSparseGradientCheck(run, formulas: formulas)

    // Training one tied model per k.
    let d = train.images.shape[1]
    let images = train.images.rows(0..<min(config.kTrainCount, train.count))
    run.say(
      "tied \(d)-\(config.kHidden)-\(d), linear code, sigmoid output, squared error per image; Adam lr 1e-3, batch "
        + "\(config.batch), \(config.kEpochs) epochs on \(images.shape[0]) images; encoding keeps alpha k, alpha = "
        + "\(config.alpha)"
    )
    var errors: [(k: Int, train: Double, alpha: Double)] = []
    var perImageErrors: [[Double]] = []  // per test image, k kept, for each k
    for kk in config.kValues {
      var initial = run.random("ksparse-init")  // the same initial weights for every k
      let model = TiedAutoencoder(
        d, config.kHidden, encoderActivation: formulas.codeActivation, decoderActivation: .sigmoid, using: &initial)
      var adam = Adam(learningRate: 1e-3)
      var shuffle = run.random("ksparse-shuffle")
      try Trainer(name: "k-sparse AE (k = \(kk))", epochs: config.kEpochs, batchSize: config.batch)
        .fit(sampleCount: images.shape[0], parameters: model.parameters, optimizer: &adam, using: &shuffle) { batch in
          let trained = formulas.trainedK(kk, config.kValues[0])
          return kSparseLoss(
            model, images.rows(batch), keep: formulas.alphaInTraining ? config.alpha * trained : trained,
            formulas: formulas)
        }

      // The codes of a training batch, as training computes them, and at encoding (alpha k);
      // the test set is encoded once and both cuts are made from it.
      let batch = images.rows(0..<min(256, images.shape[0]))
      if kk == config.kValues[0] {
        linearCodeCheck(run, k: kk, model: model, images: batch.rows(0..<min(64, batch.rows)))
      }
      let testCodes = inChunks(test.images) { model.encode(Variable($0)).value }  // z [N, n]
      let encodingCodes = selectionChecks(
        run, k: kk, alpha: config.alpha, trainingZ: model.encode(Variable(batch)).value, testZ: testCodes,
        formulas: formulas
      ).encoding

      func testErrors(_ codes: Tensor) -> [Double] {
        perImageMeanSquaredError(inChunks(codes) { model.decode(Variable($0)).value }, test.images)
      }
      let (byImage, byImageAlpha) = (
        testErrors(formulas.keep(Variable(testCodes), kk).value), testErrors(encodingCodes)
      )
      perImageErrors.append(byImage)
      let (atK, atAlphaK) = (
        byImage.reduce(0, +) / Double(byImage.count), byImageAlpha.reduce(0, +) / Double(byImageAlpha.count)
      )
      errors.append((kk, atK, atAlphaK))
      run.say(
        String(
          format: "k = %d: test MSE per pixel %.5f with k kept, %.5f with alpha k = %d kept", kk, atK, atAlphaK,
          config.alpha * kk))
    }
    if let first = errors.first, let last = errors.last, errors.count > 1 {
      run.pairedLower(
        "test MSE with k = \(last.k) kept below with k = \(first.k) kept", slide: slide,
        perImageErrors[errors.count - 1], than: perImageErrors[0])
    }
    try run.figure(
      .lines(
        name: "ksparse-error", title: "K-sparse AE: test reconstruction error against k\(run.settingsNote)",
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
