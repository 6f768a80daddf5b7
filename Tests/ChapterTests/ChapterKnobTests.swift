// The knobs of pca, autoencoder and prelims off their defaults, through the sections they drive
// (small data, so the whole file runs in seconds): every row still passes and the rows follow the
// setting; a value outside its range is one line, exit 64, nothing written.

import AutoencoderChapter
import Datasets
import Foundation
import Lecture
import LinearAlgebra
import PCAChapter
import PrelimsChapter
import Probability
import TensorMatrix
import Testing

/// A silent quick run of `chapter` with `knobs` taken from the command line as `main` takes
/// them (validated), the shared flags in `flags`.
func knobRun(of chapter: any Chapter.Type, _ knobs: [String], flags: [String] = []) throws -> ChapterRun {
  let (rest, settings) = try Knob.extract(chapter.knobs, from: knobs + flags)
  let options = try ChapterOptions.parse(["--quick", "--no-figures"] + rest)
  return try ChapterRun(chapter: chapter, options: options, settings: settings) { _ in }
}

/// The built `product` refuses `knobs`: one line on stderr naming the flag, exit 64, nothing
/// printed or written.
func expectRefused(_ product: String, _ knobs: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
  let dir = try temporaryDirectory()
  defer { try? FileManager.default.removeItem(at: dir) }
  let run = try runProduct(product, ["--report", "r.json"] + knobs, in: dir)
  #expect(run.status == 64, sourceLocation: sourceLocation)
  #expect(
    run.stderr.split(separator: "\n").count == 1 && run.stderr.hasPrefix("\(product): \(knobs[0]) "), "\(run.stderr)",
    sourceLocation: sourceLocation)
  #expect(run.stdout.isEmpty, sourceLocation: sourceLocation)
  #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, sourceLocation: sourceLocation)
}

