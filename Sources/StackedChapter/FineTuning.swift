// Slides "Stacked Autoencoder (SAE): fine tuning for the main task": after pretraining, the
// stacked encoder gets a softmax layer on top and the whole network is trained with
// backpropagation on labelled images. Compared, on each labelled set, with the same network
// from random initial weights and the same schedule, top layer and batch order: the only
// difference is where the hidden layers start. Each labelled-set size is drawn several times
// at random from the training images; the spread over the draws is reported with the means,
// and the claim that pretraining helps is tested at one size fixed in advance (the slides'
// setting: few labels), on the paired differences: their mean must exceed 4 standard errors
// of the mean difference (the draws are independent and the two starts of a draw share
// labelled set, top layer and batches, so the differences are i.i.d. across draws). The
// fine-tuning loss itself is checked first: its value against -log softmax(z)_y in Double,
// its backward through every layer against finite differences.

import Autodiff
import AutoencoderKit
import Datasets
import Foundation
import Lecture
import LectureChecks
import LinearAlgebra
import NeuralNet
import Plotting
import Probability
import Stochastic
import TensorCore
import TensorMatrix

extension StackedChapter {
  /// Hidden sigmoid layers and a softmax layer: from copies of a pretrained stack's layers,
  /// or (nil) from random weights. The top layer is drawn from `rng` first, so it is the same
  /// for every start of a draw.
  package static func classifier(
    from stack: StackedEncoder?, widths: [Int], inputs: Int, classes: Int, using rng: inout SeededRandom
  ) -> SoftmaxClassifier {
    let top = Dense(widths.last ?? inputs, classes, using: &rng)
    if let stack { return SoftmaxClassifier(hidden: stack.layers.map { $0.copy() }, top: top) }
    let sizes = [inputs] + widths
    return SoftmaxClassifier(
      hidden: (0..<widths.count).map { Dense(sizes[$0], sizes[$0 + 1], activation: .sigmoid, using: &rng) }, top: top)
  }

  /// Fine-tunes `classifier` on the labelled images x [n, D] by Adam (lr 1e-3) on the
  /// fine-tuning loss: at least `fineTuneEpochs` epochs and `minimumSteps` steps.
  package static func fineTune(
    _ classifier: SoftmaxClassifier, images x: Tensor, labels: [Int], config: Config, formulas: Formulas = .honest,
    using rng: inout SeededRandom
  ) throws {
    let stepsPerEpoch = (labels.count + config.fineTuneBatch - 1) / config.fineTuneBatch
    let epochs = max(config.fineTuneEpochs, (config.minimumSteps + stepsPerEpoch - 1) / stepsPerEpoch)
    let targets = oneHot(labels, classes: classifier.classes)
    let parameters = formulas.fineTunesHidden ? classifier.parameters : classifier.top.parameters
    var adam = Adam(learningRate: 1e-3)
    try Trainer(name: "fine tuning (\(labels.count) labels)", epochs: epochs, batchSize: config.fineTuneBatch)
      .fit(sampleCount: labels.count, parameters: parameters, optimizer: &adam, using: &rng) { batch in
        formulas.fineTuningLoss(classifier.logits(Variable(x.rows(batch))), targets.rows(batch))
      }
  }

  /// The name of the check that a start learns from labels (for the catalogue).
  static func learnsFromLabelsName(_ start: String) -> String {
    "\(start), fine-tuned: mean accuracy with the most labels - with the fewest >= 4 SE"
  }

  /// The name of a claim at the smallest labelled set, for `label` ("fine-tuned" or "1-NN on the
  /// features"): the pretrained `stack`'s accuracy minus the random start's, at least 4 SE of
  /// `draws` paired draws. The defaults are the chapter's settings, the ones the catalogue names.
  static func labelledClaimName(
    _ label: String, budget: Int = Config(quick: true).claimBudget, stack: String = "SAE",
    draws: Int = Config(quick: true).claimDraws
  ) -> String {
    "\(budget) labels, \(label): \(stack) - random accuracy >= 4 SE of \(draws) paired draws"
  }

  /// The two claims' names, as the catalogue lists them.
  static let fineTunedClaimName = labelledClaimName("fine-tuned")
  static let nearestClaimName = labelledClaimName("1-NN on the features")

