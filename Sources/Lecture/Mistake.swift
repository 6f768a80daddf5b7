// A mistake a lecturer can plant: a slide typo or a classic error of a formula, swapped in
// through the same seams the tests use (a value or a function the chapter passes to the
// library), never through a switch inside a library. `CHAPTER --mistakes` lists a chapter's
// catalogue; `CHAPTER --mistake NAME` runs the chapter with it and names the checks that fail.

/// One entry of a chapter's catalogue of plantable mistakes.
public struct Mistake: Sendable, Equatable, Codable {
  /// Kebab-case name given to `--mistake`, e.g. "kl-without-half".
  public let name: String
  /// The slide whose formula it breaks.
  public let slide: String
  /// What is wrong, in one sentence a student can read ("the KL term without its 1/2").
  public let wrong: String
  /// The names of the checks that must fail when it is planted (exact names as printed), and
  /// only those: the tests hold the chapter to this list.
  public let catches: [String]
  /// Checks that fail at some seeds and pass at others, because the sign of the planted
  /// error's effect on them is set by the draw (a wrong prior mean lifts the ELBO of an x
  /// drawn on one side of the class's mean and lowers it on the other). Named here so the
  /// catalogue claims them neither as catches nor as passes.
  public let mayAlsoFail: [String]

  public init(_ name: String, slide: String, wrong: String, catches: [String], mayAlsoFail: [String] = []) {
    self.name = name
    self.slide = slide
    self.wrong = wrong
    self.catches = catches
    self.mayAlsoFail = mayAlsoFail
  }
}

/// What planting one mistake did: the checks it was meant to fail against those that failed.
public struct MistakeOutcome: Sendable, Equatable, Codable {
  public let mistake: Mistake
  public let failed: [String]
  public let checksRun: [String]

  public init(mistake: Mistake, failed: [String], checksRun: [String]) {
    self.mistake = mistake
    self.failed = failed
    self.checksRun = checksRun
  }

  /// At least one check failed: the table caught the mistake.
  public var caught: Bool { !failed.isEmpty }
  /// Named checks that ran and still passed (the catalogue promised they would fail).
  public var missed: [String] { mistake.catches.filter { checksRun.contains($0) && !failed.contains($0) } }
  /// Named checks this run did not make: their section was not chosen (`--section`), or a knob
  /// off its default renamed them (the catalogue names the quick run's rows, e.g. "100 labels").
  public var notRun: [String] { mistake.catches.filter { !checksRun.contains($0) } }
  /// Checks that failed without being named (a mistake should fail its own rows only).
  public var unexpected: [String] {
    failed.filter { !mistake.catches.contains($0) && !mistake.mayAlsoFail.contains($0) }
  }
}
