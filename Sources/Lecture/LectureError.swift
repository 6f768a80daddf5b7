import Foundation

/// Errors of the chapter scaffolding; each prints as one line.
public enum LectureError: Error, CustomStringConvertible, LocalizedError {
  case cannotWrite(path: String, reason: String)
  case invalidInput(String)
  case unknownMistake(name: String, chapter: String, known: [String])

  public var description: String {
    switch self {
    case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
    case .invalidInput(let message): return message
    case .unknownMistake(let name, let chapter, let known):
      return known.isEmpty
        ? "\(chapter) has no plantable mistakes (asked for '\(name)')"
        : "unknown mistake '\(name)' for \(chapter); known: \(known.joined(separator: ", ")) (see --mistakes)"
    }
  }
  public var errorDescription: String? { description }
}

/// One line for any error: our own errors describe themselves (LocalizedError); others fall
/// back to their description, with newlines folded so the message stays on one line.
public func oneLine(_ error: Error) -> String {
  let text = (error as? LocalizedError)?.errorDescription ?? String(describing: error)
  return text.split(whereSeparator: \.isNewline).joined(separator: " ")
}
