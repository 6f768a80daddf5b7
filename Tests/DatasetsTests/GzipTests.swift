// gunzip: real deflate data, stored blocks, multi-member files, pass-through of plain
// input, and the failures a broken download produces.

import Datasets
import Foundation
import Testing

@Test func inflatesRealDeflateData() throws {
  let out = try gunzip(helloGzip)
  #expect(String(decoding: out, as: UTF8.self) == helloText)
}

@Test(arguments: [0, 1, 1000, 70_000, 200_000])
func roundTripsStoredBlocks(count: Int) throws {
  let data = pseudoRandomBytes(count, seed: UInt64(count) + 1)
  #expect(try gunzip(gzipStored(data)) == data)
}

@Test func concatenatedMembersAreJoined() throws {
  let a = pseudoRandomBytes(300, seed: 7)
  let b = pseudoRandomBytes(500, seed: 8)
  #expect(try gunzip(gzipStored(a) + gzipStored(b) + helloGzip) == a + b + Array(helloText.utf8))
}

@Test func nonGzipInputIsReturnedUnchanged() throws {
  let idx = idxFile(dimensions: [3], payload: [1, 2, 3])
  #expect(try gunzip(idx) == idx)
  #expect(try gunzip([]) == [])
  #expect(try gunzip([0x1f]) == [0x1f])
}

@Test func truncatedStreamThrows() {
  for cut in [11, helloGzip.count / 2, helloGzip.count - 1] {
    #expect(throws: GzipError.self) { try gunzip(Array(helloGzip.prefix(cut))) }
  }
  let stored = gzipStored(pseudoRandomBytes(5000))
  #expect(throws: GzipError.self) { try gunzip(Array(stored.prefix(stored.count / 2))) }
}

@Test func corruptStreamThrows() {
  var damaged = helloGzip
  damaged[20] ^= 0xff
  #expect(throws: GzipError.self) { try gunzip(damaged) }
  // A damaged checksum in the trailer is caught too.
  var badCRC = gzipStored(Array("abc".utf8))
  badCRC[badCRC.count - 8] ^= 1
  #expect(throws: GzipError.self) { try gunzip(badCRC) }
}

@Test func trailingGarbageThrowsButZeroPaddingIsFine() throws {
  #expect(try gunzip(helloGzip + [0, 0, 0, 0]) == Array(helloText.utf8))
  #expect(throws: GzipError.self) { try gunzip(helloGzip + [1, 2, 3]) }
}

@Test func truncatedGzipFileNamesThePath() throws {
  let directory = try makeTemporaryDirectory()
  defer { cleanUp(directory) }
  let file = directory.appendingPathComponent("t10k-labels-idx1-ubyte.gz")
  let whole = gzipStored(idxFile(dimensions: [4000], payload: pseudoRandomBytes(4000)))
  try Data(whole.prefix(whole.count / 2)).write(to: file)

  let error = try #require(throws: DatasetError.self) { try readIDX(file) }
  guard case .corruptGzip(let path, let reason) = error else {
    Issue.record("expected corruptGzip, got \(error)")
    return
  }
  #expect(path == file.path)
  #expect(reason.contains("truncated"))
  #expect(message(of: error).contains(file.path))
}

@Test(.enabled(if: sharedMNISTAvailable))
func halfOfARealMNISTFileIsTruncated() throws {
  let directory = try makeTemporaryDirectory()
  defer { cleanUp(directory) }
  let original = try Data(
    contentsOf: sharedMNISTDirectory.appendingPathComponent("t10k-labels-idx1-ubyte.gz"))
  let file = directory.appendingPathComponent("t10k-labels-idx1-ubyte.gz")
  try Data(original.prefix(original.count / 2)).write(to: file)
  let error = try #require(throws: DatasetError.self) { try readIDX(file) }
  #expect(message(of: error).contains(file.path))
  #expect(message(of: error).contains("truncated"))
}
