// prelims: Probability preliminaries. (Being written.)
import Lecture

public enum PrelimsChapter: Chapter {
  public static let name = "prelims"
  public static let title = "Probability preliminaries"
  public static func run(_ run: ChapterRun) throws {
    run.say("not written yet")
  }
}