  /// The names of the fine-tuning loss's checks (for the catalogue).
  static let fineTuningLossCheckName = "fine-tuning loss vs mean of -log softmax(z)_y in Double"
  static let fineTuningGradientName = "fine-tuning loss through every layer (W_k, b_k, top)"

  /// The fine-tuning loss of a small 6-5-4-3 sigmoid classifier: its value against the
  /// softmax cross-entropy in Double, and the gradient fine-tuning applies to every layer
  /// against finite differences of that loss (a frozen layer gets none, while the loss
  /// depends on it).
  package static func fineTuningLossChecks(_ run: ChapterRun, formulas: Formulas = .honest) {
    let slide = "Stacked Autoencoder (SAE): fine tuning"
    var rng = run.random("fine-tuning-check")
    let x = Tensor.uniform([5, 6], using: &rng)
    let labels = [0, 2, 1, 2, 0]
    let targets = oneHot(labels, classes: 3)
    let sizes = [6, 5, 4, 3]
    let start = (0..<3).flatMap { k in
      [
        Tensor.normal([sizes[k], sizes[k + 1]], using: &rng),
        Tensor.normal([sizes[k + 1]], standardDeviation: 0.3, using: &rng),
      ]
    }
    // The logits from parameters p = [W_1, b_1, W_2, b_2, W_top, b_top]; a layer fine-tuning
    // does not train enters as a constant.
    func logits(_ p: [Variable]) -> Variable {
      let trained = p.enumerated().map { k, v in formulas.fineTunesHidden || k >= 4 ? v : Variable(v.value) }
      let h1 = (Variable.matmul(Variable(x), trained[0]) + trained[1]).sigmoid()
      let h2 = (Variable.matmul(h1, trained[2]) + trained[3]).sigmoid()
      return Variable.matmul(h2, trained[4]) + trained[5]
    }
    let z = logits(start.map { Variable($0) }).value
    let reference =
      (0..<labels.count).reduce(0.0) { total, n in
        let row = (0..<3).map { Double(z[n, $0]) }
        let top = row.max() ?? 0
        return total - (row[labels[n]] - top - log(row.reduce(0.0) { $0 + exp($1 - top) }))
      } / Double(labels.count)
    run.check(
      fineTuningLossCheckName, slide: slide, expected: reference,
      observed: Double(formulas.fineTuningLoss(Variable(z), targets).value.scalar), tolerance: .relative(1e-5))
    run.gradientRow(
      fineTuningGradientName, slide: slide,
      checkGradients(at: start, step: finiteDifferenceStep) { p in
        formulas.fineTuningLoss(logits(p), targets)
      })
  }

  /// "mean ± sd" of values, for the tables.
  static func cell(_ values: [Double]) -> String {
    let estimate = MeanEstimate(values)
    return String(format: "%.4f ± %.4f", estimate.mean, estimate.variance.squareRoot())
  }

  /// 1-nearest-neighbour accuracy on the test images, the labelled images as the reference,
  /// both mapped by `features`.
  static func nearestNeighbourAccuracy(
    _ features: (Variable) -> Variable, labelled x: Tensor, labels: [Int], test: LabeledImages
  ) -> Double {
    let reference = Matrix(inChunks(x) { features(Variable($0)).value })
    let queries = Matrix(inChunks(test.images) { features(Variable($0)).value })
    return NearestNeighborClassifier(points: reference, labels: labels, k: 1).accuracy(queries, labels: test.labels)
  }

  /// A table of accuracies per labelled-set size, one column per source, then each
  /// pretrained source minus the first (random), as mean ± standard error of the paired
  /// differences.
  static func accuracyTable(
    _ run: ChapterRun, _ heading: String, sources: [String], budgets: [Int], _ accuracies: [[[Double]]]
  ) {
    run.say(
      heading
        + ", mean ± standard deviation over the labelled sets; then each pretrained start minus random, mean ± "
        + "standard error of the paired differences:"
    )
    run.say(
      "  labels  " + sources.map { $0.padding(toLength: 18, withPad: " ", startingAt: 0) }.joined()
        + sources.dropFirst().map { "\($0) - \(sources[0])".padding(toLength: 20, withPad: " ", startingAt: 0) }
        .joined())
    for (b, budget) in budgets.enumerated() where !accuracies[0][b].isEmpty {
      let differences = sources.indices.dropFirst().map { s -> String in
        let d = zip(accuracies[s][b], accuracies[0][b]).map { $0 - $1 }
        let difference = MeanEstimate(d)
        return String(format: "%+.4f ± %.4f", difference.mean, difference.standardError)
      }
      run.say(
        String(format: "  %6d  ", budget) + sources.indices.map { cell(accuracies[$0][b]) }.joined(separator: "   ")
          + "   " + differences.joined(separator: "    "))
    }
  }

