// The sections of a chapter as a lecturer picks them in class: `vae --list` names them with
// their slides, `vae --section kl` runs only the KL checks. A section that uses another's
// results (the AE-vs-PCA comparison needs the trained autoencoders) names it in `needs`, and
// asking for it runs both, so a selection never fails for want of a model.

/// One part of a chapter that `--section` can run on its own.
public struct ChapterSection: Sendable, Equatable {
  /// The name `--section` takes (a prefix is enough), e.g. "kl".
  public let name: String
  /// The slide titles it covers, in lecture order.
  public let slides: [String]
  /// The sections whose results it uses; they run with it.
  public let needs: [String]

  public init(_ name: String, slides: [String], needs: [String] = []) {
    self.name = name
    self.slides = slides
    self.needs = needs
  }
}

/// Why a `--section` request cannot be met, as one line.
public struct SectionError: Error, CustomStringConvertible, Equatable {
  public let description: String
}

extension ChapterSection {
  /// The names of the sections `requested` selects in `sections`, with everything they need
  /// (transitively); nil when nothing was requested (the whole chapter runs). A request
  /// matches every section whose name starts with it, ignoring case.
  public static func select(
    _ requested: [String], in sections: [ChapterSection], chapter: String
  ) throws -> Set<String>? {
    guard !requested.isEmpty else { return nil }
    guard !sections.isEmpty else {
      throw SectionError(description: "--section: \(chapter) has no sections to choose from; it runs whole")
    }
    var chosen = Set<String>()
    for request in requested {
      let matches = sections.filter { $0.name.lowercased().hasPrefix(request.lowercased()) }
      guard !request.isEmpty, !matches.isEmpty else {
        let names = sections.map(\.name).joined(separator: ", ")
        throw SectionError(description: "--section: no section of \(chapter) is called '\(request)' (one of \(names))")
      }
      chosen.formUnion(matches.map(\.name))
    }
    var pending = Array(chosen)
    while let name = pending.popLast() {
      for need in sections.first(where: { $0.name == name })?.needs ?? [] where !chosen.contains(need) {
        chosen.insert(need)
        pending.append(need)
      }
    }
    return chosen
  }

  /// The listing `--list` prints: per section its name, what it needs, its measured time
  /// (`times`, from Chapters/timings.md) and its slides.
  public static func listing(_ sections: [ChapterSection], chapter: String, times: SectionTimes = SectionTimes())
    -> String
  {
    guard !sections.isEmpty else { return "\(chapter): no sections to choose from; it runs whole" }
    var lines = [
      "\(chapter): \(sections.count) sections; run some with --section NAME (repeatable, a prefix is enough)"
    ]
    if !times.entries.isEmpty {
      lines.append(
        "  [times: wall time of quick and full runs, measured by scripts/time-sections; Chapters/timings.md]")
    }
    for section in sections {
      let needs = section.needs.isEmpty ? "" : "  (runs with: \(section.needs.joined(separator: ", ")))"
      let time = times.note(chapter: chapter, section: section.name).map { "  [\($0)]" } ?? ""
      lines.append("")
      lines.append("  " + section.name + time + needs)
      for slide in section.slides {
        lines.append("    slide: \(slide)")
      }
    }
    return lines.joined(separator: "\n")
  }
}
