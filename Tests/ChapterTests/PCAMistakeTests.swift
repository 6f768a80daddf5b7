// The pca chapter's mistake catalogue: each planted mistake fails exactly the checks its entry
// names, on cheap synthetic data run through the chapter's own sections; the honest formulas
// pass every one of them.

import Datasets
import Foundation
import Lecture
import LinearAlgebra
import PCAChapter
import Stochastic
import TensorCore
import TensorMatrix
import Testing

/// N x 784 images with 8 strong directions (standard deviations 3 down to 1.6) over a flat
/// floor of standard deviation 0.4, mixed by a random rotation: the gap after the 8th
/// eigenvalue lets the linear network find the PCA-8 subspace in a few epochs, and the floor
/// (discarded variance 776 x 0.16) gives it a 1 % margin of about 1.2. The mean, like that of
/// real images, is far from 0: 3 along the first axis and 3 along one of the floor's.
private func gappedImages(rows n: Int = 1_000, seed: UInt64 = 9) -> LabeledImages {
  var rng = SeededRandom(seed: seed)
  let d = 784
  var x = Matrix.zeros(rows: n, columns: d)
  for j in 0..<d {
    let scale = j < 8 ? 3 - 0.2 * Double(j) : 0.4
    for i in 0..<n { x[i, j] = scale * rng.normal() }
  }
  for i in 0..<n {
    x[i, 0] += 3
    x[i, 100] += 3
  }
  let mixed = matmul(x, Matrix.randomOrthonormal(rows: d, columns: d, using: &rng))
  return LabeledImages(
    images: Tensor(mixed), labels: (0..<n).map { $0 % 10 }, height: 28, width: 28,
    classNames: DatasetName.fashion.classNames)
}

@Suite("pca mistake catalogue", .serialized)
struct PCAMistakeTests {
  static let images = gappedImages()

  enum Section: CaseIterable { case formulation, axes, mse, network, limitation }

  /// Runs `sections` of the chapter with the formulas of `run`'s planted mistake (honest if none).
  func runSections(_ run: ChapterRun, _ sections: [Section]) throws {
    let formulas = PCAChapter.Formulas.planted(run.mistake)
    let x = Matrix(Self.images.images)
    let pca = try formulas.fit(x)
    var config = PCAChapter.Config(quick: true)
    // About 940 Adam steps, as in the chapter's quick run: the angle ends near 2 degrees.
    config.linearEpochs = 30
    config.linearBatch = 32
    config.curveSteps = 800
    for section in sections {
      switch section {
      case .formulation: try PCAChapter.formulation(run, pca: pca, x: x, formulas: formulas)
      case .axes: try PCAChapter.axes(run, config: config, formulas: formulas)
      case .mse: try PCAChapter.msePerspective(run, pca: pca, x: x, formulas: formulas)
      case .network: try PCAChapter.linearNetwork(run, pca: pca, train: Self.images, config: config, formulas: formulas)
      case .limitation: try PCAChapter.limitation(run, config: config, formulas: formulas)
      }
    }
  }

  /// The honest run of each section on its own: the check names it prints and those that failed.
  static let honest: [Section: (names: Set<String>, failed: Set<String>)] = {
    var result: [Section: (names: Set<String>, failed: Set<String>)] = [:]
    for section in Section.allCases {
      guard let run = try? silentRun(of: PCAChapter.self) else { continue }
      try? PCAMistakeTests().runSections(run, [section])
      result[section] = (Set(run.checks.map(\.name)), failedChecks(run))
    }
    return result
  }()

  @Test func honestFormulasPassEverySection() throws {
    #expect(Self.honest.count == Section.allCases.count)
    for (section, outcome) in Self.honest {
      #expect(outcome.failed.isEmpty, "\(section): \(outcome.failed)")
    }
    #expect(Self.honest.values.reduce(0) { $0 + $1.names.count } >= 20)
  }

  @Test func wRotationIsAStatedFact() throws {
    let run = try silentRun(of: PCAChapter.self)
    let x = Matrix(Self.images.images)
    try PCAChapter.msePerspective(run, pca: try PrincipalComponents(fitting: x), x: x)
    #expect(run.facts.map(\.name) == ["W R (R orthogonal k x k): relative change of the error"])
    #expect(!run.checks.contains { $0.name.hasPrefix("W R") })
  }

  @Test func everyCheckIsCaughtByACatalogueEntry() {
    let printed = Self.honest.values.reduce(into: Set<String>()) { $0.formUnion($1.names) }
    for mistake in PCAChapter.mistakes {
      #expect(!mistake.catches.isEmpty, "\(mistake.name) catches nothing")
      let unknown = Set(mistake.catches).subtracting(printed)
      #expect(unknown.isEmpty, "\(mistake.name): \(unknown)")
    }
    let caught = Set(PCAChapter.mistakes.flatMap(\.catches))
    #expect(printed.subtracting(caught).isEmpty, "caught by no mistake: \(printed.subtracting(caught))")
  }

  /// Each mistake runs the sections its checks come from; among their checks, exactly the
  /// catalogued ones must fail.
  @Test(arguments: PCAChapter.mistakes.map(\.name))
  func mistakeIsCaughtAsCatalogued(_ name: String) throws {
    let run = try plantedRun(of: PCAChapter.self, mistake: name)
    let catches = Set(run.mistake?.catches ?? [])
    let sections = Section.allCases.filter { !(Self.honest[$0]?.names ?? []).isDisjoint(with: catches) }
    try runSections(run, sections)
    expectCaughtAsCatalogued(run)
  }
}
