// DatasetError: everything that can go wrong between "load MNIST" and a tensor of pixels.
//
// A lecture run is often the first thing someone tries, so each error is one line that names
// the file or directory involved and says what to do about it: a stack trace or "the data
// couldn't be read" would leave them guessing.

import Foundation

/// A dataset could not be found, read, verified or decoded.
public enum DatasetError: Error, CustomStringConvertible, LocalizedError, Sendable, Equatable {
  /// MNIST is in none of the searched places and downloading was not allowed;
  /// `missing` is the first file not found, `cacheDirectory` where a download would go.
  case mnistNotFound(missing: String, cacheDirectory: String)
  /// Fashion-MNIST is in none of the searched directories.
  case fashionNotFound(missing: String, searched: [String])
  /// A directory given explicitly (`--data DIR` or an environment variable, named by
  /// `origin`) lacks a needed file. Explicit choices never fall back to other places.
  case missingFile(directory: String, file: String, origin: String)
  /// The file exists but could not be read.
  case unreadable(path: String, reason: String)
  /// The file starts like gzip but does not decompress (truncated or damaged download).
  case corruptGzip(path: String, reason: String)
  /// The decompressed file is not a well-formed IDX array (bad header, truncated, ...).
  case corruptIDX(path: String, reason: String)
  /// A well-formed IDX array with the wrong shape for this dataset (e.g. not 28x28 images).
  case unexpectedShape(path: String, shape: [Int], expected: String)
  /// A file's MD5 differs from the published checksum.
  case checksumMismatch(path: String, expected: String, actual: String)
  /// Every mirror failed for `file`, which was to be stored in `directory`;
  /// `attempts` holds one "url: reason" per mirror.
  case downloadFailed(file: String, directory: String, attempts: [String])
  /// A downloaded file could not be stored in the cache directory.
  case cacheWriteFailed(path: String, reason: String)
  /// The image and label files disagree on the number of examples.
  case countMismatch(images: String, imageCount: Int, labels: String, labelCount: Int)
  /// A label is not a valid class index.
  case labelOutOfRange(path: String, index: Int, label: Int, classCount: Int)

  public var description: String {
    switch self {
    case .mnistNotFound(let missing, let cache):
      return "MNIST not found (no \(missing)): pass --data DIR with "
        + DatasetSplit.allFiles.joined(separator: ", ")
        + ", set DUL_MNIST_DIR, or allow a download (offline? copy the four files into \(cache))"
    case .fashionNotFound(let missing, let searched):
      return "Fashion-MNIST not found (no \(missing) in \(searched.joined(separator: " or "))): "
        + "install the Debian package dataset-fashion-mnist (scripts/install-deps) or pass --data DIR"
        + " (or set DUL_FASHION_DIR)"
    case .missingFile(let directory, let file, let origin):
      return "\(origin) \(directory) has no \(file): put "
        + DatasetSplit.allFiles.joined(separator: ", ")
        + " there, or fix \(origin)"
    case .unreadable(let path, let reason):
      return "cannot read \(path): \(reason); check that it exists and is readable"
    case .corruptGzip(let path, let reason):
      return "\(path) is not a valid gzip file (\(reason)); delete it and fetch it again"
    case .corruptIDX(let path, let reason):
      return "\(path) is not a valid IDX file (\(reason)); delete it and fetch it again"
    case .unexpectedShape(let path, let shape, let expected):
      return "\(path) holds an array of shape \(shape), expected \(expected); "
        + "is it the right file?"
    case .checksumMismatch(let path, let expected, let actual):
      return "\(path) is corrupt (MD5 \(actual), expected \(expected)); "
        + "delete it and download it again"
    case .downloadFailed(let file, let directory, let attempts):
      return "download of \(file) failed (\(attempts.joined(separator: "; "))); "
        + "offline? copy " + DatasetSplit.allFiles.joined(separator: ", ") + " into \(directory) by hand, "
        + "or pass --data DIR with them"
    case .cacheWriteFailed(let path, let reason):
      return "cannot write \(path) (\(reason)); set XDG_CACHE_HOME to a writable directory "
        + "or pass --data DIR"
    case .countMismatch(let images, let imageCount, let labels, let labelCount):
      return "\(images) has \(imageCount) images but \(labels) has \(labelCount) labels; "
        + "the two files must come from the same split"
    case .labelOutOfRange(let path, let index, let label, let classCount):
      return "\(path): label \(label) at index \(index) is outside 0..<\(classCount); "
        + "is it a labels file of this dataset?"
    }
  }

  public var errorDescription: String? { description }
}
