// Helpers shared by the Datasets tests: temporary directories, tiny IDX files and gzip
// streams built in memory (so no test depends on external tools), and the data locations.

import Foundation

/// A fresh empty directory under the system temporary directory; remove it with `cleanUp`.
func makeTemporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("datasets-tests-\(UUID().uuidString)", isDirectory: true)
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

func cleanUp(_ url: URL) {
  try? FileManager.default.removeItem(at: url)
}

/// The package root: this file is <root>/Tests/DatasetsTests/TestSupport.swift (symlinks
/// resolved, so a scratch package linking to the real test directory finds the same root).
let packageRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The read-only MNIST test split shared between checkouts (and on CI): <root>/../shared/data/mnist.
let sharedMNISTDirectory = packageRoot.deletingLastPathComponent()
  .appendingPathComponent("shared/data/mnist", isDirectory: true)

let sharedMNISTAvailable = FileManager.default.fileExists(
  atPath: sharedMNISTDirectory.appendingPathComponent("t10k-images-idx3-ubyte.gz").path)

let fashionSystemDirectoryPath = "/usr/share/datasets/fashion-mnist"
let fashionAvailable = FileManager.default.fileExists(
  atPath: fashionSystemDirectoryPath + "/t10k-images-idx3-ubyte.gz")

/// An IDX file of unsigned bytes with the given dimensions and payload (not validated, so
/// tests can build broken files too).
func idxFile(dimensions: [Int], payload: [UInt8], type: UInt8 = 0x08) -> [UInt8] {
  var bytes: [UInt8] = [0, 0, type, UInt8(dimensions.count)]
  for d in dimensions {
    bytes += [UInt8(d >> 24 & 0xff), UInt8(d >> 16 & 0xff), UInt8(d >> 8 & 0xff), UInt8(d & 0xff)]
  }
  return bytes + payload
}

/// A valid gzip member holding `data` in stored (uncompressed) deflate blocks (RFC 1951/1952).
func gzipStored(_ data: [UInt8]) -> [UInt8] {
  var out: [UInt8] = [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]
  var offset = 0
  repeat {
    let length = min(65535, data.count - offset)
    let final: UInt8 = offset + length == data.count ? 1 : 0
    out.append(final)
    out += littleEndian16(length) + littleEndian16(~length & 0xffff)
    out += data[offset..<(offset + length)]
    offset += length
  } while offset < data.count
  out += littleEndian32(crc32(data)) + littleEndian32(UInt32(truncatingIfNeeded: data.count))
  return out
}

private func littleEndian16(_ v: Int) -> [UInt8] { [UInt8(v & 0xff), UInt8(v >> 8 & 0xff)] }
private func littleEndian32(_ v: UInt32) -> [UInt8] {
  (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * UInt32($0))) }
}

/// CRC-32 (IEEE 802.3), bitwise: slow but tiny, and only used on test-sized data.
func crc32(_ data: [UInt8]) -> UInt32 {
  var crc: UInt32 = 0xffff_ffff
  for byte in data {
    crc ^= UInt32(byte)
    for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xedb8_8320 : crc >> 1 }
  }
  return ~crc
}

/// `gzip -n` of "hello gzip, hello inflate! " repeated 4 times (108 bytes): real deflate
/// compression with back-references, produced once by Python's gzip module.
let helloGzip: [UInt8] = [
  0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x57,
  0x48, 0xaf, 0xca, 0x2c, 0xd0, 0x51, 0xc8, 0x00, 0xb3, 0x33, 0xf3, 0xd2, 0x72, 0x12, 0x4b, 0x52,
  0x15, 0xa1, 0x5c, 0x2a, 0x4a, 0x01, 0x00, 0x82, 0xd4, 0xc1, 0x7d, 0x6c, 0x00, 0x00, 0x00,
]
let helloText = String(repeating: "hello gzip, hello inflate! ", count: 4)

/// Deterministic pseudo-random bytes (a linear congruential generator).
func pseudoRandomBytes(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
  var state = seed
  return (0..<count).map { _ in
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return UInt8(truncatingIfNeeded: state >> 56)
  }
}

/// The error's one-line description, for checking what a user would read.
func message(of error: any Error) -> String { String(describing: error) }
