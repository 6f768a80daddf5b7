// Slide "Autoencoder for Dimension Reduction: Left (PC1 and PC2), Right: AE
// (784-1000-500-250-2)" (Hinton & Salakhutdinov 2006, Fig. 3). Both maps send an image to a
// point in the plane; the question is which keeps the classes apart. Scored by the accuracy
// of a k-NN classifier in the plane: reference points are training images, queries are
// held-out test images, so the score measures the map, not memorisation.

import Autodiff
import AutoencoderKit
import Datasets
import Foundation
import Lecture
import LinearAlgebra
import NeuralNet
import Plotting
import TensorCore
import TensorMatrix

extension AutoencoderChapter {
  static func twoDimensionalCode(
    _ run: ChapterRun, pca: PrincipalComponents, train: LabeledImages, test: LabeledImages, config: Config,
    formulas: Formulas = .honest
  ) throws {
    run.section("Autoencoder for Dimension Reduction: PC1/PC2 vs the 2-D code of 784-1000-500-250-2")
    let slide = "AE for Dimension Reduction"
    var rng = run.random("code-2d")
    let d = train.images.shape[1]
    let model = DenseAutoencoder(
      name: "2-D code", sizes: [d, 1000, 500, 250, 2], codeActivation: .identity, using: &rng)
    let start = Date()
    let images = train.prefix(config.codeCount).images
    let curve = try trainBinaryCrossEntropy(
      name: model.architecture, parameters: model.parameters, logits: { formulas.trained(model.logits($0)) },
      inputs: images, testInputs: test.images, epochs: config.codeEpochs, batchSize: config.codeBatch,
      learningRate: config.codeLearningRate, using: &rng)
    run.timing(String(format: "%@: %.1f s", model.architecture, Date().timeIntervalSince(start)))
    run.say(
      String(
        format: "%@: %d epochs on %d images (batch %d); test binary cross-entropy %.4f",
        model.architecture, config.codeEpochs, images.shape[0], config.codeBatch, curve.last?.test ?? .nan))

    let reference = train.prefix(config.knnReference)
    let queries = test.prefix(config.knnQueries)
    let aeReference = Matrix(inChunks(reference.images) { model.code(Variable($0)).value })
    let aeQueries = Matrix(inChunks(queries.images) { model.code(Variable($0)).value })
    let pcReference = pca.project(Matrix(reference.images), components: 2)
    let pcQueries = pca.project(Matrix(queries.images), components: 2)
    let k = config.knnK
    let aeAccuracy = NearestNeighborClassifier(points: aeReference, labels: reference.labels, k: k).accuracy(
      aeQueries, labels: queries.labels)
    let pcAccuracy = NearestNeighborClassifier(points: pcReference, labels: reference.labels, k: k).accuracy(
      pcQueries, labels: queries.labels)
    // Binomial standard error of an accuracy measured on n queries.
    let n = Double(queries.count)
    let se = ((aeAccuracy * (1 - aeAccuracy) + pcAccuracy * (1 - pcAccuracy)) / n).squareRoot()
    run.say(
      String(
        format:
          "%d-NN accuracy on %d held-out images (%d reference points): PC1/PC2 %.3f, AE code %.3f (chance %.3f); "
          + "difference %.3f, standard error %.3f",
        k, queries.count, reference.count, pcAccuracy, aeAccuracy, 1 / Double(train.classNames.count),
        aeAccuracy - pcAccuracy, se))
    run.check(
      "\(k)-NN accuracy: AE 2-D code > PC1/PC2 (+4 SE)", slide: slide,
      expected: pcAccuracy + 4 * se, observed: aeAccuracy, tolerance: .atLeast(margin: 0))

    try run.figure(
      .scatterByClass(
        name: "ae-pc-scatter", title: String(format: "Test images on PC1 / PC2 (%d-NN accuracy %.2f)", k, pcAccuracy),
        x: pcQueries.column(0), y: pcQueries.column(1), labels: queries.labels, classNames: test.classNames,
        xLabel: "PC1", yLabel: "PC2"))
    // The code has long thin tails (trousers, sandals) that would squeeze the crowded classes
    // into a corner: the axes span the 1st to 99th percentile of each coordinate, padded by a
    // tenth, and the title counts the points left outside.
    let (z1, z2) = (aeQueries.column(0), aeQueries.column(1))
    func window(_ v: [Double]) -> ClosedRange<Double> {
      let sorted = v.sorted()
      let (lo, hi) = (sorted[sorted.count / 100], sorted[sorted.count - 1 - sorted.count / 100])
      let pad = 0.1 * Swift.max(hi - lo, 1e-9)
      return (lo - pad)...(hi + pad)
    }
    let (r1, r2) = (window(z1), window(z2))
    let outside = zip(z1, z2).filter { !r1.contains($0) || !r2.contains($1) }.count
    var scatter = Figure.scatterByClass(
      name: "ae-code-scatter",
      title: String(
        format: "Test images in the autoencoder's 2-D code (%d-NN accuracy %.2f)\naxes: the 1st to 99th percentiles; "
          + "%d of %d points lie outside", k, aeAccuracy, outside, z1.count),
      x: z1, y: z2, labels: queries.labels, classNames: test.classNames, xLabel: "z_1", yLabel: "z_2")
    scatter.commands += [
      "set xrange [\(r1.lowerBound):\(r1.upperBound)]", "set yrange [\(r2.lowerBound):\(r2.upperBound)]",
    ]
    try run.figure(scatter)
  }
}
