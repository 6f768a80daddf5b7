// Shared helpers for the Plotting tests: temporary figure directories, synthetic data,
// file checks and a thread-safe text capture for terminal mode.

import Foundation
import Plotting

/// A fresh Figures-like directory under the system temporary directory, removed on deinit.
final class TemporaryFigures {
  let url: URL
  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("plotting-tests-\(UUID().uuidString)")
      .appendingPathComponent("Figures", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }
  deinit { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }

  var src: URL { url.appendingPathComponent("src", isDirectory: true) }
  func file(_ name: String) -> URL { url.appendingPathComponent(name) }
  func source(_ name: String) -> URL { src.appendingPathComponent(name) }

  /// Names in the figure directory itself (not src/), hidden ones included.
  func listing() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
  }
}

/// Collects what terminal mode prints.
final class Captured: @unchecked Sendable {
  private let lock = NSLock()
  private var chunks: [String] = []
  var text: String { lock.withLock { chunks.joined() } }
  var sink: @Sendable (String) -> Void { { [self] chunk in lock.withLock { chunks.append(chunk) } } }
}

/// Deterministic pseudo-random numbers for test data (a 64-bit LCG and Box-Muller).
struct TestRandom {
  var state: UInt64
  mutating func uniform() -> Double {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return (Double(state >> 11) + 0.5) / Double(1 << 53)
  }
  mutating func normal() -> Double {
    (-2 * Foundation.log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
  }
}

/// A 28x28 test picture: a bright ring whose radius depends on `k`, plus a bar in the top
/// rows (so an upside-down rendering is visible), values in [0, 1], 0 black.
func testDigit(_ k: Int, noise: Double = 0, random: inout TestRandom) -> [Float] {
  var pixels = [Float](repeating: 0, count: 28 * 28)
  let radius = 5.0 + Double(k % 5) * 1.5
  for i in 0..<28 {
    for j in 0..<28 {
      let r = ((Double(i) - 14).squaredMagnitude + (Double(j) - 13.5).squaredMagnitude).squareRoot()
      var v = max(0, 1 - abs(r - radius) / 2)
      if i >= 2, i <= 4, j >= 4, j <= 23 { v = 1 }
      v += noise * random.normal()
      pixels[i * 28 + j] = Float(min(1, max(0, v)))
    }
  }
  return pixels
}

extension Double {
  fileprivate var squaredMagnitude: Double { self * self }
}

/// The first bytes of a file.
func prefix(of url: URL, count: Int) throws -> [UInt8] {
  Array(try Data(contentsOf: url).prefix(count))
}

func fileSize(_ url: URL) -> Int {
  (try? url.resourceValues(forKeys: [.fileSizeKey]))?.fileSize ?? 0
}

let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

/// Runs plain `gnuplot <script>` in `directory` (as a reader of Figures/src would) and returns
/// its exit status and stderr.
func runPlainGnuplot(_ script: String, in directory: URL) throws -> (status: Int32, stderr: String) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["gnuplot", script]
  process.currentDirectoryURL = directory
  let errors = Pipe()
  process.standardError = errors
  process.standardOutput = FileHandle.nullDevice
  try process.run()
  let stderr = errors.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: stderr, as: UTF8.self))
}
