// LocalHTTPServer: a tiny HTTP/1.1 server on 127.0.0.1 for the download tests.
//
// The download path must be tested without the internet: build machines have none, and
// how "none" looks differs (refused at once, or a resolver that never answers). This server
// plays the mirror's part in each way that matters: it serves files, answers 404, accepts a
// connection and then says nothing, or sends a body slowly, a few bytes at a time.

import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

final class LocalHTTPServer: @unchecked Sendable {
  /// What every connection gets.
  enum Behaviour: Sendable {
    /// The files by name ("/name" in the request); any other path gets 404.
    case serve([String: [UInt8]])
    /// Accept, read the request, never answer (held open until `stop`).
    case stall
    /// The files by name, but the body in `chunks` pieces with `pause` seconds between.
    case trickle([String: [UInt8]], chunks: Int, pause: TimeInterval)
  }

  let port: UInt16
  private let listener: Int32
  private let behaviour: Behaviour
  private let lock = NSLock()
  private var open: [Int32] = []
  private var stopped = false

  /// The server's root, for use as a mirror.
  var url: URL { URL(string: "http://127.0.0.1:\(port)/")! }

  init(_ behaviour: Behaviour) throws {
    self.behaviour = behaviour
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw ServerError("socket: \(String(cString: strerror(errno)))") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0  // the kernel picks a free port
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
        bind(fd, pointer, length) == 0 && listen(fd, 16) == 0
          && getsockname(fd, pointer, &length) == 0
      }
    }
    guard bound else {
      close(fd)
      throw ServerError("bind/listen: \(String(cString: strerror(errno)))")
    }
    listener = fd
    port = UInt16(bigEndian: address.sin_port)
    let thread = Thread { [self] in acceptLoop() }
    thread.start()
  }

  /// Closes the listener and every connection still open (the stalled ones).
  func stop() {
    lock.lock()
    stopped = true
    let connections = open
    open = []
    lock.unlock()
    shutdown(listener, Int32(SHUT_RDWR))  // wakes the blocked accept
    close(listener)
    for connection in connections {
      shutdown(connection, Int32(SHUT_RDWR))
      close(connection)
    }
  }

  private func acceptLoop() {
    while true {
      let connection = accept(listener, nil, nil)
      guard connection >= 0 else { return }
      lock.lock()
      if stopped {
        lock.unlock()
        close(connection)
        return
      }
      open.append(connection)
      lock.unlock()
      let thread = Thread { [self] in handle(connection) }
      thread.start()
    }
  }

  private func handle(_ connection: Int32) {
    let path = readRequestPath(connection)
    switch behaviour {
    case .stall:
      return  // held open; `stop` closes it
    case .serve(let files):
      respond(connection, path: path, files: files, chunks: 1, pause: 0)
    case .trickle(let files, let chunks, let pause):
      respond(connection, path: path, files: files, chunks: chunks, pause: pause)
    }
    lock.lock()
    let mine = open.firstIndex(of: connection).map { open.remove(at: $0) } != nil
    lock.unlock()
    if mine { close(connection) }
  }

  private func respond(
    _ connection: Int32, path: String, files: [String: [UInt8]], chunks: Int, pause: TimeInterval
  ) {
    guard let body = files[String(path.drop(while: { $0 == "/" }))] else {
      sendAll(connection, Array("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".utf8))
      return
    }
    sendAll(
      connection,
      Array("HTTP/1.1 200 OK\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n".utf8))
    let size = (body.count + chunks - 1) / max(chunks, 1)
    var offset = 0
    while offset < body.count {
      if offset > 0 && pause > 0 { Thread.sleep(forTimeInterval: pause) }
      let end = min(body.count, offset + max(size, 1))
      sendAll(connection, Array(body[offset..<end]))
      offset = end
    }
  }

  /// The path of a "GET /path HTTP/1.1" request (headers read and ignored).
  private func readRequestPath(_ connection: Int32) -> String {
    var request: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while !request.suffix(4).elementsEqual(Array("\r\n\r\n".utf8)) && request.count < 65536 {
      let n = recv(connection, &buffer, buffer.count, 0)
      guard n > 0 else { break }
      request += buffer[0..<n]
    }
    let firstLine = String(decoding: request, as: UTF8.self).split(separator: "\r\n").first ?? ""
    let parts = firstLine.split(separator: " ")
    return parts.count >= 2 ? String(parts[1]) : "/"
  }

  /// Sends everything, ignoring a peer that went away (no SIGPIPE: the tests run in one
  /// process, which the signal would end).
  private func sendAll(_ connection: Int32, _ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
      let n = bytes[offset...].withUnsafeBytes {
        send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      guard n > 0 else { return }
      offset += n
    }
  }
}

struct ServerError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
