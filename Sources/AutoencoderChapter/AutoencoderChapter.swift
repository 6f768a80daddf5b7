// autoencoder: Vanilla, deep and convolutional autoencoders. (Being written.)
import Lecture

public enum AutoencoderChapter: Chapter {
  public static let name = "autoencoder"
  public static let title = "Vanilla, deep and convolutional autoencoders"
  public static func run(_ run: ChapterRun) throws {
    run.say("not written yet")
  }
}
