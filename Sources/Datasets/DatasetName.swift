// DatasetName / DatasetSplit: which images the lecture works on, and the files they live in.
//
// Both datasets share the IDX file layout and names (Fashion-MNIST was designed as a drop-in
// replacement for MNIST), so one loader serves both; only the class names and where the
// files are found differ (see DatasetLocator.swift).

/// The image datasets the lecture can load.
public enum DatasetName: String, CaseIterable, Sendable {
  /// Zalando's Fashion-MNIST: 28x28 grey clothing images, 10 classes (the default: digits are
  /// too easy to show the differences between methods).
  case fashion
  /// LeCun's handwritten digits, 28x28 grey, 10 classes.
  case mnist

  /// The label names, indexed by label value.
  public var classNames: [String] {
    switch self {
    case .fashion:
      return [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
        "Bag", "Ankle boot",
      ]
    case .mnist:
      return (0...9).map(String.init)
    }
  }

  /// The name to show people.
  public var displayName: String {
    switch self {
    case .fashion: return "Fashion-MNIST"
    case .mnist: return "MNIST"
    }
  }

  /// The environment variable that points at a directory holding this dataset's files.
  public var environmentVariable: String {
    switch self {
    case .fashion: return "DUL_FASHION_DIR"
    case .mnist: return "DUL_MNIST_DIR"
    }
  }

  /// Image height and width in pixels (both datasets are 28x28).
  public var imageSide: Int { 28 }
}

/// The training or the test half of a dataset (60000 and 10000 images).
public enum DatasetSplit: String, CaseIterable, Sendable {
  case train
  case test

  /// The gzip-compressed IDX file of images, as the upstream sites name it.
  public var imagesFile: String {
    switch self {
    case .train: return "train-images-idx3-ubyte.gz"
    case .test: return "t10k-images-idx3-ubyte.gz"
    }
  }

  /// The gzip-compressed IDX file of labels, as the upstream sites name it.
  public var labelsFile: String {
    switch self {
    case .train: return "train-labels-idx1-ubyte.gz"
    case .test: return "t10k-labels-idx1-ubyte.gz"
    }
  }

  /// Both files: images first, then labels.
  public var files: [String] { [imagesFile, labelsFile] }

  /// All four standard file names, in the order the error messages list them.
  public static var allFiles: [String] { DatasetSplit.allCases.flatMap(\.files) }
}