/// `--help` of the built `product` lists each of `knobs`.
func expectHelpLists(_ product: String, _ knobs: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
  let dir = try temporaryDirectory()
  defer { try? FileManager.default.removeItem(at: dir) }
  let run = try runProduct(product, ["--help"], in: dir)
  #expect(run.status == 0, sourceLocation: sourceLocation)
  for knob in knobs { #expect(run.stdout.contains("--\(knob) <"), "\(knob)", sourceLocation: sourceLocation) }
  #expect(run.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 }, sourceLocation: sourceLocation)
}

@Suite("pca knobs", .serialized)
struct PCAKnobTests {
  /// k = 783 on MNIST, whose border pixels never vary: the discarded variance is rounding noise
  /// around 0, the case where the Eckart-Young row's tolerance must come from rounding.
  @Test(.enabled(if: FileManager.default.fileExists(atPath: sharedMNIST.path), "needs the shared MNIST test set"))
  func componentsSetTheExampleAndTheEckartYoungRows() throws {
    let run = try knobRun(
      of: PCAChapter.self, ["--components", "3,40,783"],
      flags: ["--dataset", "mnist", "--data", sharedMNIST.path])
    let config = PCAChapter.Config(run)
    let test = try run.images(.test)
    let x = Matrix(test.prefix(2_000).images)
    let pca = try PrincipalComponents(fitting: x)
    try PCAChapter.example(run, pca: pca, test: test.prefix(500), config: config)
    try PCAChapter.msePerspective(run, pca: pca, x: x, config: config)
    #expect(run.checks.filter { !$0.passed }.isEmpty, "\(run.checks.filter { !$0.passed })")
    let eckartYoung = run.checks.filter { $0.name.hasSuffix("||X - XWW^T||^2 / N = sum discarded lambda") }.map(\.name)
    #expect(eckartYoung.map { $0.prefix { $0 != ":" } } == ["k = 3", "k = 40", "k = 783"])
    #expect(run.settingsNote == " [--quick, --components 3,40,783]")
  }

  @Test func outOfRangeIsOneLineAndExit64() throws {
    for knobs in [
      ["--components", "0"], ["--components", "784"], ["--components", "2,,10"],
      ["--components", "1,2,3,4,5,6,7,8,9"],
    ] {
      try expectRefused("pca", knobs)
    }
    try expectHelpLists("pca", ["components"])
  }
}

@Suite("autoencoder knobs", .serialized)
struct AutoencoderKnobTests {
  /// 2,000 training and 500 test images of Fashion-MNIST, loaded once.
  static let images: (train: LabeledImages, test: LabeledImages)? = {
    guard fashionInstalled, let run = try? knobRun(of: AutoencoderChapter.self, []) else { return nil }
    return try? run.trainingAndTestImages(training: 2_000, test: 500)
  }()
  /// PCA of those training images, fitted once.
  static let pca: PrincipalComponents? = images.flatMap { try? PrincipalComponents(fitting: Matrix($0.train.images)) }

  /// The two Keras models off every default: a smaller code, each loss of the slide for the
  /// vanilla AE (one with weight decay), a short schedule. Every row of the section passes; the
  /// comparison with PCA follows the code size and the loss (its verdict is measured: after a
  /// few hundred steps on 2,000 images PCA is still ahead, as the chapter says of short runs).
  @Test(
    .enabled(if: fashionInstalled, "needs dataset-fashion-mnist"),
    arguments: [
      ["--loss", "l1", "--weight-decay", "0.01"], ["--loss", "l2"], ["--loss", "exp:50"],
      ["--loss", "mcc:0.5"],
    ])
  func everyLossTrainsTheVanillaAEAndItsRowsPass(loss: [String]) throws {
    let (train, test) = try #require(Self.images)
    let run = try knobRun(
      of: AutoencoderChapter.self,
      loss + ["--code", "16", "--epochs", "2", "--batch", "64", "--learning-rate", "0.003"])
    let config = AutoencoderChapter.Config(run)
    let models = try AutoencoderChapter.kerasModels(run, train: train, test: test, config: config)
    #expect(run.checks.count >= 5 && run.checks.allSatisfy(\.passed), "\(run.checks.filter { !$0.passed })")
    try AutoencoderChapter.versusPCA(run, models: models, pca: try #require(Self.pca), test: test, config: config)
    // The rows follow the knobs: the code size, the vanilla AE's loss (its name as the rows print it).
    let name = ["l1": "L1", "l2": "L2", "exp:50": "EXP (tau = 50)", "mcc:0.5": "MCC (sigma = 0.5)"][loss[1]]!
    let names = run.checks.map(\.name)
    #expect(names.contains("784-16-784 test \(name) below the mean training image's (paired, by > 4 SE)"), "\(names)")
    #expect(names.contains("784-128-64-16-64-128-784 test BCE below the mean training image's (paired, by > 4 SE)"))
    let decreased = loss.contains("--weight-decay") ? "\(name) + weight decay" : name
    #expect(names.contains("784-16-784 test \(decreased) decreased: last <= first epoch"), "\(names)")
    #expect(
      names.suffix(2) == [
        "shallow AE 16 test \(name) below PCA-16's (equal code) (paired, by > 4 SE)",
        "deep AE 16 test BCE below PCA-16's (equal code) (paired, by > 4 SE)",
      ], "\(names)")
  }

  @Test func outOfRangeIsOneLineAndExit64() throws {
    for knobs in [
      ["--loss", "exp"], ["--loss", "exp:5"], ["--loss", "mcc:0"], ["--loss", "l3"], ["--code", "65"],
      ["--weight-decay", "-0.1"], ["--epochs", "0"], ["--batch", "0"], ["--learning-rate", "0"],
    ] {
      try expectRefused("autoencoder", knobs)
    }
    try expectHelpLists("autoencoder", ["code", "loss", "weight-decay", "epochs", "batch", "learning-rate"])
  }
}

@Suite("prelims knobs", .serialized)
struct PrelimsKnobTests {
  /// A tenth of the default draws: every row of "Generate Random Variables" judged at the
  /// smaller n (its KS critical values and standard errors follow n).
  @Test func samplesSetTheDrawsOfEverySampler() throws {
    let run = try knobRun(of: PrelimsChapter.self, ["--samples", "2000"])
    let config = PrelimsChapter.Config(run)
    try PrelimsChapter.generateRandomVariables(run, config: config, formulas: .honest)
    try PrelimsChapter.ringMap(run, config: config, formulas: .honest)
    #expect(run.checks.filter { !$0.passed }.isEmpty, "\(run.checks.filter { !$0.passed })")
    let critical = kolmogorovSmirnovCriticalValue(sampleCount: 2_000, alpha: 0.01 / Double(PrelimsChapter.ksRowCount))
    let ks = run.checks.filter { $0.name.hasPrefix("KS D_n") }
    #expect(ks.count == PrelimsChapter.ksRowCount && ks.allSatisfy { abs($0.expected - critical) < 1e-12 })
  }

  @Test func outOfRangeIsOneLineAndExit64() throws {
    for knobs in [["--samples", "99"], ["--samples", "2.5"], ["--samples", "1000001"]] {
      try expectRefused("prelims", knobs)
    }
    try expectHelpLists("prelims", ["samples"])
  }
}
