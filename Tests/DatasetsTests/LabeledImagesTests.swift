// LabeledImages: pixel scaling, subsets, and the consistency checks between the two files.

import Datasets
import Foundation
import TensorCore
import Testing

/// Three 2x2 images and their labels, as decoded IDX arrays.
private let tinyImages = IDXArray(
  dimensions: [3, 2, 2], bytes: [0, 51, 102, 255, 1, 2, 3, 4, 5, 6, 7, 8])
private let tinyLabels = IDXArray(dimensions: [3], bytes: [2, 0, 9])

private func tiny() throws -> LabeledImages {
  try LabeledImages(
    images: tinyImages, imagesSource: "images", labels: tinyLabels, labelsSource: "labels",
    classNames: DatasetName.mnist.classNames)
}

@Test func scalesBytesToUnitInterval() throws {
  let data = try tiny()
  #expect(data.count == 3)
  #expect(data.height == 2 && data.width == 2)
  #expect(data.images.shape == [3, 4])
  #expect(Array(data.images.storage.prefix(4)) == [0, 0.2, 0.4, 1])
  #expect(data.images.storage == tinyImages.bytes.map { Float($0) / 255 })
  #expect(data.labels == [2, 0, 9])
}

@Test func subsetAndPrefixKeepImagesWithTheirLabels() throws {
  let data = try tiny()
  let picked = data.subset([2, 0, 2])
  #expect(picked.labels == [9, 2, 9])
  #expect(picked.images.shape == [3, 4])
  #expect(Array(picked.images.storage[0..<4]) == Array(data.images.storage[8..<12]))
  #expect(Array(picked.images.storage[4..<8]) == Array(data.images.storage[0..<4]))
  #expect(data.subset([]).count == 0)

  #expect(data.prefix(2).labels == [2, 0])
  #expect(data.prefix(2).images.storage == Array(data.images.storage[0..<8]))
  #expect(data.prefix(99).count == 3)
  #expect(data.prefix(0).images.shape == [0, 4])
}

@Test func rejectsCountMismatch() throws {
  let error = try #require(throws: DatasetError.self) {
    try LabeledImages(
      images: tinyImages, imagesSource: "imgs.gz",
      labels: IDXArray(dimensions: [2], bytes: [1, 2]),
      labelsSource: "lbls.gz", classNames: DatasetName.mnist.classNames)
  }
  #expect(
    error == .countMismatch(images: "imgs.gz", imageCount: 3, labels: "lbls.gz", labelCount: 2))
  #expect(message(of: error).contains("imgs.gz") && message(of: error).contains("lbls.gz"))
}

@Test func rejectsLabelOutOfRange() throws {
  let error = try #require(throws: DatasetError.self) {
    try LabeledImages(
      images: tinyImages, imagesSource: "imgs",
      labels: IDXArray(dimensions: [3], bytes: [1, 10, 2]),
      labelsSource: "lbls.gz", classNames: DatasetName.fashion.classNames)
  }
  #expect(error == .labelOutOfRange(path: "lbls.gz", index: 1, label: 10, classCount: 10))
}

@Test func rejectsWrongShapes() throws {
  #expect(throws: DatasetError.self) {
    try LabeledImages(
      images: tinyImages, imagesSource: "imgs", labels: tinyLabels, labelsSource: "lbls",
      classNames: DatasetName.mnist.classNames, imageSize: (28, 28))
  }
  #expect(throws: DatasetError.self) {
    try LabeledImages(
      images: IDXArray(dimensions: [12], bytes: tinyImages.bytes), imagesSource: "imgs",
      labels: tinyLabels, labelsSource: "lbls", classNames: DatasetName.mnist.classNames)
  }
  #expect(throws: DatasetError.self) {
    try LabeledImages(
      images: tinyImages, imagesSource: "imgs",
      labels: IDXArray(dimensions: [3, 1], bytes: [1, 2, 3]),
      labelsSource: "lbls", classNames: DatasetName.mnist.classNames)
  }
}

@Test func namesAndFiles() {
  #expect(DatasetName.fashion.classNames.count == 10)
  #expect(DatasetName.fashion.classNames[9] == "Ankle boot")
  #expect(DatasetName.mnist.classNames == ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"])
  #expect(DatasetName.fashion.displayName == "Fashion-MNIST")
  #expect(DatasetName.mnist.displayName == "MNIST")
  #expect(DatasetSplit.test.imagesFile == "t10k-images-idx3-ubyte.gz")
  #expect(DatasetSplit.train.labelsFile == "train-labels-idx1-ubyte.gz")
  #expect(Set(mnistChecksums.keys) == Set(DatasetSplit.allFiles))
}

@Test func nonSquareImagesKeepHeightAndWidthApart() throws {
  // Two 2x3 images (IDX dimensions [N, height, width]): height 2, width 3, never the other way.
  let images = IDXArray(dimensions: [2, 2, 3], bytes: (0..<12).map { UInt8($0) })
  let data = try LabeledImages(
    images: images, imagesSource: "imgs", labels: IDXArray(dimensions: [2], bytes: [4, 1]),
    labelsSource: "lbls", classNames: DatasetName.mnist.classNames, imageSize: (height: 2, width: 3))
  #expect(data.height == 2 && data.width == 3)
  #expect(data.images.shape == [2, 6])
  let error = try #require(throws: DatasetError.self) {
    try LabeledImages(
      images: images, imagesSource: "imgs", labels: IDXArray(dimensions: [2], bytes: [4, 1]),
      labelsSource: "lbls", classNames: DatasetName.mnist.classNames, imageSize: (height: 3, width: 2))
  }
  #expect(error == .unexpectedShape(path: "imgs", shape: [2, 2, 3], expected: "[N, 3, 2] images"))
}

@Test func nonSquareImagesFromFiles() throws {
  // One 3x5 image through gzip and readIDX.
  let directory = try makeTemporaryDirectory()
  defer { cleanUp(directory) }
  let imagesFile = directory.appendingPathComponent("i-idx3-ubyte.gz")
  let labelsFile = directory.appendingPathComponent("l-idx1-ubyte.gz")
  try Data(gzipStored(idxFile(dimensions: [1, 3, 5], payload: (0..<15).map { UInt8($0 * 17) })))
    .write(to: imagesFile)
  try Data(gzipStored(idxFile(dimensions: [1], payload: [7]))).write(to: labelsFile)
  let data = try LabeledImages(
    imagesFile: imagesFile, labelsFile: labelsFile, classNames: DatasetName.mnist.classNames)
  #expect(data.height == 3 && data.width == 5)
  #expect(data.images.shape == [1, 15])
}
