// parseIDX / readIDX: valid arrays decode; every kind of malformed header or payload is
// rejected with a message that names the source.

import Datasets
import Foundation
import Testing

@Test func parsesRankOneAndRankThree() throws {
  let labels = try parseIDX(idxFile(dimensions: [5], payload: [0, 1, 2, 3, 9]), source: "l")
  #expect(labels.dimensions == [5])
  #expect(labels.bytes == [0, 1, 2, 3, 9])

  let payload = (0..<24).map { UInt8($0 * 10) }
  let images = try parseIDX(idxFile(dimensions: [2, 3, 4], payload: payload), source: "i")
  #expect(images.dimensions == [2, 3, 4])
  #expect(images.bytes == payload)
}

@Test func largeDimensionsAreBigEndian() throws {
  let array = try parseIDX(
    idxFile(dimensions: [1, 300], payload: [UInt8](repeating: 7, count: 300)), source: "x")
  #expect(array.dimensions == [1, 300])
}

/// The `corruptIDX` reason, after checking the error names `source`.
private func idxFailure(_ data: [UInt8], source: String = "/data/file.idx") throws -> String {
  let error = try #require(throws: DatasetError.self) { try parseIDX(data, source: source) }
  guard case .corruptIDX(let path, let reason) = error else {
    Issue.record("expected corruptIDX, got \(error)")
    return ""
  }
  #expect(path == source)
  #expect(message(of: error).contains(source))
  return reason
}

@Test func rejectsBadMagic() throws {
  var data = idxFile(dimensions: [2], payload: [1, 2])
  data[1] = 0x01
  #expect(try idxFailure(data).contains("magic"))
  #expect(try idxFailure([0x1f, 0x8b, 0x08, 0x00]).contains("magic"))
}

@Test func rejectsOtherElementTypes() throws {
  let reason = try idxFailure(
    idxFile(dimensions: [2], payload: [0, 0, 0, 0, 0, 0, 0, 0], type: 0x0D))
  #expect(reason.contains("0x0d"))
  #expect(reason.contains("Float32"))
  #expect(try idxFailure(idxFile(dimensions: [2], payload: [1, 2], type: 0x42)).contains("0x42"))
}

@Test func rejectsBadRankAndDimensions() throws {
  #expect(try idxFailure([0, 0, 8, 0]).contains("rank 0"))
  #expect(try idxFailure(idxFile(dimensions: [1, 1, 1, 1, 1], payload: [1])).contains("rank 5"))
  #expect(try idxFailure(idxFile(dimensions: [3, 0], payload: [])).contains("dimension 1 is 0"))
  let huge = [0xffff_ffff, 0xffff_ffff, 0xffff_ffff]
  #expect(try idxFailure(idxFile(dimensions: huge, payload: [])).contains("absurd"))
  #expect(try idxFailure([0, 0, 8, 2, 0, 0, 0, 1]).contains("truncated"))
  #expect(try idxFailure([0, 0]).contains("truncated"))
}

@Test func rejectsTruncatedPayload() throws {
  let data = idxFile(dimensions: [2, 3], payload: [1, 2, 3, 4])
  #expect(try idxFailure(data) == "truncated: expected 6 bytes of data, found 4")
}

@Test func rejectsExtraBytes() throws {
  let data = idxFile(dimensions: [2], payload: [1, 2, 3])
  #expect(try idxFailure(data).contains("1 extra bytes"))
}

@Test func readIDXHandlesPlainAndGzippedFiles() throws {
  let directory = try makeTemporaryDirectory()
  defer { cleanUp(directory) }
  let raw = idxFile(dimensions: [2, 2], payload: [10, 20, 30, 40])
  let plain = directory.appendingPathComponent("a-idx2-ubyte")
  let packed = directory.appendingPathComponent("a-idx2-ubyte.gz")
  try Data(raw).write(to: plain)
  try Data(gzipStored(raw)).write(to: packed)
  #expect(try readIDX(plain) == readIDX(packed))
  #expect(try readIDX(packed).bytes == [10, 20, 30, 40])
}

@Test func readIDXReportsTheFileForBadContentAndMissingFiles() throws {
  let directory = try makeTemporaryDirectory()
  defer { cleanUp(directory) }
  let file = directory.appendingPathComponent("short-idx1-ubyte.gz")
  try Data(gzipStored(idxFile(dimensions: [10], payload: [1, 2, 3]))).write(to: file)
  let error = try #require(throws: DatasetError.self) { try readIDX(file) }
  #expect(
    error == .corruptIDX(path: file.path, reason: "truncated: expected 10 bytes of data, found 3"))

  let missing = directory.appendingPathComponent("nothing.gz")
  let missingError = try #require(throws: DatasetError.self) { try readIDX(missing) }
  #expect(message(of: missingError).contains(missing.path))
}
