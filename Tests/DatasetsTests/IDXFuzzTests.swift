// Robust input: whatever bytes arrive as an IDX file, gzip-compressed or not, decoding either
// succeeds or throws a one-line DatasetError; it never traps, and it never inflates more than
// the header promises.

import Datasets
import Foundation
import Testing

/// A small linear congruential generator: the fuzz cases are the same on every run.
private struct Mutator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return state >> 11
  }
  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
  mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next()) }
}

/// `bytes` compressed by gzip(1) at `level` (a real deflate stream with Huffman blocks).
private func gzipTool(_ bytes: [UInt8], level: Int = 9) throws -> [UInt8] {
  let directory = try makeTemporaryDirectory()
  defer { cleanUp(directory) }
  let input = directory.appendingPathComponent("in")
  try Data(bytes).write(to: input)
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/bin/sh")
  process.arguments = ["-c", "gzip -\(level) -n -c '\(input.path)' > '\(input.path).gz'"]
  try process.run()
  process.waitUntilExit()
  return [UInt8](try Data(contentsOf: input.appendingPathExtension("gz")))
}

/// Decodes `bytes`; records an issue for anything thrown that is not a one-line DatasetError.
private func expectDecodesOrThrowsDatasetError(_ bytes: [UInt8], case label: String) {
  do {
    let array = try decodeIDX(bytes, source: "fuzz.gz")
    #expect(array.bytes.count == array.dimensions.reduce(1, *), "\(label)")
  } catch let error as DatasetError {
    #expect(!message(of: error).contains("\n"), "\(label): \(error)")
  } catch {
    Issue.record("\(label): not a DatasetError: \(error)")
  }
}

@Test func fuzzedGzipIDXNeverTraps() throws {
  let idx = idxFile(dimensions: [3, 4, 5], payload: pseudoRandomBytes(60, seed: 3))
  let real = try gzipTool(idx)
  #expect(try decodeIDX(real, source: "x").dimensions == [3, 4, 5])
  var rng = Mutator(state: 2024)
  for trial in 0..<3_000 {
    var bytes = rng.below(2) == 0 ? real : gzipStored(idx)
    let kind = rng.below(8)
    switch kind {
    case 0:  // flip one bit anywhere: gzip header, flags, deflate data, CRC, ISIZE
      let at = rng.below(bytes.count)
      bytes[at] ^= 1 << UInt8(rng.below(8))
    case 1:  // the FLG byte: FTEXT, FHCRC, FEXTRA, FNAME, FCOMMENT and reserved bits
      bytes[3] = rng.byte()
    case 2:  // a random CRC32 or ISIZE
      let at = bytes.count - 8 + rng.below(8)
      bytes[at] = rng.byte()
    case 3:  // truncation
      bytes = Array(bytes.prefix(rng.below(bytes.count)))
    case 4:  // trailing bytes (zero padding, garbage, or the start of another member)
      let extra = 1 + rng.below(20)
      bytes += (0..<extra).map { _ in rng.below(3) == 0 ? 0 : rng.byte() }
    case 5:  // IDX header fields (type, rank, any dimension byte) in a valid gzip stream
      var raw = idx
      raw[2 + rng.below(14)] = rng.byte()
      bytes = gzipStored(raw)
    case 6:  // IDX payload cut or extended, in a valid gzip stream
      let change = rng.below(40) - 20
      bytes = gzipStored(change < 0 ? Array(idx.dropLast(-change)) : idx + pseudoRandomBytes(change))
    default:  // several random bytes overwritten
      for _ in 0..<(1 + rng.below(6)) { bytes[rng.below(bytes.count)] = rng.byte() }
    }
    expectDecodesOrThrowsDatasetError(bytes, case: "trial \(trial), kind \(kind)")
  }
}

@Test func dimensionsBeyondWhatTheCourseHoldsAreRejected() throws {
  // 2^27 elements pass the header; one more row does not.
  let limit = idxMaximumElements
  let error = try #require(throws: DatasetError.self) {
    try decodeIDX(gzipStored(idxFile(dimensions: [limit / 784 + 1, 28, 28], payload: [])), source: "big.gz")
  }
  #expect(message(of: error).contains("absurdly large"), "\(error)")
}

@Test func gzipBombIsNotInflated() throws {
  // 2 MB of gzip that inflate to 2 GiB: a valid 28x28 image header member, then 32 members of
  // 64 MiB of zeros each. The header promises 784 bytes; decoding must stop right after them.
  let zeros = try gzipTool([UInt8](repeating: 0, count: 64 << 20), level: 9)
  let header = gzipStored(idxFile(dimensions: [1, 28, 28], payload: [UInt8](repeating: 7, count: 784)))
  var bomb = header
  for _ in 0..<32 { bomb += zeros }
  #expect(bomb.count < 3 << 20, "the bomb is \(bomb.count) bytes")
  let error = try #require(throws: DatasetError.self) { try decodeIDX(bomb, source: "bomb.gz") }
  #expect(
    error
      == .corruptIDX(
        path: "bomb.gz",
        reason: "extra bytes: the header promises 784 bytes of data, the file holds more (not inflated further)"))

  // The limited inflater itself: the first bytes only, and whether more would follow.
  let (head, complete) = try gunzip(bomb, atMost: 100)
  #expect(head.count == 100 && !complete)
  let whole = try gunzip(header, atMost: 800)
  #expect(
    whole.complete && whole.output == idxFile(dimensions: [1, 28, 28], payload: [UInt8](repeating: 7, count: 784)))
}
