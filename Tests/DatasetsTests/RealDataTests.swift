// The real files, when this machine has them: the shared MNIST test split (checked against
// its MD5SUMS) and the Debian Fashion-MNIST package. Skipped elsewhere.

import Datasets
import Foundation
import Testing

@Test(.enabled(if: sharedMNISTAvailable))
func sharedMNISTMatchesItsMD5SUMS() throws {
  let listing = try String(
    contentsOf: sharedMNISTDirectory.appendingPathComponent("MD5SUMS"), encoding: .utf8)
  let entries = listing.split(separator: "\n").map {
    $0.split(separator: " ", omittingEmptySubsequences: true)
  }
  #expect(entries.count >= 2)
  for entry in entries {
    let (digest, name) = (String(entry[0]), String(entry[1]))
    let bytes = try [UInt8](Data(contentsOf: sharedMNISTDirectory.appendingPathComponent(name)))
    #expect(md5Hex(bytes) == digest, "\(name)")
    #expect(mnistChecksums[name] == digest, "\(name)")
  }
}

@Test(.enabled(if: sharedMNISTAvailable))
func loadsTheMNISTTestSplit() throws {
  let data = try loadDataset(
    .mnist, split: .test,
    source: DatasetSource(dataDirectory: sharedMNISTDirectory, environment: [:], log: { _ in }))
  #expect(data.images.shape == [10000, 784])
  #expect(data.height == 28 && data.width == 28)
  #expect(data.labels.count == 10000)
  #expect(data.labels.first == 7)
  #expect(data.labels.allSatisfy { (0...9).contains($0) })
  var histogram = [Int](repeating: 0, count: 10)
  for label in data.labels { histogram[label] += 1 }
  #expect(histogram.allSatisfy { (800...1200).contains($0) }, "\(histogram)")
  #expect(data.images.storage.allSatisfy { $0 >= 0 && $0 <= 1 })
  #expect(data.images.storage.contains(1))
}

@Test(.enabled(if: fashionAvailable))
func loadsTheFashionMNISTTestSplit() throws {
  let data = try loadDataset(
    .fashion, split: .test, source: DatasetSource(environment: [:], log: { _ in }))
  #expect(data.images.shape == [10000, 784])
  #expect(data.labels.allSatisfy { (0...9).contains($0) })
  #expect(data.images.storage.allSatisfy { $0 >= 0 && $0 <= 1 })
  #expect(data.classNames.count == 10)
}
