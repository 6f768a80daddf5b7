// The code a student reads stays within 120 columns (the project's .swift-format sets the same
// limit; `scripts/format` applies it): no Swift line under Sources/ or Tests/ is longer.

import Foundation
import Testing

@Suite("source style")
struct SourceLineLengthTests {
  /// The package root: this file is <root>/Tests/LectureTests/SourceLineLengthTests.swift.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  @Test func noSwiftLineIsLongerThan120Characters() throws {
    var long: [String] = []
    var files = 0
    for directory in ["Sources", "Tests"] {
      let base = Self.root.appendingPathComponent(directory)
      guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
      for case let url as URL in walker where url.pathExtension == "swift" {
        files += 1
        let text = try String(contentsOf: url, encoding: .utf8)
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where line.count > 120 {
          long.append("\(url.path.dropFirst(Self.root.path.count + 1)):\(n + 1) (\(line.count))")
        }
      }
    }
    #expect(files > 100)
    #expect(long.isEmpty, "\(long.count) lines over 120 characters: \(long.prefix(20).joined(separator: ", "))")
  }
}
