// LabeledImages: a dataset split in memory, as the lecture's models consume it.
//
// Images are flattened rows of a [N, height*width] tensor (rows are samples, the convention
// of TensorCore), with pixel bytes scaled to [0, 1]. The labels stay beside them for
// colouring plots and for the classification probes; unsupervised training ignores them.

import Foundation
import TensorCore

/// Images with their class labels.
public struct LabeledImages: Sendable {
  /// Shape [count, height * width]; each pixel is its byte value / 255, so in [0, 1].
  public var images: Tensor
  /// One class index per image, each in `0..<classNames.count`.
  public var labels: [Int]
  /// Image height in pixels.
  public let height: Int
  /// Image width in pixels.
  public let width: Int
  /// Human-readable name of each class, indexed by label.
  public let classNames: [String]

  /// Wraps already decoded data; `images` must be [labels.count, height * width].
  public init(images: Tensor, labels: [Int], height: Int, width: Int, classNames: [String]) {
    precondition(
      images.shape == [labels.count, height * width],
      "images of shape \(images.shape) do not match \(labels.count) labels of \(height)x\(width)")
    self.images = images
    self.labels = labels
    self.height = height
    self.width = width
    self.classNames = classNames
  }

  /// The number of examples.
  public var count: Int { labels.count }

  /// The examples at `indices`, in that order (repeats allowed): for shuffles and batches.
  public func subset(_ indices: [Int]) -> LabeledImages {
    let pixels = height * width
    let storage = [Float](unsafeUninitializedCapacity: indices.count * pixels) { out, written in
      images.storage.withUnsafeBufferPointer { source in
        for (row, index) in indices.enumerated() {
          precondition(index >= 0 && index < count, "index \(index) outside 0..<\(count)")
          let from = UnsafeBufferPointer(
            rebasing: source[(index * pixels)..<((index + 1) * pixels)])
          _ = UnsafeMutableBufferPointer(rebasing: out[(row * pixels)..<((row + 1) * pixels)])
            .initialize(from: from)
        }
      }
      written = indices.count * pixels
    }
    return LabeledImages(
      images: Tensor(shape: [indices.count, pixels], storage: storage),
      labels: indices.map { labels[$0] }, height: height, width: width, classNames: classNames)
  }

  /// The index of the first example of each class, in class order (a class with no example
  /// is left out): the one-per-class rows of the figures.
  public var firstOfEachClass: [Int] {
    classNames.indices.compactMap { c in labels.firstIndex(of: c) }
  }

  /// The class names of the examples at `indices`, "class k" for a label without a name: the
  /// column labels of a figure that shows those examples.
  public func classNames(of indices: [Int]) -> [String] {
    indices.map { i in
      let k = labels[i]
      return classNames.indices.contains(k) ? classNames[k] : "class \(k)"
    }
  }

  /// The first `min(n, count)` examples (quick runs on a small slice).
  public func prefix(_ n: Int) -> LabeledImages {
    let kept = max(0, min(n, count))
    let pixels = height * width
    return LabeledImages(
      images: Tensor(shape: [kept, pixels], storage: Array(images.storage[0..<(kept * pixels)])),
      labels: Array(labels[0..<kept]), height: height, width: width, classNames: classNames)
  }
}

extension LabeledImages {
  /// Loads an images IDX file ([N, height, width] bytes) and a labels IDX file ([N]),
  /// gzip-compressed or not, checking that they belong together.
  ///
  /// - Parameter imageSize: if given, the images must be exactly this size (28x28 for MNIST
  ///   and Fashion-MNIST), so a wrong file is caught here rather than as a shape error later.
  /// - Throws: `DatasetError` naming the offending file: unreadable, corrupt gzip or IDX,
  ///   wrong shape, images/labels count mismatch, or a label outside `0..<classNames.count`.
  public init(
    imagesFile: URL, labelsFile: URL, classNames: [String],
    imageSize: (height: Int, width: Int)? = nil
  ) throws {
    let imageArray = try readIDX(imagesFile)
    let labelArray = try readIDX(labelsFile)
    try self.init(
      images: imageArray, imagesSource: imagesFile.path, labels: labelArray,
      labelsSource: labelsFile.path, classNames: classNames, imageSize: imageSize)
  }

  /// Builds the split from decoded IDX arrays; the sources name the files in errors.
  public init(
    images imageArray: IDXArray, imagesSource: String, labels labelArray: IDXArray,
    labelsSource: String, classNames: [String], imageSize: (height: Int, width: Int)? = nil
  ) throws {
    let dims = imageArray.dimensions
    let expected =
      imageSize.map { "[N, \($0.height), \($0.width)] images" } ?? "[N, height, width] images"
    guard dims.count == 3, imageSize.map({ dims[1] == $0.height && dims[2] == $0.width }) ?? true
    else {
      throw DatasetError.unexpectedShape(path: imagesSource, shape: dims, expected: expected)
    }
    guard labelArray.dimensions.count == 1 else {
      throw DatasetError.unexpectedShape(
        path: labelsSource, shape: labelArray.dimensions, expected: "[N] labels")
    }
    let (n, height, width) = (dims[0], dims[1], dims[2])
    guard labelArray.dimensions[0] == n else {
      throw DatasetError.countMismatch(
        images: imagesSource, imageCount: n, labels: labelsSource,
        labelCount: labelArray.dimensions[0])
    }

    var labels = [Int](repeating: 0, count: n)
    for (index, byte) in labelArray.bytes.enumerated() {
      guard Int(byte) < classNames.count else {
        throw DatasetError.labelOutOfRange(
          path: labelsSource, index: index, label: Int(byte), classCount: classNames.count)
      }
      labels[index] = Int(byte)
    }

    self.init(
      images: Tensor(shape: [n, height * width], storage: pixelsToUnitInterval(imageArray.bytes)),
      labels: labels, height: height, width: width, classNames: classNames)
  }
}

/// byte / 255 for every byte, in one pass into a preallocated array (60000 MNIST images are
/// 47M pixels, so this runs in the load path of every lecture command).
///
/// A 256-entry table gives exactly `Float(byte) / 255` (255 maps to 1.0, not 1.0000001).
func pixelsToUnitInterval(_ bytes: [UInt8]) -> [Float] {
  let table = (0..<256).map { Float($0) / 255 }
  return [Float](unsafeUninitializedCapacity: bytes.count) { out, written in
    table.withUnsafeBufferPointer { table in
      bytes.withUnsafeBufferPointer { input in
        for i in 0..<input.count { out[i] = table[Int(input[i])] }
      }
    }
    written = bytes.count
  }
}