  package static func fineTuning(
    _ run: ChapterRun, stacks: [StackedEncoder], train: LabeledImages, test: LabeledImages, config: Config,
    formulas: Formulas
  ) throws {
    let slide = "Stacked Autoencoder (SAE): fine tuning"
    fineTuningLossChecks(run, formulas: formulas)
    let classes = train.classNames.count
    let starts: [StackedEncoder?] = [nil] + stacks
    let names = starts.map { $0?.name ?? "random" }
    run.say(
      "\(([train.images.shape[1]] + config.widths + [classes]).map(String.init).joined(separator: "-")), sigmoid "
        + "hidden units, softmax output; Adam lr 1e-3, batch \(config.fineTuneBatch), at least "
        + "\(config.fineTuneEpochs) epochs and \(config.minimumSteps) steps; \(config.draws) random labelled sets per "
        + "size, test accuracy on \(test.count) images"
    )
    // [start][budget] = one accuracy per draw, the draws paired across starts: fine-tuned,
    // and 1-NN on the hidden features before fine-tuning (no training, so no learning rate or
    // feature scale favours either space).
    var tuned = [[[Double]]](repeating: [[Double]](repeating: [], count: config.budgets.count), count: starts.count)
    var nearest = tuned
    var randomFirstLayer: (weights: Tensor, budget: Int)?
    for (b, budget) in config.budgets.enumerated() where budget <= train.count {
      for draw in 0..<config.draws {
        var pick = run.random("labelled-set-\(budget)-\(draw)")
        let subset = Array(pick.permutation(train.count).prefix(budget))
        let (x, labels) = (train.images.rows(subset), subset.map { train.labels[$0] })
        for (s, start) in starts.enumerated() {
          var rng = run.random("fine-tune-\(budget)-\(draw)")  // the same top layer and batches for every start
          let classifier = classifier(
            from: start, widths: config.widths, inputs: x.shape[1], classes: classes, using: &rng)
          nearest[s][b].append(nearestNeighbourAccuracy(classifier.features, labelled: x, labels: labels, test: test))
          try fineTune(classifier, images: x, labels: labels, config: config, formulas: formulas, using: &rng)
          tuned[s][b].append(classifier.accuracy(test.images, labels: test.labels))
          if start == nil && draw == 0 { randomFirstLayer = (classifier.hidden[0].weight.value, budget) }
        }
      }
    }
    let measured = config.budgets.indices.filter { !tuned[0][$0].isEmpty }
    accuracyTable(run, "test accuracy after fine-tuning every layer", sources: names, budgets: config.budgets, tuned)
    accuracyTable(
      run, "test accuracy of 1-NN on the \(config.widths.last ?? 0) features before fine-tuning", sources: names,
      budgets: config.budgets, nearest)

    // Learning from labels works from every start: more labels, higher accuracy, by more than
    // 4 standard errors of the difference of the two means (different draws: unpaired).
    if let first = measured.first, let last = measured.last, first != last {
      for s in starts.indices {
        let (few, many) = (MeanEstimate(tuned[s][first]), MeanEstimate(tuned[s][last]))
        let se = (few.standardError * few.standardError + many.standardError * many.standardError).squareRoot()
        run.say(
          String(
            format:
              "%@, fine-tuned: mean accuracy with %d labels %.4f, with %d labels %.4f (standard error of the "
              + "difference %.4f)",
            names[s], config.budgets[last], many.mean, config.budgets[first], few.mean, se))
        run.check(
          learnsFromLabelsName(names[s]), slide: slide, expected: 4 * se, observed: many.mean - few.mean,
          tolerance: .atLeast(margin: 0))
      }
    }
    // The slide's claim, for the stacked autoencoder (the first stack; the SDA, a variant, is
    // reported above): with few labels, starting from the greedily pretrained layers beats
    // starting from random ones, after fine-tuning and already in the features' neighbours.
    // Both claims are measured on `claimDraws` labelled sets, the first `draws` of them the
    // table's (the same sets, top layers and batches, so their numbers repeat).
    if let b = config.budgets.firstIndex(of: config.claimBudget), measured.contains(b), starts.count > 1 {
      var claimTuned: [[Double]] = [tuned[0][b], tuned[1][b]]
      var claimNearest: [[Double]] = [[], []]
      for draw in 0..<max(config.claimDraws, config.draws) {
        var pick = run.random("labelled-set-\(config.claimBudget)-\(draw)")
        let subset = Array(pick.permutation(train.count).prefix(config.claimBudget))
        let (x, labels) = (train.images.rows(subset), subset.map { train.labels[$0] })
        for s in 0..<2 {
          var rng = run.random("fine-tune-\(config.claimBudget)-\(draw)")
          let network = classifier(
            from: starts[s], widths: config.widths, inputs: x.shape[1], classes: classes, using: &rng)
          claimNearest[s].append(nearestNeighbourAccuracy(network.features, labelled: x, labels: labels, test: test))
          if draw >= config.draws {
            try fineTune(network, images: x, labels: labels, config: config, formulas: formulas, using: &rng)
            claimTuned[s].append(network.accuracy(test.images, labels: test.labels))
          }
        }
      }
      for (label, series) in [("fine-tuned", claimTuned), ("1-NN on the features", claimNearest)] {
        let d = zip(series[1], series[0]).map { $0 - $1 }
        let difference = MeanEstimate(d)
        run.say(
          String(
            format: "%d labels, %@: %@ - random = %+.4f ± %.4f (mean ± standard error of %d paired draws)",
            config.claimBudget, label, names[1], difference.mean, difference.standardError, d.count))
        run.check(
          labelledClaimName(label, budget: config.claimBudget, stack: names[1], draws: d.count),
          slide: slide, expected: 4 * difference.standardError, observed: difference.mean,
          tolerance: .atLeast(margin: 0))
      }
    }

    let budgets = measured.map { config.budgets[$0] }
    let axis = [
      LogAxis.x.command, KeyPlacement.inside(.bottomRight).command,  // room for the error bars at both ends
      "set xrange [\(Double(budgets.first ?? 1) / 1.4):\(Double(budgets.last ?? 1) * 1.4)]",
      "set xtics (" + budgets.map(String.init).joined(separator: ", ") + ")",
    ]
    try run.figure(
      Figure(
        name: "stacked-accuracy",
        title: "Test accuracy against labelled-set size (mean and standard deviation over \(config.draws) sets)"
          + run.settingsNote,
        xLabel: "labelled training images", yLabel: "test accuracy", commands: axis,
        layers: [(tuned, "fine-tuned", ""), (nearest, "1-NN on features", "dt 2 ")].flatMap { series, label, dash in
          starts.indices.map { s in
            let stats = measured.map { MeanEstimate(series[s][$0]) }
            return .columns(
              [measured.map { Double(config.budgets[$0]) }, stats.map(\.mean), stats.map { $0.variance.squareRoot() }],
              using: "1:2:3",
              style: "yerrorlines lw 2 \(dash)lc rgb '\(Palette.color(s))'", title: "\(names[s]), \(label)")
          }
        }))
    var rows = stacks.map { filterTiles($0.layers[0].weight.value, units: 0..<16) }
    var labels = stacks.map { "\($0.name) stage 1" }
    if let randomFirstLayer {
      rows.append(filterTiles(randomFirstLayer.weights, units: 0..<16))
      labels.append("random, tuned on \(randomFirstLayer.budget)")
    }
    try run.figure(
      .imageGrid(
        name: "stacked-features",
        title: "First-layer features: columns of W_1 (units 1-\(min(16, config.widths[0]))), each scaled to its range"
          + run.settingsNote,
        rows: rows, imageWidth: train.width, imageHeight: train.height, rowLabels: labels,
        columnLabels: (1...min(16, config.widths[0])).map { "unit \($0)" }))
  }
}
