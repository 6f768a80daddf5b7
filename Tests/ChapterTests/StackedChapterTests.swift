// The stacked chapter end to end (the built `stacked --quick`: every check passes, every figure
// is written, the same seed prints the same numbers), and the two properties its paired
// comparison rests on: every start of a draw gets the same top layer, and fine-tuning a copy
// leaves the pretrained stack as it was for the next draw.

import Autodiff
import Foundation
import Lecture
import NeuralNet
import StackedChapter
import Stochastic
import TensorCore
import Testing

@Suite("stacked executable", .serialized)
struct StackedExecutableTests {
  @Test(.enabled(if: fashionInstalled, "needs dataset-fashion-mnist"))
  func quickRunPassesEveryCheckAndWritesFigures() throws {
    let report = try expectQuickRun(
      "stacked", minimumChecks: 12, figures: ["stacked-accuracy", "stacked-features"])
    for stage in 1...3 {
      #expect(report.checks.contains { $0.name.hasPrefix("SAE stage \(stage):") }, "no check of SAE stage \(stage)")
    }
  }
}

@Suite("stacked: what the paired comparison rests on")
struct StackedPairingTests {
  /// A two-stage stack 20 -> 8 -> 4 with random weights.
  func stack() -> StackedChapter.StackedEncoder {
    var rng = SeededRandom(seed: 31)
    return StackedChapter.StackedEncoder(
      name: "SAE",
      layers: [Dense(20, 8, activation: .sigmoid, using: &rng), Dense(8, 4, activation: .sigmoid, using: &rng)])
  }

  @Test func everyStartOfADrawGetsTheSameTopLayer() {
    var a = SeededRandom(seed: 32)
    var b = SeededRandom(seed: 32)
    let pretrained = StackedChapter.classifier(from: stack(), widths: [8, 4], inputs: 20, classes: 3, using: &a)
    let random = StackedChapter.classifier(from: nil, widths: [8, 4], inputs: 20, classes: 3, using: &b)
    #expect(pretrained.top.weight.value.storage == random.top.weight.value.storage)
    #expect(pretrained.hidden[0].weight.value.storage != random.hidden[0].weight.value.storage)
  }

  @Test func fineTuningACopyLeavesThePretrainedStackUnchanged() throws {
    let pretrained = stack()
    let before = pretrained.layers.map { $0.weight.value.storage + $0.bias.value.storage }
    var rng = SeededRandom(seed: 33)
    let classifier = StackedChapter.classifier(from: pretrained, widths: [8, 4], inputs: 20, classes: 3, using: &rng)
    let x = Tensor.uniform([30, 20], using: &rng)
    try StackedChapter.fineTune(
      classifier, images: x, labels: (0..<30).map { $0 % 3 }, config: StackedChapter.Config(quick: true), using: &rng)
    #expect(
      classifier.hidden[0].weight.value.storage != before[0].prefix(160).map { $0 },
      "fine-tuning did not train the copy")
    #expect(pretrained.layers.map { $0.weight.value.storage + $0.bias.value.storage } == before)
  }
}

@Suite("stacked mistake catalogue")
struct StackedMistakeTests {
  /// The sections the catalogue's mistakes break, without training: the stage loss's and
  /// the fine-tuning loss's checks, and the composition check of random 20-8-4 stacks whose
  /// held-out codes are handed on stage by stage as the run's formulas hand them.
  func runSections(_ run: ChapterRun) {
    let formulas = StackedChapter.Formulas.planted(run.mistake)
    StackedChapter.stageLossCheck(run, formulas: formulas)
    StackedChapter.fineTuningLossChecks(run, formulas: formulas)
    var rng = SeededRandom(seed: 34)
    let images = Tensor.uniform([30, 20], using: &rng)
    for name in ["SAE", "SDA"] {
      let stack = StackedChapter.StackedEncoder(
        name: name,
        layers: [Dense(20, 8, activation: .sigmoid, using: &rng), Dense(8, 4, activation: .sigmoid, using: &rng)])
      let chained = stack.layers.reduce(images) { x, layer in formulas.nextInputs(layer, x) }
      StackedChapter.compositionCheck(run, name: name, slide: "test", stack: stack, images: images, chained: chained)
    }
  }

  @Test func honestSectionsPass() throws {
    let run = try silentRun(of: StackedChapter.self)
    runSections(run)
    #expect(run.checks.count == 5)
    #expect(failedChecks(run).isEmpty, "\(failedChecks(run)) \(run.checks)")
  }

  /// Mistakes of the stages' training only, checked by the quick run (`--mistake NAME`).
  static let trainingOnly: Set<String> = ["pretraining-ascends"]

  @Test(arguments: StackedChapter.mistakes.map(\.name).filter { !trainingOnly.contains($0) })
  func mistakeFailsExactlyItsChecks(_ name: String) throws {
    let run = try plantedRun(of: StackedChapter.self, mistake: name)
    runSections(run)
    expectCaughtAsCatalogued(run)
  }
}
