// Beyond the slides' pictures, their example "articles coded by 2000-D bag-of-words vectors
// (AE vs LSA); AE: 2000-500-250-125-2" (Hinton & Salakhutdinov 2006, Fig. 4), on a corpus the
// project generates from a known topic model (Datasets/TopicCorpus.swift): each document's
// label is the topic it was mostly drawn from. LSA (truncated SVD of tf-idf) gives the linear
// 2-D map, the autoencoder the nonlinear one; k-NN accuracy on held-out documents scores both.

import Autodiff
import AutoencoderKit
import Datasets
import Foundation
import Lecture
import LectureChecks
import LinearAlgebra
import NeuralNet
import Plotting
import Stochastic
import TensorCore
import TensorMatrix

extension AutoencoderChapter {
  /// LSA's rank-2 truncation error on the tf-idf rows X of `counts`, against the discarded
  /// squared singular values (Eckart-Young), both in Double.
  package static func lsaTruncationCheck(
    _ run: ChapterRun, lsa: LatentSemanticAnalysis, counts: Matrix, formulas: Formulas = .honest
  ) {
    let x = lsa.tfidf(counts)
    let truncationError = squaredResidual(x, encoder: lsa.basis, decoder: lsa.basis.transposed)
    run.check(
      "LSA rank-2 error ||X - X V_2 V_2^T||^2 = sum discarded sigma^2", slide: "Beyond the slides",
      expected: formulas.discardedEnergy(lsa), observed: truncationError, tolerance: .relative(1e-8))
  }

  /// The bag-of-words AE's loss, softmax cross-entropy against word proportions, its backward
  /// against finite differences (targets that need not sum to 1, as the op allows).
  package static func softmaxGradientRow(_ run: ChapterRun, formulas: Formulas = .honest) {
    var checkRandom = run.random("softmax-check")
    let target = Tensor.uniform([3, 7], using: &checkRandom)
    let logits = Tensor.normal([3, 7], using: &checkRandom)
    run.gradientRow(
      "softmax cross-entropy", slide: "Beyond the slides",
      checkGradients(at: [logits]) {
        formulas.softmaxCrossEntropy($0[0], target)
      })
  }

  static func bagOfWords(_ run: ChapterRun, config: Config, formulas: Formulas = .honest) throws {
    run.section("Beyond the slides: bag-of-words AE (2000-500-250-125-2) vs LSA")
    let slide = "AE for Dimension Reduction"
    var corpusRandom = run.random("topic-corpus")
    let corpus = TopicCorpus(documents: config.corpusTrain + config.corpusTest, using: &corpusRandom)
    let all = Array(0..<corpus.documentCount)
    let trainRows = Array(all.prefix(config.corpusTrain))
    let testRows = Array(all.dropFirst(config.corpusTrain))
    let trainLabels = trainRows.map { corpus.labels[$0] }
    let testLabels = testRows.map { corpus.labels[$0] }
    let counts = corpus.counts
    let words = counts.storage.reduce(0, +)
    run.say(
      String(
        format: "corpus: %d documents (%d train, %d held out), %d words, %d topics, %.0f words per document",
        corpus.documentCount, trainRows.count, testRows.count, corpus.vocabularySize, corpus.topicCount,
        Double(words) / Double(corpus.documentCount)))

    // LSA, rank 2, fitted on the training documents.
    let trainCounts = Matrix(counts.rows(trainRows))
    let testCounts = Matrix(counts.rows(testRows))
    let lsa = try LatentSemanticAnalysis(fitting: trainCounts, rank: 2)
    lsaTruncationCheck(run, lsa: lsa, counts: trainCounts, formulas: formulas)

    // The autoencoder: input sqrt(p) (unit length whatever the document's length, and the
    // frequent words tamed), output a softmax over the vocabulary, loss the multinomial
    // cross-entropy against the word proportions p (Hinton & Salakhutdinov's choice).
    softmaxGradientRow(run, formulas: formulas)
    let proportions = corpus.proportions()
    let input = proportions.map { $0.squareRoot() }
    let trainInput = input.rows(trainRows)
    let testInput = input.rows(testRows)
    let trainTarget = proportions.rows(trainRows)
    let testTarget = proportions.rows(testRows)
    var rng = run.random("bow-autoencoder")
    let model = DenseAutoencoder(
      name: "bag of words", sizes: [corpus.vocabularySize, 500, 250, 125, 2], codeActivation: .identity, using: &rng)
    let start = Date()
    var adam = Adam(learningRate: config.corpusLearningRate)
    let trainer = Trainer(name: model.architecture, epochs: config.corpusEpochs, batchSize: config.corpusBatch)
    let summaries = try trainer.fit(
      sampleCount: trainRows.count, parameters: model.parameters, optimizer: &adam, using: &rng
    ) { batch in
      softmaxCrossEntropy(
        logits: formulas.trained(model.logits(Variable(trainInput.rows(batch)))), targets: trainTarget.rows(batch))
    }
    let heldOut = softmaxCrossEntropy(logits: model.logits(Variable(testInput)), targets: testTarget).value.scalar
    run.timing(String(format: "%@: %.1f s", model.architecture, Date().timeIntervalSince(start)))
    run.say(
      String(
        format: "%@: %d epochs; cross-entropy per document: train %.3f, held out %.3f (uniform over the words: %.3f)",
        model.architecture, config.corpusEpochs, summaries.last?.meanLoss ?? .nan, heldOut,
        log(Double(corpus.vocabularySize))))

    let k = config.knnK
    let aeTrain = Matrix(model.code(Variable(trainInput)).value)
    let aeTest = Matrix(model.code(Variable(testInput)).value)
    let lsaTrain = lsa.project(trainCounts)
    let lsaTest = lsa.project(testCounts)
    let aeAccuracy = NearestNeighborClassifier(points: aeTrain, labels: trainLabels, k: k).accuracy(
      aeTest, labels: testLabels)
    let lsaAccuracy = NearestNeighborClassifier(points: lsaTrain, labels: trainLabels, k: k).accuracy(
      lsaTest, labels: testLabels)
    let n = Double(testRows.count)
    let se = ((aeAccuracy * (1 - aeAccuracy) + lsaAccuracy * (1 - lsaAccuracy)) / n).squareRoot()
    run.say(
      String(
        format:
          "%d-NN accuracy on %d held-out documents: LSA %.3f, AE code %.3f (chance %.3f); standard error of the "
          + "difference %.3f",
        k, testRows.count, lsaAccuracy, aeAccuracy, 1 / Double(corpus.topicCount), se))
    run.check(
      "\(k)-NN accuracy: bag-of-words AE 2-D code > LSA-2 (+4 SE)", slide: slide,
      expected: lsaAccuracy + 4 * se, observed: aeAccuracy, tolerance: .atLeast(margin: 0))

    try run.figure(
      .scatterByClass(
        name: "ae-bow-lsa",
        title: String(format: "Held-out documents, LSA (rank 2) of tf-idf (%d-NN accuracy %.2f)", k, lsaAccuracy),
        x: lsaTest.column(0), y: lsaTest.column(1), labels: testLabels, classNames: corpus.topicNames,
        xLabel: "LSA 1", yLabel: "LSA 2"))
    try run.figure(
      .scatterByClass(
        name: "ae-bow-code",
        title: String(
          format: "Held-out documents, 2-D code of %@ (%d-NN accuracy %.2f)", model.architecture, k, aeAccuracy),
        x: aeTest.column(0), y: aeTest.column(1), labels: testLabels, classNames: corpus.topicNames,
        xLabel: "z_1", yLabel: "z_2"))
  }
}
