// The course's mistake matrix: every plantable mistake of every chapter against the checks it
// failed, as Markdown (Chapters/mistakes.md). A lecturer reads it to choose a mistake for the
// class; a reviewer reads it to see that every check of the course can fail.

/// The outcome of planting each mistake of one chapter, beside the checks its honest run made.
public struct ChapterMistakes: Sendable {
  public let chapter: String
  /// The checks of the honest quick run, in the order printed.
  public let checks: [String]
  /// Checks the honest run failed (a matrix over a failing run would mean nothing).
  public let honestFailures: [String]
  public let outcomes: [MistakeOutcome]

  public init(chapter: String, checks: [String], honestFailures: [String], outcomes: [MistakeOutcome]) {
    self.chapter = chapter
    self.checks = checks
    self.honestFailures = honestFailures
    self.outcomes = outcomes
  }

  /// Checks of the honest run that no planted mistake failed.
  public var neverFailed: [String] {
    let failedSomewhere = Set(outcomes.flatMap(\.failed))
    return checks.filter { !failedSomewhere.contains($0) }
  }

  /// Mistakes that no check caught.
  public var uncaught: [Mistake] { outcomes.filter { !$0.caught }.map(\.mistake) }
}

/// Runs `chapter` silently with `options` and returns its report.
public func silentReport(_ chapter: any Chapter.Type, options: ChapterOptions) throws -> ChapterReport {
  let run = try ChapterRun(chapter: chapter, options: options) { _ in }
  try chapter.run(run)
  return try run.finish()
}

/// Each chapter's honest run, then one run per catalogued mistake, all with `options` (the
/// caller makes them quick and figure-less); `progress` gets one line per run as it ends.
/// `report` makes a run's report, in this order; by default in this process, one at a time
/// (`course --mistakes --jobs` hands in one that waits for a child process).
public func plantEveryMistake(
  _ chapters: [any Chapter.Type], options: ChapterOptions, progress: (String) -> Void = { _ in },
  report: (any Chapter.Type, ChapterOptions) throws -> ChapterReport = { try silentReport($0, options: $1) }
) throws -> [ChapterMistakes] {
  var results: [ChapterMistakes] = []
  for chapter in chapters {
    var honestOptions = options
    honestOptions.mistake = nil
    let honest = try report(chapter, honestOptions)
    progress(
      "\(chapter.name): honest run, \(honest.checks.count) checks, \(honest.failed) failed; "
        + "\(chapter.mistakes.count) mistakes to plant")
    var outcomes: [MistakeOutcome] = []
    for mistake in chapter.mistakes {
      var planted = options
      planted.mistake = mistake.name
      let plantedReport = try report(chapter, planted)
      let outcome = MistakeOutcome(
        mistake: mistake, failed: plantedReport.checks.filter { !$0.passed }.map(\.name),
        checksRun: plantedReport.checks.map(\.name))
      outcomes.append(outcome)
      let verdict = outcome.caught ? "caught by \(outcome.failed.count)" : "NOT CAUGHT"
      let missed = outcome.missed.isEmpty ? "" : "; \(outcome.missed.count) catalogued check(s) passed"
      progress("  \(mistake.name): \(verdict)\(missed)")
    }
    results.append(
      ChapterMistakes(
        chapter: chapter.name, checks: honest.checks.map(\.name),
        honestFailures: honest.checks.filter { !$0.passed }.map(\.name), outcomes: outcomes))
  }
  return results
}

/// The Markdown page: a summary per chapter, then per mistake the checks it failed (and any it
/// was catalogued to fail but did not), then the checks no mistake reached.
public func mistakeMatrixMarkdown(_ chapters: [ChapterMistakes], seed: UInt64, command: String) -> String {
  var lines: [String] = [
    "# Mistakes a lecturer can plant, and the checks that catch them",
    "",
    "Made by `\(command)` (seed \(seed), quick runs, no figures): every mistake of every chapter's",
    "catalogue planted in turn, the chapter run whole, its failed checks recorded. Plant one in class",
    "with `CHAPTER --mistake NAME`; `CHAPTER --mistakes` lists a chapter's catalogue.",
    "",
    "| chapter | checks | mistakes | mistakes caught | checks failed by some mistake |",
    "|---|---:|---:|---:|---:|",
  ]
  for c in chapters {
    let reached = c.checks.count - c.neverFailed.count
    lines.append(
      "| \(c.chapter) | \(c.checks.count) | \(c.outcomes.count) | \(c.outcomes.count - c.uncaught.count) | \(reached) |"
    )
  }
  for c in chapters {
    lines.append("")
    lines.append("## \(c.chapter)")
    if !c.honestFailures.isEmpty {
      lines.append("")
      lines.append("The honest run failed: " + c.honestFailures.map { "`\($0)`" }.joined(separator: ", ") + ".")
    }
    if c.outcomes.isEmpty {
      lines.append("")
      lines.append("No mistakes catalogued yet.")
    }
    for o in c.outcomes {
      lines.append("")
      lines.append("- **`\(o.mistake.name)`** (\(o.mistake.slide)): \(o.mistake.wrong)")
      if o.failed.isEmpty {
        lines.append("  - not caught: every check passed")
      } else {
        lines.append("  - failed: " + o.failed.map { "`\($0)`" }.joined(separator: ", "))
      }
      if !o.missed.isEmpty {
        lines.append("  - catalogued to fail but passed: " + o.missed.map { "`\($0)`" }.joined(separator: ", "))
      }
      if !o.notRun.isEmpty {
        lines.append("  - catalogued but not run: " + o.notRun.map { "`\($0)`" }.joined(separator: ", "))
      }
    }
    if !c.neverFailed.isEmpty {
      lines.append("")
      lines.append(
        "Checks no mistake failed (\(c.neverFailed.count)): " + c.neverFailed.map { "`\($0)`" }.joined(separator: ", ")
          + ".")
    }
  }
  return lines.joined(separator: "\n") + "\n"
}
