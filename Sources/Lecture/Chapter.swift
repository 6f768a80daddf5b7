// A chapter is one section of the lecture: it runs in slide order, printing sections, checks
// and figures through a `ChapterRun`. The same type serves its own executable (`pca`) and the
// `course` executable that runs every chapter in lecture order.

/// One section of the course.
public protocol Chapter {
  /// The executable's name, e.g. "pca"; also the report's "chapter" and the figure prefix.
  static var name: String { get }
  /// The heading printed first, e.g. "PCA and its limits".
  static var title: String { get }
  /// Runs every section, check and figure of the chapter.
  static func run(_ run: ChapterRun) throws
  /// The mistakes a lecturer can plant with `--mistake NAME` (see `Mistake`); the chapter's
  /// `run` reads `run.mistake` once and passes the planted value or function to its sections.
  static var mistakes: [Mistake] { get }
  /// The slides' hyperparameters as flags (`--beta 4`); the chapter reads them from the run.
  static var knobs: [Knob] { get }
  /// The parts `--section` can run alone, in running order (see `ChapterSection`); the
  /// chapter asks `run.wants(name)` before each.
  static var sections: [ChapterSection] { get }
}

extension Chapter {
  public static var mistakes: [Mistake] { [] }
  public static var knobs: [Knob] { [] }
  public static var sections: [ChapterSection] { [] }
}
