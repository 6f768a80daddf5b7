// MNISTDownload: fetch missing MNIST files into the cache, verified and written atomically.
//
// yann.lecun.com no longer serves the files reliably, so we use the mirrors PyTorch and
// TensorFlow rely on, in order. Every download is checked against the published MD5 before
// it is stored, and stored under a temporary name that is renamed into place: an interrupted
// or corrupted download never leaves a file that a later run would trust.
//
// Offline, the first file fails on every mirror within seconds (DNS usually fails at once;
// anything that stalls, a hanging resolver included, is abandoned after 10 seconds without
// a byte), and we stop there rather than trying the rest.

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
    switch fetch(url, idleTimeout: source.downloadIdleTimeout) {
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

/// The body of `url`: HTTP(S) through URLSession, `file://` read directly (a local or
/// network directory can act as a mirror).
///
/// A request is abandoned after `idleTimeout` seconds in which no byte arrived, whatever
/// it was waiting for: name resolution, the connection, the response or the body. That
/// watchdog is ours, so the bound does not depend on how URLSession on Linux applies its own
/// timeouts (which stay as a backstop); and the task is cancelled and the session invalidated
/// off this thread, so a return here never waits on URLSession's internal queues.
func fetch(_ url: URL, idleTimeout: TimeInterval) -> Result<[UInt8], FetchFailure> {
  if url.isFileURL {
    do {
      return .success([UInt8](try Data(contentsOf: url)))
    } catch {
      return .failure(FetchFailure(message: "cannot read file"))
    }
  }

  let configuration = URLSessionConfiguration.ephemeral
  // URLSession's own idle timeout only as a backstop, so that ours reports a stall.
  configuration.timeoutIntervalForRequest = idleTimeout + 5
  configuration.timeoutIntervalForResource = downloadTotalTimeout
  configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
  let transfer = Transfer()
  let session = URLSession(configuration: configuration, delegate: transfer, delegateQueue: nil)
  let task = session.dataTask(with: URLRequest(url: url))
  task.resume()
  defer {
    let finish = SessionCleanup(session: session, task: task)
    DispatchQueue.global().async { finish.cancel() }
  }

  let deadline = Date().addingTimeInterval(downloadTotalTimeout)
  while true {
    // Wake at least every quarter second to look at the idle clock.
    if transfer.done.wait(timeout: .now() + min(0.25, idleTimeout)) == .success {
      return transfer.result() ?? .failure(FetchFailure(message: "no response"))
    }
    let now = Date()
    if now.timeIntervalSince(transfer.lastProgress) > idleTimeout {
      return .failure(
        FetchFailure(message: "nothing received for \(formatSeconds(idleTimeout)) s, gave up"))
    }
    if now > deadline {
      return .failure(
        FetchFailure(message: "not complete after \(formatSeconds(downloadTotalTimeout)) s"))
    }
  }
}

/// Hands a session and its task to another thread for cleanup. URLSession and its tasks
/// are thread-safe in Foundation but not marked Sendable on Linux.
private struct SessionCleanup: @unchecked Sendable {
  let session: URLSession
  let task: URLSessionTask

  func cancel() {
    task.cancel()
    session.invalidateAndCancel()
  }
}

/// A short phrase for a URLSession error. On Linux, `localizedDescription` is only "The
/// operation could not be completed" and a code, which tells a user nothing.
private func describe(_ error: Error) -> String {
  guard let error = error as? URLError else { return error.localizedDescription }
  switch error.code {
  case .cannotFindHost, .dnsLookupFailed: return "cannot resolve the host name"
  case .cannotConnectToHost: return "connection refused"
  case .notConnectedToInternet: return "no network connection"
  case .networkConnectionLost: return "connection lost"
  case .timedOut: return "timed out"
  case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
    .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
    return "TLS connection failed"
  default: return "network error (URLError \(error.code.rawValue))"
  }
}

/// "10" for 10, "0.5" for 0.5: seconds as a user would write them.
private func formatSeconds(_ seconds: TimeInterval) -> String {
  seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
}

/// The delegate of one transfer: collects the body, records when the last byte arrived
/// (the watchdog's clock) and signals `done` when URLSession reports the end.
private final class Transfer: NSObject, URLSessionDataDelegate, @unchecked Sendable {
  let done = DispatchSemaphore(value: 0)
  private let lock = NSLock()
  private var body = Data()
  private var status: Int?
  private var outcome: Result<[UInt8], FetchFailure>?
  private var progress = Date()

  /// When the transfer started or last received something.
  var lastProgress: Date {
    lock.lock()
    defer { lock.unlock() }
    return progress
  }

  func result() -> Result<[UInt8], FetchFailure>? {
    lock.lock()
    defer { lock.unlock() }
    return outcome
  }

  func urlSession(
    _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
  ) {
    lock.lock()
    status = (response as? HTTPURLResponse)?.statusCode
    progress = Date()
    lock.unlock()
    completionHandler(.allow)
  }

  func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
    lock.lock()
    body.append(data)
    progress = Date()
    lock.unlock()
  }

  func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
    lock.lock()
    if let error {
      outcome = .failure(FetchFailure(message: describe(error)))
    } else if let status, status != 200 {
      outcome = .failure(FetchFailure(message: "HTTP status \(status)"))
    } else {
      outcome = .success([UInt8](body))
    }
    lock.unlock()
    done.signal()
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
