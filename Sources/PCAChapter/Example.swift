// Slide "PCA - Example": reconstructions R^784 -> R^k -> R^784 for k = 2, 10, 100, 506,
// the explained variance, and the images in the plane of the first two components.

import Datasets
import Foundation
import Lecture
import LinearAlgebra
import Plotting
import TensorCore
import TensorMatrix

extension PCAChapter {
  package static func example(
    _ run: ChapterRun, pca: PrincipalComponents, test: LabeledImages, formulas: Formulas = .honest,
    config: Config = Config(quick: true)
  ) throws {
    let ks = config.components
    run.section("PCA - Example: R^784 -> R^{\(ks.map(String.init).joined(separator: ", "))}")
    // One test image per class, the first of each.
    let shown = test.firstOfEachClass
    let originals = Matrix(test.subset(shown).images)
    var rows: [[[Float]]] = [(0..<originals.rows).map { originals.row($0).map(Float.init) }]
    var labels = ["original"]
    for k in ks {
      let back = formulas.reconstruct(pca, formulas.project(pca, originals, k))
      rows.append((0..<back.rows).map { i in back.row(i).map { Float(min(max($0, 0), 1)) } })
      labels.append("k = \(k)")
      run.say(String(format: "k = %3d keeps %5.1f%% of the variance", k, 100 * pca.explainedVarianceRatio(k)))
    }
    try run.figure(
      .imageGrid(
        name: "pca-reconstructions", title: "PCA reconstructions of test images, k components\(run.settingsNote)",
        rows: rows, imageWidth: test.width, imageHeight: test.height, rowLabels: labels,
        columnLabels: test.classNames(of: shown)))

    // Explained variance: cumulative, with the slide's k marked.
    let all = Array(1...pca.dimension)
    let cumulative = all.map { pca.explainedVarianceRatio($0) }
    var figure = Figure.lines(
      name: "pca-explained-variance", title: "Variance kept by the first k principal components\(run.settingsNote)",
      series: [("cumulative explained variance", all.map(Double.init), cumulative)],
      xLabel: "k (components kept)", yLabel: "fraction of total variance")
    figure.commands += [LogAxis.x.command, KeyPlacement.inside(.bottomRight).command, "set grid", "set yrange [0:1.02]"]
    figure.layers.append(
      .columns(
        [ks.map(Double.init), ks.map { pca.explainedVarianceRatio($0) }],
        style: .points(.red, size: 1.5), title: "k = " + ks.map(String.init).joined(separator: ", ")))
    try run.figure(figure)

    // The test set in the plane of PC1 and PC2.
    let count = min(test.count, config.scatterCount)
    let y = formulas.project(pca, Matrix(test.prefix(count).images), 2)
    try run.figure(
      .scatterByClass(
        name: "pca-pc-scatter", title: "\(run.options.dataset.displayName) test images on PC1 / PC2",
        x: y.column(0), y: y.column(1), labels: Array(test.labels.prefix(count)), classNames: test.classNames,
        xLabel: "PC1", yLabel: "PC2"))
  }
}
