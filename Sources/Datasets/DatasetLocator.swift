// DatasetLocator: decide which files on disk a dataset split is loaded from.
//
// Lookup order, most explicit first, so a user's choice is never overridden:
//   1. `--data DIR` (DatasetSource.dataDirectory): the files must be there; no fallback, since
//      silently loading something else would hide a typo in the path.
//   2. The environment variable (DUL_FASHION_DIR / DUL_MNIST_DIR), with the same strictness.
//   3. Fashion-MNIST: /usr/share/datasets/fashion-mnist, from the Debian package
//      dataset-fashion-mnist. MNIST: the per-user cache directory, filled by a download if
//      `allowDownload` (see MNISTDownload.swift).
//
// MNIST files under their standard .gz names are checked against the published MD5 sums.
// Debian recompressed Fashion-MNIST (its MD5s differ from upstream), so Fashion-MNIST is
// validated by structure only: 28x28 images, 1-D labels, equal counts, labels < 10.

import Foundation

/// Where dataset files may come from; built from the command line and the environment.
public struct DatasetSource: Sendable {
  /// `--data DIR`: a directory holding the IDX files (.gz or uncompressed).
  public var dataDirectory: URL?
  /// Whether MNIST may be downloaded into the cache when it is not on disk.
  public var allowDownload: Bool
  /// The process environment (injectable so tests do not depend on the real one).
  public var environment: [String: String]
  /// Download mirrors for MNIST, tried in order; `file://` directories work as well.
  public var mirrors: [URL]
  /// Seconds without a byte received after which one download attempt is abandoned
  /// (a hanging resolver, a connection or a transfer that stalls).
  public var downloadIdleTimeout: TimeInterval
  /// Receives one line per user-visible action (downloads); standard error by default.
  public var log: @Sendable (String) -> Void

  public init(
    dataDirectory: URL? = nil,
    allowDownload: Bool = false,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    mirrors: [URL] = mnistMirrors,
    downloadIdleTimeout: TimeInterval = 10,
    log: @escaping @Sendable (String) -> Void = { line in
      FileHandle.standardError.write(Data((line + "\n").utf8))
    }
  ) {
    self.dataDirectory = dataDirectory
    self.allowDownload = allowDownload
    self.environment = environment
    self.mirrors = mirrors
    self.downloadIdleTimeout = downloadIdleTimeout
    self.log = log
  }

  /// `$XDG_CACHE_HOME/deep-unsupervised-lecture/mnist`, by default under `~/.cache`:
  /// where downloaded MNIST files are kept.
  public var mnistCacheDirectory: URL {
    let base: URL
    if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
      base = URL(fileURLWithPath: xdg, isDirectory: true)  // the spec ignores relative paths
    } else {
      let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
      base = URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".cache")
    }
    return base.appendingPathComponent("deep-unsupervised-lecture")
      .appendingPathComponent("mnist", isDirectory: true)
  }
}

/// Where the Debian package dataset-fashion-mnist installs its files.
public let fashionSystemDirectory = URL(
  fileURLWithPath: "/usr/share/datasets/fashion-mnist", isDirectory: true)

/// The two files a split was located at, and a phrase saying where they came from.
public struct DatasetFiles: Sendable, Equatable {
  public var images: URL
  public var labels: URL
  /// E.g. "--data /tmp/x", "DUL_MNIST_DIR", "the cache", for messages like "loaded from ...".
  public var origin: String
}

/// Loads a split of a dataset, looking in the places `source` allows (see the file comment).
///
/// - Throws: `DatasetError` with one actionable line: not found (saying how to provide it),
///   missing file in an explicit directory, download failure, checksum mismatch, or a
///   malformed file.
public func loadDataset(_ name: DatasetName, split: DatasetSplit, source: DatasetSource) throws
  -> LabeledImages
{
  let files = try locateDataset(name, split: split, source: source)
  let side = name.imageSide
  return try LabeledImages(
    imagesFile: files.images, labelsFile: files.labels, classNames: name.classNames,
    imageSize: (side, side))
}

/// Finds (and for MNIST, if allowed, downloads and verifies) the two files of a split.
public func locateDataset(_ name: DatasetName, split: DatasetSplit, source: DatasetSource) throws
  -> DatasetFiles
{
  // 1 and 2: explicit directories, strict.
  let explicit: (URL, String)? =
    source.dataDirectory.map { ($0, "--data") }
    ?? source.environment[name.environmentVariable].flatMap {
      $0.isEmpty ? nil : (URL(fileURLWithPath: $0, isDirectory: true), name.environmentVariable)
    }
  if let explicit {
    let (directory, origin) = explicit
    var found: [URL] = []
    for file in split.files {
      guard let url = existingFile(file, in: directory) else {
        throw DatasetError.missingFile(directory: directory.path, file: file, origin: origin)
      }
      if name == .mnist { try verifyMNISTChecksum(url) }
      found.append(url)
    }
    return DatasetFiles(
      images: found[0], labels: found[1],
      origin: origin == "--data" ? "--data \(directory.path)" : "\(origin)=\(directory.path)")
  }

  // 3: the system-wide or cached copy.
  switch name {
  case .fashion:
    var found: [URL] = []
    for file in split.files {
      guard let url = existingFile(file, in: fashionSystemDirectory) else {
        throw DatasetError.fashionNotFound(missing: file, searched: [fashionSystemDirectory.path])
      }
      found.append(url)
    }
    return DatasetFiles(images: found[0], labels: found[1], origin: fashionSystemDirectory.path)

  case .mnist:
    let cache = source.mnistCacheDirectory
    var found: [URL] = []
    for file in split.files {
      if let url = existingFile(file, in: cache) {
        try verifyMNISTChecksum(url)
        found.append(url)
      } else if source.allowDownload {
        found.append(try downloadMNISTFile(file, into: cache, source: source))
      } else {
        throw DatasetError.mnistNotFound(missing: file, cacheDirectory: cache.path)
      }
    }
    return DatasetFiles(images: found[0], labels: found[1], origin: cache.path)
  }
}

/// `directory/file` if it exists, else the uncompressed `directory/file` without ".gz"
/// (people often unpack the archives); nil if neither is a regular file.
func existingFile(_ file: String, in directory: URL) -> URL? {
  var candidates = [file]
  if file.hasSuffix(".gz") { candidates.append(String(file.dropLast(3))) }
  for candidate in candidates {
    let url = directory.appendingPathComponent(candidate)
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
      !isDirectory.boolValue
    {
      return url
    }
  }
  return nil
}

/// Checks an MNIST file against the published MD5 when it has one of the standard .gz names
/// (an uncompressed or renamed file has no published sum; IDX validation still applies).
func verifyMNISTChecksum(_ url: URL) throws {
  guard let expected = mnistChecksums[url.lastPathComponent] else { return }
  let actual = md5Hex(try readBytes(url))
  guard actual == expected else {
    throw DatasetError.checksumMismatch(path: url.path, expected: expected, actual: actual)
  }
}
