// swift-tools-version:6.0
// A runnable deep-unsupervised-learning lecture: one executable per section of the course.
// System libraries (OpenBLAS, LAPACKE, zlib) come from Debian packages; see scripts/install-deps.
import PackageDescription

/// The chapters in lecture order: the library with the content, the executable a lecturer runs,
/// and the modules the library imports. `course`, the executables and the chapter tests are all
/// made from this one list.
let chapters: [(library: String, executable: String, dependencies: [String])] = [
  (
    "PCAChapter", "pca",
    [
      "AutoencoderKit", "Lecture", "LectureChecks", "LinearAlgebra", "TensorMatrix", "TensorCore", "Autodiff",
      "NeuralNet", "Datasets", "Plotting", "Stochastic",
    ]
  ),
  (
    "AutoencoderChapter", "autoencoder",
    [
      "AutoencoderKit", "Lecture", "LectureChecks", "LinearAlgebra", "TensorMatrix", "TensorCore", "Autodiff",
      "NeuralNet", "Datasets", "Plotting", "Stochastic",
    ]
  ),
  (
    "SparseChapter", "sparse",
    [
      "AutoencoderKit", "Lecture", "LectureChecks", "TensorCore", "Autodiff", "NeuralNet", "Datasets", "Plotting",
      "Stochastic",
    ]
  ),
  (
    "DenoisingChapter", "denoising",
    [
      "AutoencoderKit", "Lecture", "LectureChecks", "Probability", "TensorCore", "Autodiff", "NeuralNet", "Datasets",
      "Plotting", "Stochastic",
    ]
  ),
  (
    "StackedChapter", "stacked",
    [
      "AutoencoderKit", "Lecture", "LectureChecks", "LinearAlgebra", "TensorMatrix", "Probability", "TensorCore",
      "Autodiff", "NeuralNet", "Datasets", "Plotting", "Stochastic",
    ]
  ),
  ("PrelimsChapter", "prelims", ["Lecture", "Probability", "Plotting", "Stochastic"]),
  (
    "VAEChapter", "vae",
    [
      "AutoencoderKit", "Lecture", "LectureChecks", "LinearAlgebra", "TensorMatrix", "Probability", "LatentModels",
      "TensorCore", "Autodiff", "NeuralNet", "Datasets", "Plotting", "Stochastic",
    ]
  ),
  (
    "CVAEChapter", "cvae",
    [
      "AutoencoderKit", "Lecture", "LectureChecks", "LinearAlgebra", "TensorMatrix", "Probability", "LatentModels",
      "TensorCore", "Autodiff", "NeuralNet", "Datasets", "Plotting", "Stochastic",
    ]
  ),
  (
    "VQVAEChapter", "vqvae",
    [
      "AutoencoderKit", "Lecture", "LectureChecks", "Probability", "LatentModels", "TensorCore", "Autodiff",
      "NeuralNet", "Datasets", "Plotting", "Stochastic",
    ]
  ),
]

