// scripts/fetch-mnist, run against a local file:// mirror holding the real MNIST test split: the
// files it can verify land in the directory, a file no mirror serves is named with a non-zero
// exit, and a corrupted mirror copy is refused without leaving a file behind.

import Foundation
import Testing

@Suite("scripts/fetch-mnist")
struct FetchScriptTests {
  /// Runs the script with `mirrors` into `directory`; returns the exit status and stderr.
  private func fetch(into directory: URL, mirrors: [URL]) throws -> (status: Int32, errors: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [packageRoot.appendingPathComponent("scripts/fetch-mnist").path, directory.path]
    var environment = ProcessInfo.processInfo.environment
    environment["MNIST_MIRRORS"] = mirrors.map(\.absoluteString).joined(separator: " ")
    process.environment = environment
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
  }

  @Test(.enabled(if: sharedMNISTAvailable, "needs ../shared/data/mnist"))
  func verifiedFilesLandAndMissingOnesAreNamed() throws {
    let target = try makeTemporaryDirectory()
    defer { cleanUp(target) }
    let absent = URL(fileURLWithPath: "/nonexistent-mirror", isDirectory: true)
    let result = try fetch(into: target, mirrors: [absent, sharedMNISTDirectory])
    #expect(result.status == 1)
    let present = try FileManager.default.contentsOfDirectory(atPath: target.path).sorted()
    #expect(present == ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"])
    #expect(result.errors.contains("train-images-idx3-ubyte.gz: no mirror served it with the published MD5"))
    #expect(result.errors.contains("2 of 4 files missing"))
  }

  @Test(.enabled(if: sharedMNISTAvailable, "needs ../shared/data/mnist"))
  func corruptedCopyIsRefusedAndNothingIsLeft() throws {
    let mirror = try makeTemporaryDirectory()
    let target = try makeTemporaryDirectory()
    defer {
      cleanUp(mirror)
      cleanUp(target)
    }
    var labels = try Data(contentsOf: sharedMNISTDirectory.appendingPathComponent("t10k-labels-idx1-ubyte.gz"))
    labels[labels.count / 2] ^= 0x01
    try labels.write(to: mirror.appendingPathComponent("t10k-labels-idx1-ubyte.gz"))
    let result = try fetch(into: target, mirrors: [mirror])
    #expect(result.status == 1)
    #expect(result.errors.contains("t10k-labels-idx1-ubyte.gz: checksum mismatch"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).isEmpty)
  }
}
