// Gzip: decompress the .gz files MNIST and Fashion-MNIST are distributed as.
//
// zlib does the work. `inflateInit2` with windowBits 15 + 32 asks zlib to detect the gzip
// (or zlib) header itself, so we never parse headers by hand. Input that is not gzip at all
// (an IDX file someone already unpacked) is passed through untouched, so callers can treat
// `foo-idx3-ubyte` and `foo-idx3-ubyte.gz` the same way.

import CZlib

/// Why a gzip stream could not be decompressed; `readIDX` adds the file path.
public struct GzipError: Error, CustomStringConvertible, Sendable {
  /// One line saying what went wrong inside the stream.
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// The two bytes every gzip member starts with (RFC 1952).
let gzipMagic: (UInt8, UInt8) = (0x1f, 0x8b)

/// True if `bytes` starts with the gzip magic number.
public func isGzip(_ bytes: [UInt8]) -> Bool {
  bytes.count >= 2 && bytes[0] == gzipMagic.0 && bytes[1] == gzipMagic.1
}

/// Decompresses a gzip file held in memory; non-gzip input is returned unchanged.
///
/// Concatenated gzip members (what `cat a.gz b.gz` produces) are decompressed one after the
/// other, as `gunzip(1)` does. A stream that ends before zlib saw its end marker is truncated
/// (a half-finished download): that throws rather than returning a silently short result.
public func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
  try gunzip(bytes, atMost: .max).output
}

/// Decompresses at most `limit` bytes of a gzip file held in memory (non-gzip input is cut to
/// `limit` likewise); `complete` is false when the stream holds more than `limit` bytes, which
/// are then never inflated (a small file that would inflate to gigabytes costs nothing).
public func gunzip(_ bytes: [UInt8], atMost limit: Int) throws -> (output: [UInt8], complete: Bool) {
  precondition(limit >= 0, "gunzip: negative limit \(limit)")
  guard isGzip(bytes) else { return (Array(bytes.prefix(limit)), bytes.count <= limit) }
  guard bytes.count <= Int(UInt32.max) else {
    throw GzipError("gzip input of \(bytes.count) bytes is larger than zlib's 4 GiB limit")
  }

  // The trailer's last four bytes hold the uncompressed size mod 2^32 (ISIZE): a good first
  // guess for the output buffer, so large files are usually inflated without any regrowth.
  // It is capped at 64x the input, so a truncated file (whose "trailer" is arbitrary data)
  // cannot trigger a huge allocation; more compressible data just grows the buffer.
  let tail = bytes.count - 4
  let isize =
    bytes.count >= 18
    ? Int(bytes[tail]) | Int(bytes[tail + 1]) << 8 | Int(bytes[tail + 2]) << 16
      | Int(bytes[tail + 3]) << 24
    : 0
  // One byte past the limit tells "more than limit" from "exactly limit" without guessing.
  let ceiling = limit == .max ? limit : limit + 1
  var capacity = min(max(1024, min(isize, bytes.count * 64), bytes.count * 2), ceiling)
  var output = [UInt8](repeating: 0, count: capacity)
  var produced = 0

  var stream = z_stream()
  let initStatus = inflateInit2_(
    &stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
  guard initStatus == Z_OK else { throw GzipError("zlib inflateInit2 failed (code \(initStatus))") }
  defer { inflateEnd(&stream) }

  try bytes.withUnsafeBufferPointer { input in
    guard let base = input.baseAddress else { return }
    stream.next_in = UnsafeMutablePointer(mutating: base)  // zlib only reads next_in.
    stream.avail_in = UInt32(input.count)

    while true {
      if produced == ceiling { return }
      if produced == capacity {
        capacity = min(capacity * 2, ceiling)
        output.append(contentsOf: repeatElement(0, count: capacity - output.count))
      }
      let room = min(capacity - produced, Int(UInt32.max))
      let status: Int32 = output.withUnsafeMutableBufferPointer { out in
        stream.next_out = out.baseAddress.map { $0 + produced }
        stream.avail_out = UInt32(room)
        let status = inflate(&stream, Z_NO_FLUSH)
        produced += room - Int(stream.avail_out)
        return status
      }

      switch status {
      case Z_STREAM_END:
        // One member done; another may follow (multi-member gzip).
        let consumed = input.count - Int(stream.avail_in)
        if stream.avail_in == 0 { return }
        if input[consumed] == gzipMagic.0, consumed + 1 < input.count,
          input[consumed + 1] == gzipMagic.1
        {
          guard inflateReset(&stream) == Z_OK else { throw GzipError("zlib inflateReset failed") }
          continue
        }
        // Zero padding after the last member (tape archives pad like this) is harmless.
        if input[consumed...].allSatisfy({ $0 == 0 }) { return }
        throw GzipError(
          "\(input.count - consumed) bytes of trailing data after the gzip stream")
      case Z_OK:
        continue
      case Z_BUF_ERROR:
        // No progress possible: either the output is full (grow and retry) or the input
        // ran out before the end marker, i.e. the file is truncated.
        if stream.avail_out == 0 { continue }
        throw GzipError(
          "truncated gzip stream: input ended after \(input.count) bytes before the end marker"
            + " (\(produced) bytes decompressed)")
      case Z_DATA_ERROR:
        let detail = stream.msg.map { String(cString: $0) } ?? "invalid data"
        throw GzipError("corrupt gzip stream: \(detail)")
      case Z_MEM_ERROR:
        throw GzipError("zlib ran out of memory")
      case Z_NEED_DICT:
        throw GzipError("zlib stream needs a preset dictionary (not a gzip file)")
      default:
        throw GzipError("zlib inflate failed (code \(status))")
      }
    }
  }
  output.removeSubrange(min(produced, limit)...)
  return (output, produced <= limit)
}
