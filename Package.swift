// swift-tools-version:6.0
// A runnable deep-unsupervised-learning lecture: one executable per section of the course.
// System libraries (OpenBLAS, LAPACKE, zlib) come from Debian packages; see scripts/install-deps.
import PackageDescription

let package = Package(
  name: "DeepUnsupervisedLecture",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "pca", targets: ["pca"]),
    .executable(name: "course", targets: ["course"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // C libraries behind module maps (module.modulemap + shim.h only).
    .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(name: "CLAPACKE", pkgConfig: "lapacke", providers: [.apt(["liblapacke-dev"])]),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

    // Library modules, one responsibility each.
    .target(name: "Stochastic"),
    .target(name: "LinearAlgebra", dependencies: ["CBLAS", "CLAPACKE", "Stochastic"]),
    .target(name: "TensorCore", dependencies: ["CBLAS", "Stochastic", "LinearAlgebra"]),
    .target(name: "Autodiff", dependencies: ["TensorCore", "Stochastic"]),
    .target(name: "NeuralNet", dependencies: ["Autodiff", "TensorCore", "Stochastic"]),
    .target(name: "Datasets", dependencies: ["CZlib", "TensorCore"]),
    .target(name: "Plotting"),
    .target(
      name: "Lecture",
      dependencies: [
        "Plotting", "Datasets", "Stochastic",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // Chapters: the lecture's content as a library (so `course` and the tests can run it),
    // and a thin executable per chapter.
    .target(
      name: "PCAChapter",
      dependencies: [
        "Lecture", "LinearAlgebra", "TensorCore", "Autodiff", "NeuralNet", "Datasets", "Plotting",
        "Stochastic",
      ]),
    .executableTarget(
      name: "pca",
      dependencies: ["PCAChapter", "Lecture", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
    .executableTarget(
      name: "course",
      dependencies: ["PCAChapter", "Lecture", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

    // Tests mirror the modules.
    .testTarget(name: "StochasticTests", dependencies: ["Stochastic"]),
    .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "Stochastic"]),
    .testTarget(name: "TensorCoreTests", dependencies: ["TensorCore", "Stochastic"]),
    .testTarget(name: "AutodiffTests", dependencies: ["Autodiff", "TensorCore", "Stochastic"]),
    .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet", "Autodiff", "TensorCore", "Stochastic"]),
    .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "TensorCore"]),
    .testTarget(name: "PlottingTests", dependencies: ["Plotting"]),
    .testTarget(name: "LectureTests", dependencies: ["Lecture"]),
    .testTarget(
      name: "ChapterTests",
      dependencies: ["PCAChapter", "Lecture", "LinearAlgebra", "Stochastic"]),
  ],
  swiftLanguageModes: [.v6]
)
