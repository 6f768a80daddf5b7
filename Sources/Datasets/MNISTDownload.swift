// MNISTDownload: fetch missing MNIST files into the cache, verified and written atomically.
//
// yann.lecun.com no longer serves the files reliably, so we use the mirrors PyTorch and
// TensorFlow rely on, in order. Every download is checked against the published MD5 before
// it is stored, and stored under a temporary name that is renamed into place: an interrupted
// or corrupted download never leaves a file that a later run would trust.
//
// Offline, the first file fails on every mirror within seconds (DNS fails fast; a stalled
// connection hits the 10-second timeout), and we stop there rather than trying the rest.

import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking  // URLSession lives here on Linux.
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The MNIST mirrors, in the order they are tried.
public let mnistMirrors: [URL] = [
  "https://ossci-datasets.s3.amazonaws.com/mnist/",
  "https://storage.googleapis.com/cvdf-datasets/mnist/",
].compactMap { URL(string: $0) }

/// The published MD5 sums of the four MNIST files, by file name.
public let mnistChecksums: [String: String] = [
  "train-images-idx3-ubyte.gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
  "train-labels-idx1-ubyte.gz": "d53e105ee54ea40749a09fcbcd1e9432",
  "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
  "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
]

/// Seconds without progress before a request is abandoned (connect or stalled transfer).
let downloadIdleTimeout: TimeInterval = 10
/// Upper bound for one whole transfer (the largest file is 9.9 MB).
let downloadTotalTimeout: TimeInterval = 300

/// Downloads `file` from the first mirror that serves it with the right MD5 and stores it
/// in `directory`; returns its URL there.
///
/// - Throws: `DatasetError.downloadFailed` listing every mirror's failure (a checksum
///   mismatch counts as a failure: the bad bytes are dropped), or `cacheWriteFailed`.
func downloadMNISTFile(_ file: String, into directory: URL, source: DatasetSource) throws -> URL {
  let expected = mnistChecksums[file]
  var attempts: [String] = []
  for mirror in source.mirrors {
    let url = mirror.appendingPathComponent(file)
    source.log("Downloading \(url.absoluteString) into \(directory.path)")
    switch fetch(url) {
    case .failure(let reason):
      attempts.append("\(url.absoluteString): \(reason.message)")
    case .success(let bytes):
      if let expected {
        let actual = md5Hex(bytes)
        guard actual == expected else {
          attempts.append(
            "\(url.absoluteString): checksum mismatch (MD5 \(actual), expected \(expected))")
          continue
        }
      }
      let destination = directory.appendingPathComponent(file)
      try writeAtomically(bytes, to: destination)
      return destination
    }
  }
  if attempts.isEmpty { attempts.append("no mirrors configured") }
  throw DatasetError.downloadFailed(file: file, directory: directory.path, attempts: attempts)
}

/// Why one fetch failed, as a short phrase for the error message.
struct FetchFailure: Error {
  let message: String
}

/// The body of `url`: HTTP(S) through URLSession with the timeouts above, `file://` read
/// directly (a local or network directory can act as a mirror).
func fetch(_ url: URL) -> Result<[UInt8], FetchFailure> {
  if url.isFileURL {
    do {
      return .success([UInt8](try Data(contentsOf: url)))
    } catch {
      return .failure(FetchFailure(message: "cannot read file"))
    }
  }

  let configuration = URLSessionConfiguration.ephemeral
  configuration.timeoutIntervalForRequest = downloadIdleTimeout
  configuration.timeoutIntervalForResource = downloadTotalTimeout
  configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
  let session = URLSession(configuration: configuration)
  defer { session.finishTasksAndInvalidate() }

  let outcome = FetchOutcome()
  let done = DispatchSemaphore(value: 0)
  let task = session.dataTask(with: URLRequest(url: url)) { data, response, error in
    if let error {
      outcome.set(.failure(FetchFailure(message: error.localizedDescription)))
    } else if let http = response as? HTTPURLResponse, http.statusCode != 200 {
      outcome.set(.failure(FetchFailure(message: "HTTP status \(http.statusCode)")))
    } else if let data {
      outcome.set(.success([UInt8](data)))
    } else {
      outcome.set(.failure(FetchFailure(message: "empty response")))
    }
    done.signal()
  }
  task.resume()
  // URLSession always calls back by the resource timeout; the margin only guards bugs.
  if done.wait(timeout: .now() + downloadTotalTimeout + 5) == .timedOut {
    task.cancel()
    return .failure(FetchFailure(message: "timed out"))
  }
  return outcome.get() ?? .failure(FetchFailure(message: "no response"))
}

/// Carries the completion handler's result back to the waiting thread.
private final class FetchOutcome: @unchecked Sendable {
  private let lock = NSLock()
  private var result: Result<[UInt8], FetchFailure>?

  func set(_ value: Result<[UInt8], FetchFailure>) {
    lock.lock()
    defer { lock.unlock() }
    result = value
  }

  func get() -> Result<[UInt8], FetchFailure>? {
    lock.lock()
    defer { lock.unlock() }
    return result
  }
}

/// Writes `bytes` to a temporary file next to `destination`, then renames it into place.
/// rename(2) within one directory is atomic, so readers see either no file or the whole
/// file; on any failure the temporary file is removed.
func writeAtomically(_ bytes: [UInt8], to destination: URL) throws {
  let directory = destination.deletingLastPathComponent()
  let temporary = directory.appendingPathComponent(
    ".\(destination.lastPathComponent).\(UUID().uuidString).partial")
  do {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try Data(bytes).write(to: temporary)
  } catch {
    try? FileManager.default.removeItem(at: temporary)
    throw DatasetError.cacheWriteFailed(path: destination.path, reason: error.localizedDescription)
  }
  guard rename(temporary.path, destination.path) == 0 else {
    let reason = String(cString: strerror(errno))
    try? FileManager.default.removeItem(at: temporary)
    throw DatasetError.cacheWriteFailed(path: destination.path, reason: reason)
  }
}
