// Where datasets are looked up, what happens when they are missing or corrupt, and the
// download path: file:// mirrors, a local HTTP server playing good, empty, stalled and slow
// mirrors, and (only with DUL_NETWORK_TESTS=1) the real mirrors.

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
  // Offline, the failed download names the four files to copy and the flag that reads them.
  let offline = message(of: DatasetError.downloadFailed(file: "f", directory: "/c", attempts: ["u: r"]))
  for file in DatasetSplit.allFiles { #expect(offline.contains(file), "\(file)") }
  #expect(offline.contains("--data DIR"))
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

/// The shared MNIST test split's two files, by name, to be served over HTTP.
private func sharedTestSplitFiles() throws -> [String: [UInt8]] {
  var files: [String: [UInt8]] = [:]
  for file in DatasetSplit.test.files {
    files[file] = try [UInt8](
      Data(contentsOf: sharedMNISTDirectory.appendingPathComponent(file)))
  }
  return files
}

/// A download source writing into a cache under `scratch`, with a one-second idle timeout.
private func httpSource(scratch: URL, mirrors: [URL]) -> DatasetSource {
  var src = source(
    download: true,
    environment: ["XDG_CACHE_HOME": scratch.appendingPathComponent("cache").path],
    mirrors: mirrors)
  src.downloadIdleTimeout = 1
  return src
}

@Test(.enabled(if: sharedMNISTAvailable))
func httpMirrorServesVerifiedFilesAfterAStalledOne() throws {
  let scratch = try makeTemporaryDirectory()
  defer { cleanUp(scratch) }
  let stalled = try LocalHTTPServer(.stall)
  defer { stalled.stop() }
  let good = try LocalHTTPServer(.serve(try sharedTestSplitFiles()))
  defer { good.stop() }
  var src = httpSource(scratch: scratch, mirrors: [stalled.url, good.url])
  // 3 idle seconds: the good mirror's first byte must come within them even on a loaded machine.
  src.downloadIdleTimeout = 3

  let start = Date()
  let data = try loadDataset(.mnist, split: .test, source: src)
  let elapsed = Date().timeIntervalSince(start)
  #expect(data.count == 10000)
  #expect(
    contents(src.mnistCacheDirectory) == ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"])
  // Two files, each waiting out the stalled mirror's three idle seconds first; the upper bound
  // only says that nothing waits for URLSession's own timeouts (minutes), with room for a
  // loaded machine.
  #expect(elapsed >= 6 && elapsed < 40, "took \(elapsed) s")
}

@Test
func stalledMirrorFailsAfterTheIdleTimeoutAndKeepsNothing() throws {
  let scratch = try makeTemporaryDirectory()
  defer { cleanUp(scratch) }
  let stalled = try LocalHTTPServer(.stall)
  defer { stalled.stop() }
  let src = httpSource(scratch: scratch, mirrors: [stalled.url, stalled.url])

  let start = Date()
  let error = try #require(throws: DatasetError.self) {
    try loadDataset(.mnist, split: .test, source: src)
  }
  let elapsed = Date().timeIntervalSince(start)
  guard case .downloadFailed(let file, _, let attempts) = error else {
    Issue.record("expected downloadFailed, got \(error)")
    return
  }
  #expect(file == "t10k-images-idx3-ubyte.gz")
  #expect(attempts.count == 2)
  #expect(attempts.allSatisfy { $0.contains("nothing received for 1 s") }, "\(attempts)")
  #expect(elapsed >= 2 && elapsed < 30, "took \(elapsed) s")
  #expect(contents(src.mnistCacheDirectory).isEmpty)
}

/// The watchdog measures silence, not the length of the transfer: a body arriving in 32
/// pieces a quarter second apart (31 pauses, 7.75 s, per file) must come through an idle timeout of
/// 6 s. Load can only lengthen the transfer, which the test wants; it could fail only if a
/// single quarter-second pause stretched past 6 s, 24 times its length, which a loaded machine
/// does not do to a thread that is ready to run.
@Test(.enabled(if: sharedMNISTAvailable))
func slowButSteadyTransferIsNotCutOff() throws {
  let scratch = try makeTemporaryDirectory()
  defer { cleanUp(scratch) }
  let slow = try LocalHTTPServer(.trickle(try sharedTestSplitFiles(), chunks: 32, pause: 0.25))
  defer { slow.stop() }
  var src = httpSource(scratch: scratch, mirrors: [slow.url])
  src.downloadIdleTimeout = 6

  let start = Date()
  let data = try loadDataset(.mnist, split: .test, source: src)
  #expect(data.count == 10000)
  // Two files of 31 pauses each: 15.5 s of sleeping, longer than the idle timeout twice over.
  #expect(Date().timeIntervalSince(start) > 2 * src.downloadIdleTimeout)
}

@Test
func missingFileOnAnHTTPMirrorIsReportedWithItsStatus() throws {
  let scratch = try makeTemporaryDirectory()
  defer { cleanUp(scratch) }
  let empty = try LocalHTTPServer(.serve([:]))
  defer { empty.stop() }
  let src = httpSource(scratch: scratch, mirrors: [empty.url])
  let error = try #require(throws: DatasetError.self) {
    try loadDataset(.mnist, split: .test, source: src)
  }
  guard case .downloadFailed(_, _, let attempts) = error else {
    Issue.record("expected downloadFailed, got \(error)")
    return
  }
  #expect(attempts.count == 1)
  #expect(attempts[0].contains("HTTP status 404"), "\(attempts)")
  #expect(contents(src.mnistCacheDirectory).isEmpty)
}

/// Whether the tests may use the internet (`DUL_NETWORK_TESTS=1`). Off by default: build
/// machines are offline, and the way they are offline varies (a refused connection, or a
/// resolver that never answers), so a test of the real mirrors says nothing reliable there.
private let networkTestsEnabled = ProcessInfo.processInfo.environment["DUL_NETWORK_TESTS"] == "1"

/// The real mirrors, when the internet is allowed: the files must arrive and verify.
@Test(.enabled(if: networkTestsEnabled))
func realMirrorsServeVerifiedFiles() throws {
  let cacheHome = try makeTemporaryDirectory()
  defer { cleanUp(cacheHome) }
  let src = source(
    download: true, environment: ["XDG_CACHE_HOME": cacheHome.path], mirrors: mnistMirrors)
  let data = try loadDataset(.mnist, split: .test, source: src)
  #expect(data.count == 10000)
  for file in DatasetSplit.test.files {
    let bytes = try [UInt8](
      Data(contentsOf: src.mnistCacheDirectory.appendingPathComponent(file)))
    #expect(md5Hex(bytes) == mnistChecksums[file])
  }
}
