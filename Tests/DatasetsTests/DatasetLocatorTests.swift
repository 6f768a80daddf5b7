// Where datasets are looked up, what happens when they are missing or corrupt, and the
// download path (through file:// mirrors, plus one real network attempt).

import Datasets
import Foundation
import Testing

/// Writes a fake split (n random 28x28 images, labels i % 10) under the given file names.
private func writeFakeSplit(
  in directory: URL, imagesName: String, labelsName: String, count n: Int = 5, compress: Bool = true
) throws {
  let images = idxFile(dimensions: [n, 28, 28], payload: pseudoRandomBytes(n * 784))
  let labels = idxFile(dimensions: [n], payload: (0..<n).map { UInt8($0 % 10) })
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  try Data(compress ? gzipStored(images) : images).write(
    to: directory.appendingPathComponent(imagesName))
  try Data(compress ? gzipStored(labels) : labels).write(
    to: directory.appendingPathComponent(labelsName))
}

/// A source that sees only `environment` and logs nowhere.
private func source(
  data: URL? = nil, download: Bool = false, environment: [String: String] = [:], mirrors: [URL] = []
) -> DatasetSource {
  DatasetSource(
    dataDirectory: data, allowDownload: download, environment: environment, mirrors: mirrors,
    log: { _ in })
}

@Test(arguments: DatasetName.allCases)
func emptyDataDirectoryNamesDirectoryAndFile(name: DatasetName) throws {
  let directory = try makeTemporaryDirectory()
  defer { cleanUp(directory) }
  // An environment variable pointing elsewhere must not be used as a fallback.
  let environment = [name.environmentVariable: sharedMNISTDirectory.path]
  let error = try #require(throws: DatasetError.self) {
    try loadDataset(name, split: .test, source: source(data: directory, environment: environment))
  }
  #expect(
    error
      == .missingFile(
        directory: directory.path, file: "t10k-images-idx3-ubyte.gz", origin: "--data"))
  #expect(message(of: error).contains(directory.path))
  #expect(message(of: error).contains("t10k-images-idx3-ubyte.gz"))
}

@Test func environmentDirectoryIsUsedAndStrict() throws {
  let directory = try makeTemporaryDirectory()
  defer { cleanUp(directory) }
  try writeFakeSplit(
    in: directory, imagesName: "t10k-images-idx3-ubyte.gz", labelsName: "t10k-labels-idx1-ubyte.gz")
  let data = try loadDataset(
    .fashion, split: .test, source: source(environment: ["DUL_FASHION_DIR": directory.path]))
  #expect(data.images.shape == [5, 784])
  #expect(data.labels == [0, 1, 2, 3, 4])
  #expect(data.classNames == DatasetName.fashion.classNames)

  let error = try #require(throws: DatasetError.self) {
    try loadDataset(
      .fashion, split: .train, source: source(environment: ["DUL_FASHION_DIR": directory.path]))
  }
  #expect(
    error
      == .missingFile(
        directory: directory.path, file: "train-images-idx3-ubyte.gz", origin: "DUL_FASHION_DIR"))
}

@Test func uncompressedMNISTFilesAreAcceptedWithoutChecksum() throws {
  let directory = try makeTemporaryDirectory()
  defer { cleanUp(directory) }
  try writeFakeSplit(
    in: directory, imagesName: "train-images-idx3-ubyte", labelsName: "train-labels-idx1-ubyte",
    count: 12, compress: false)
  let data = try loadDataset(.mnist, split: .train, source: source(data: directory))
  #expect(data.count == 12)
  #expect(data.height == 28 && data.width == 28)
}

@Test func corruptCachedMNISTFileIsNamedWithAdviceToDelete() throws {
  let cacheHome = try makeTemporaryDirectory()
  defer { cleanUp(cacheHome) }
  let src = source(download: true, environment: ["XDG_CACHE_HOME": cacheHome.path])
  try writeFakeSplit(
    in: src.mnistCacheDirectory, imagesName: "t10k-images-idx3-ubyte.gz",
    labelsName: "t10k-labels-idx1-ubyte.gz")
  let error = try #require(throws: DatasetError.self) {
    try loadDataset(.mnist, split: .test, source: src)
  }
  guard case .checksumMismatch(let path, let expected, _) = error else {
    Issue.record("expected checksumMismatch, got \(error)")
    return
  }
  #expect(path == src.mnistCacheDirectory.appendingPathComponent("t10k-images-idx3-ubyte.gz").path)
  #expect(expected == "9fb629c4189551a2d022fa330f9573f3")
  #expect(message(of: error).contains("delete"))
}

@Test func missingMNISTWithoutDownloadSaysWhatToDo() throws {
  let cacheHome = try makeTemporaryDirectory()
  defer { cleanUp(cacheHome) }
  let src = source(environment: ["XDG_CACHE_HOME": cacheHome.path])
  let error = try #require(throws: DatasetError.self) {
    try loadDataset(.mnist, split: .test, source: src)
  }
  #expect(
    error
      == .mnistNotFound(
        missing: "t10k-images-idx3-ubyte.gz", cacheDirectory: src.mnistCacheDirectory.path))
  let text = message(of: error)
  for hint in ["--data DIR", "DUL_MNIST_DIR", "download", src.mnistCacheDirectory.path] {
    #expect(text.contains(hint))
  }
  #expect(!text.contains("\n"))
  #expect(FileManager.default.fileExists(atPath: src.mnistCacheDirectory.path) == false)
}

