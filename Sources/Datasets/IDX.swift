// IDX: the binary array format MNIST and Fashion-MNIST are stored in.
//
// Layout (http://yann.lecun.com/exdb/mnist/): two zero bytes, a type byte, the rank, then one
// big-endian UInt32 per dimension, then the elements in row-major order. Everything is
// checked before use, because a truncated download otherwise turns into a crash deep
// inside training or, worse, into silently wrong pixels.

import Foundation

/// A decoded IDX array of unsigned bytes.
public struct IDXArray: Sendable, Equatable {
  /// The extents, outermost first, e.g. [10000, 28, 28] for a test-images file.
  public let dimensions: [Int]
  /// The elements in row-major order; `bytes.count == dimensions.reduce(1, *)`.
  public let bytes: [UInt8]

  public init(dimensions: [Int], bytes: [UInt8]) {
    self.dimensions = dimensions
    self.bytes = bytes
  }
}

/// IDX element types by type byte; only unsigned bytes (0x08) are supported.
private let idxTypeNames: [UInt8: String] = [
  0x08: "unsigned byte", 0x09: "signed byte", 0x0B: "Int16", 0x0C: "Int32", 0x0D: "Float32",
  0x0E: "Float64",
]

/// Largest element count accepted: 2^27 = 134M bytes, nearly three times the largest file of
/// the course (60000 x 28 x 28 = 47M) and, as the Float32 tensor it becomes, 512 MiB: a corrupt
/// or hostile header cannot ask for more than the course can hold.
public let idxMaximumElements = 1 << 27

/// The longest IDX header: 4 bytes, then 4 per dimension for rank 4.
let idxLongestHeader = 4 + 4 * 4

/// Decodes the (already decompressed) IDX file `data`; `source` names it in error messages.
///
/// Throws `DatasetError.corruptIDX` for a wrong magic number, an element type other than
/// unsigned byte, a rank outside 1...4, a zero or absurd dimension, and a payload that is
/// shorter (truncated) or longer than the header promises.
public func parseIDX(_ data: [UInt8], source: String) throws -> IDXArray {
  let (dimensions, headerLength, elements) = try parseIDXHeader(data, source: source)
  func fail(_ reason: String) -> DatasetError { .corruptIDX(path: source, reason: reason) }
  let found = data.count - headerLength
  guard found == elements else {
    if found < elements {
      throw fail("truncated: expected \(elements) bytes of data, found \(found)")
    }
    throw fail(
      "\(found - elements) extra bytes: expected \(elements) bytes of data, found \(found)")
  }
  return IDXArray(dimensions: dimensions, bytes: Array(data[headerLength...]))
}

/// The header of the IDX file that starts with `data` (the whole file or its first bytes):
/// dimensions, header length and element count, every field checked as `parseIDX` describes.
func parseIDXHeader(_ data: [UInt8], source: String) throws -> (dimensions: [Int], headerLength: Int, elements: Int) {
  func fail(_ reason: String) -> DatasetError { .corruptIDX(path: source, reason: reason) }

  guard data.count >= 4 else {
    throw fail("truncated: \(data.count) bytes, too short for the 4-byte IDX header")
  }
  guard data[0] == 0, data[1] == 0 else {
    throw fail(
      "bad magic number: starts with 0x\(hex(data[0])) 0x\(hex(data[1])), expected 0x00 0x00")
  }
  let type = data[2]
  guard type == 0x08 else {
    let name = idxTypeNames[type].map { "\($0) elements" } ?? "unknown element type"
    throw fail(
      "type byte 0x\(hex(type)) (\(name)); only 0x08 (unsigned byte, as in MNIST) is supported")
  }
  let rank = Int(data[3])
  guard (1...4).contains(rank) else { throw fail("rank \(rank), expected 1 to 4 dimensions") }

  let headerLength = 4 + 4 * rank
  guard data.count >= headerLength else {
    throw fail("truncated: header needs \(headerLength) bytes, file has \(data.count)")
  }
  var dimensions: [Int] = []
  var elements = 1
  for axis in 0..<rank {
    let at = 4 + 4 * axis
    let extent =
      Int(data[at]) << 24 | Int(data[at + 1]) << 16 | Int(data[at + 2]) << 8 | Int(data[at + 3])
    guard extent > 0 else { throw fail("dimension \(axis) is 0") }
    let (product, overflow) = elements.multipliedReportingOverflow(by: extent)
    elements = product
    guard !overflow, elements <= idxMaximumElements else {
      throw fail("dimensions \(dimensions + [extent]) describe an absurdly large array")
    }
    dimensions.append(extent)
  }

  return (dimensions, headerLength, elements)
}

/// Reads an IDX file, gzip-compressed or not, and decodes it.
///
/// Errors name the file: `unreadable` if it cannot be read, `corruptGzip` if decompression
/// fails (typically a truncated download), `corruptIDX` if the content is malformed.
public func readIDX(_ url: URL) throws -> IDXArray {
  try decodeIDX(readBytes(url), source: url.path)
}

/// Decodes the bytes of an IDX file, gzip-compressed or not; `source` names it in errors.
///
/// The header is inflated first, and the rest only up to the size the header promises: a few
/// megabytes that would inflate to gigabytes are rejected after that size, never inflated.
/// Every failure is a one-line `DatasetError` (`corruptGzip` or `corruptIDX`), never a trap.
public func decodeIDX(_ raw: [UInt8], source: String) throws -> IDXArray {
  func inflate(atMost limit: Int) throws -> (output: [UInt8], complete: Bool) {
    do {
      return try gunzip(raw, atMost: limit)
    } catch let error as GzipError {
      throw DatasetError.corruptGzip(path: source, reason: error.message)
    }
  }
  let (_, headerLength, elements) = try parseIDXHeader(try inflate(atMost: idxLongestHeader).output, source: source)
  let size = headerLength + elements
  let (data, complete) = try inflate(atMost: size)
  guard complete else {
    throw DatasetError.corruptIDX(
      path: source,
      reason: "extra bytes: the header promises \(elements) bytes of data, the file holds more (not inflated further)")
  }
  return try parseIDX(data, source: source)
}

/// The whole file at `url`, or `DatasetError.unreadable` naming it.
func readBytes(_ url: URL) throws -> [UInt8] {
  do {
    return [UInt8](try Data(contentsOf: url))
  } catch {
    let reason =
      FileManager.default.fileExists(atPath: url.path)
      ? error.localizedDescription : "no such file"
    throw DatasetError.unreadable(path: url.path, reason: reason)
  }
}

/// Two lowercase hex digits.
private func hex(_ byte: UInt8) -> String {
  let digits = String(byte, radix: 16)
  return byte < 16 ? "0" + digits : digits
}
