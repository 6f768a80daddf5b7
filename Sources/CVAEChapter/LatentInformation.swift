// What the code carries. In the plain VAE, z must say which class an image is, since the
// decoder knows nothing else; in the CVAE the decoder is told c, so z need not (and, pushed
// towards N(0, I) by the KL for every c alike, should not) carry it. Measured as the accuracy
// of predicting the label from the code: k nearest neighbours among the codes (means of q) of
// labelled training images, on the test images' codes. Chance is 1/C. The two accuracies are
// compared on the same test images, with the standard error of the per-image difference.

import Autodiff
import Datasets
import Foundation
import LatentModels
import Lecture
import LinearAlgebra
import NeuralNet
import Plotting
import Probability
import TensorCore
import TensorMatrix

extension CVAEChapter {
  package static func latentInformation(
    _ run: ChapterRun, models: Models, train: LabeledImages, test: LabeledImages, config: Config,
    seams: Seams = .honest
  ) throws {
    run.section("CVAE vs VAE: how much of the label the code z carries")
    let slide = "Conditional Variational Autoencoder (CVAE)"
    let classes = test.classNames.count
    let reference = train.prefix(config.referenceCount)
    func codes(_ model: GaussianVAE, _ images: LabeledImages) -> Tensor {
      let condition = model.conditionSize > 0 ? oneHot(images.labels, classes: classes) : nil
      return seams.latentCode(model.encode(Variable(images.images), condition: condition).mean.value, condition)
    }
    var accuracies: [Double] = []
    var hits: [[Double]] = []
    for (name, model) in [("VAE", models.vae), ("CVAE", models.cvae)] {
      let (referenceCodes, testCodes) = (codes(model, reference), codes(model, test))
      let predicted = NearestNeighborClassifier(
        points: Matrix(referenceCodes), labels: reference.labels, k: config.neighbours
      )
      .predict(Matrix(testCodes))
      let correct = zip(predicted, test.labels).map { $0 == $1 ? 1.0 : 0.0 }
      let accuracy = correct.reduce(0, +) / Double(correct.count)
      accuracies.append(accuracy)
      hits.append(correct)
      run.say(
        String(
          format: "%@: label predicted from z by %d-NN among %d training codes: test accuracy %.4f (chance %.2f)",
          name, config.neighbours, reference.count, accuracy, 1 / Double(classes)))
      let shown = min(test.count, 5_000)
      guard config.latentSize >= 2 else { continue }  // no plane to draw a one-number code in
      let which = config.latentSize == 2 ? "means" : "z_1 and z_2 of the means"
      try run.figure(
        .scatterByClass(
          name: "cvae-latent-\(name.lowercased())",
          title: "\(name): \(which) of q(z|x\(name == "VAE" ? "" : ",c")) of \(shown) test images\(run.settingsNote)",
          x: (0..<shown).map { Double(testCodes[$0, 0]) }, y: (0..<shown).map { Double(testCodes[$0, 1]) },
          labels: Array(test.labels.prefix(shown)), classNames: test.classNames, xLabel: "z_1", yLabel: "z_2"))
    }
    // The same test images for both models: the standard error of the per-image difference.
    let difference = MeanEstimate(zip(hits[1], hits[0]).map { $0 - $1 })
    run.check(
      "the label from z: CVAE k-NN accuracy <= VAE's (4 paired SE)", slide: slide,
      expected: accuracies[0], observed: accuracies[1], tolerance: .atMost(margin: 4 * difference.standardError))
  }
}