@Test func errorMessagesAreSingleLinesWithAdvice() {
  let fashion = DatasetError.fashionNotFound(
    missing: "t10k-images-idx3-ubyte.gz", searched: ["/usr/share/datasets/fashion-mnist"])
  #expect(message(of: fashion).contains("dataset-fashion-mnist"))
  #expect(message(of: fashion).contains("--data DIR"))
  #expect(fashion.localizedDescription == message(of: fashion))
  let all: [DatasetError] = [
    fashion, .mnistNotFound(missing: "a", cacheDirectory: "/c"),
    .missingFile(directory: "/d", file: "f", origin: "--data"),
    .unreadable(path: "/p", reason: "r"), .corruptGzip(path: "/p", reason: "r"),
    .corruptIDX(path: "/p", reason: "r"),
    .unexpectedShape(path: "/p", shape: [1], expected: "e"),
    .checksumMismatch(path: "/p", expected: "e", actual: "a"),
    .downloadFailed(file: "f", directory: "/c", attempts: ["u: r"]),
    .cacheWriteFailed(path: "/p", reason: "r"),
    .countMismatch(images: "/i", imageCount: 1, labels: "/l", labelCount: 2),
    .labelOutOfRange(path: "/p", index: 0, label: 11, classCount: 10),
  ]
  for error in all {
    #expect(!message(of: error).contains("\n"))
    #expect(!message(of: error).isEmpty)
  }
}

@Test func cacheDirectoryFollowsXDGThenHome() {
  #expect(
    source(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/h"]).mnistCacheDirectory.path
      == "/x/cache/deep-unsupervised-lecture/mnist")
  #expect(
    source(environment: ["HOME": "/h"]).mnistCacheDirectory.path
      == "/h/.cache/deep-unsupervised-lecture/mnist")
  #expect(
    source(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/h"]).mnistCacheDirectory.path
      == "/h/.cache/deep-unsupervised-lecture/mnist")
}

/// Files left in a directory (to check that no partial download survives).
private func contents(_ directory: URL) -> [String] {
  ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
}

@Test(.enabled(if: sharedMNISTAvailable))
func downloadSkipsABadMirrorAndCachesVerifiedFiles() throws {
  let scratch = try makeTemporaryDirectory()
  defer { cleanUp(scratch) }
  let badMirror = scratch.appendingPathComponent("bad-mirror", isDirectory: true)
  try writeFakeSplit(
    in: badMirror, imagesName: "t10k-images-idx3-ubyte.gz", labelsName: "t10k-labels-idx1-ubyte.gz")
  let cacheHome = scratch.appendingPathComponent("cache", isDirectory: true)
  let src = source(
    download: true, environment: ["XDG_CACHE_HOME": cacheHome.path],
    mirrors: [badMirror, sharedMNISTDirectory])

  let data = try loadDataset(.mnist, split: .test, source: src)
  #expect(data.images.shape == [10000, 784])
  #expect(
    contents(src.mnistCacheDirectory) == ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"])

  // Second load comes from the cache, with no mirror at all.
  var offline = src
  offline.mirrors = []
  #expect(try loadDataset(.mnist, split: .test, source: offline).labels == data.labels)
}

@Test func downloadWithOnlyBadMirrorsFailsAndKeepsNothing() throws {
  let scratch = try makeTemporaryDirectory()
  defer { cleanUp(scratch) }
  let badMirror = scratch.appendingPathComponent("bad-mirror", isDirectory: true)
  try writeFakeSplit(
    in: badMirror, imagesName: "t10k-images-idx3-ubyte.gz", labelsName: "t10k-labels-idx1-ubyte.gz")
  let emptyMirror = scratch.appendingPathComponent("empty-mirror", isDirectory: true)
  let cacheHome = scratch.appendingPathComponent("cache", isDirectory: true)
  let src = source(
    download: true, environment: ["XDG_CACHE_HOME": cacheHome.path],
    mirrors: [badMirror, emptyMirror])

  let error = try #require(throws: DatasetError.self) {
    try loadDataset(.mnist, split: .test, source: src)
  }
  guard case .downloadFailed(let file, let directory, let attempts) = error else {
    Issue.record("expected downloadFailed, got \(error)")
    return
  }
  #expect(file == "t10k-images-idx3-ubyte.gz")
  #expect(directory == src.mnistCacheDirectory.path)
  #expect(attempts.count == 2)
  #expect(attempts[0].contains("checksum mismatch"))
  #expect(contents(src.mnistCacheDirectory).isEmpty)
}

/// The real mirrors: offline (as on the build machines) this must fail fast with a
/// DatasetError; online it must produce verified files.
@Test(.timeLimit(.minutes(1)))
func networkDownloadFailsFastOrVerifies() throws {
  let cacheHome = try makeTemporaryDirectory()
  defer { cleanUp(cacheHome) }
  let src = source(
    download: true, environment: ["XDG_CACHE_HOME": cacheHome.path], mirrors: mnistMirrors)
  let start = Date()
  do {
    let data = try loadDataset(.mnist, split: .test, source: src)
    #expect(data.count == 10000)
    for file in DatasetSplit.test.files {
      let bytes = try [UInt8](
        Data(contentsOf: src.mnistCacheDirectory.appendingPathComponent(file)))
      #expect(md5Hex(bytes) == mnistChecksums[file])
    }
  } catch let error as DatasetError {
    guard case .downloadFailed(let file, let directory, let attempts) = error else {
      Issue.record("expected downloadFailed, got \(error)")
      return
    }
    #expect(file == "t10k-images-idx3-ubyte.gz")
    #expect(directory == src.mnistCacheDirectory.path)
    #expect(attempts.count == mnistMirrors.count)
    #expect(Date().timeIntervalSince(start) < 25)
    #expect(contents(src.mnistCacheDirectory).isEmpty)
  }
}