let package = Package(
  name: "DeepUnsupervisedLecture",
  platforms: [.macOS(.v13)],
  products: chapters.map { .executable(name: $0.executable, targets: [$0.executable]) } + [
    .executable(name: "course", targets: ["course"]),
    .executable(name: "bench", targets: ["bench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // C libraries behind module maps (module.modulemap + shim.h only).
    .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(name: "CLAPACKE", pkgConfig: "lapacke", providers: [.apt(["liblapacke-dev"])]),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

    // Training's element-wise kernels in C, multiversioned for AVX-512/AVX2/baseline x86-64
    // (ckernels.c; -ffp-contract=off keeps every version bit-identical), and the persistent
    // thread pool of the row-split loops (pool.c).
    .target(name: "CKernels", cSettings: [.unsafeFlags(["-O3", "-ffp-contract=off"])]),

    // Library modules, one responsibility each.
    .target(name: "Stochastic"),
    .target(name: "LinearAlgebra", dependencies: ["CBLAS", "CLAPACKE", "CKernels", "Stochastic"]),
    .target(name: "TensorCore", dependencies: ["CBLAS", "CKernels", "Stochastic"]),
    // The crossing between the Float32 Tensor of training and the Double Matrix of the checks.
    .target(name: "TensorMatrix", dependencies: ["TensorCore", "LinearAlgebra"]),
    .target(name: "Autodiff", dependencies: ["TensorCore"]),
    .target(name: "NeuralNet", dependencies: ["Autodiff", "TensorCore", "Stochastic", "CKernels"]),
    .target(name: "Datasets", dependencies: ["CZlib", "TensorCore", "Stochastic"]),
    .target(name: "Probability", dependencies: ["LinearAlgebra", "Stochastic"]),
    .target(
      name: "LatentModels",
      dependencies: ["NeuralNet", "Autodiff", "TensorCore", "Probability", "Stochastic", "CKernels"]
    ),
    .target(name: "Plotting"),
    .target(
      name: "Lecture",
      dependencies: [
        "Plotting", "Datasets", "Stochastic", "CKernels",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // What the autoencoder-family chapters share: dense autoencoders, the BCE training loop,
    // chunked evaluation, image tiles, per-image errors.
    .target(name: "AutoencoderKit", dependencies: ["Autodiff", "NeuralNet", "TensorCore", "Stochastic"]),
    // The check rows that need the numerical modules: a backward pass against finite
    // differences, the training loss's gradient row, orderings of paired per-image errors.
    .target(
      name: "LectureChecks",
      dependencies: ["Lecture", "Autodiff", "NeuralNet", "TensorCore", "Stochastic", "Probability"]),
  ]
    // Chapters: the lecture's content as a library (so `course` and the tests can run it), and
    // a thin executable per chapter; both made from the one list `chapters` above.
    + chapters.flatMap { chapter -> [Target] in
      [
        .target(name: chapter.library, dependencies: chapter.dependencies.map { .target(name: $0) }),
        .executableTarget(name: chapter.executable, dependencies: [.target(name: chapter.library), "Lecture"]),
      ]
    }
    + [
      .executableTarget(
        name: "course",
        dependencies: chapters.map { .target(name: $0.library) } + [
          "Lecture", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
      // Training speed: seconds per epoch and GFLOP/s of the slides' models (a benchmark, not a test).
      .executableTarget(
        name: "bench",
        dependencies: [
          "TensorCore", "Autodiff", "NeuralNet", "AutoencoderKit", "LatentModels", "Datasets", "Lecture", "Stochastic",
          "AutoencoderChapter", "VQVAEChapter", "CBLAS",
          "CKernels",
          .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

      // Tests mirror the modules.
      .testTarget(name: "StochasticTests", dependencies: ["Stochastic"]),
      .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "Stochastic", "CKernels"]),
      .testTarget(name: "TensorCoreTests", dependencies: ["TensorCore", "Stochastic", "CKernels"]),
      .testTarget(name: "AutodiffTests", dependencies: ["Autodiff", "TensorCore", "Stochastic"]),
      .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet", "Autodiff", "TensorCore", "Stochastic"]),
      .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "TensorCore"]),
      .testTarget(name: "PlottingTests", dependencies: ["Plotting"]),
      .testTarget(name: "LectureTests", dependencies: ["Lecture"]),
      .testTarget(name: "ProbabilityTests", dependencies: ["Probability", "LinearAlgebra", "Stochastic"]),
      .testTarget(
        name: "LatentModelsTests", dependencies: ["LatentModels", "NeuralNet", "Autodiff", "TensorCore", "Stochastic"]),
      .testTarget(
        name: "ChapterTests",
        dependencies: chapters.map { .target(name: $0.library) } + [
          "AutoencoderKit", "Lecture", "LinearAlgebra", "TensorMatrix", "Probability", "LatentModels", "NeuralNet",
          "Autodiff", "TensorCore", "Stochastic", "Datasets",
        ]),
    ],
  swiftLanguageModes: [.v6]
)
