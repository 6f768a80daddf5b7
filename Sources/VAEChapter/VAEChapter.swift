// vae: The VAE and its ELBO. (Being written.)
import Lecture

public enum VAEChapter: Chapter {
  public static let name = "vae"
  public static let title = "The VAE and its ELBO"
  public static func run(_ run: ChapterRun) throws {
    run.say("not written yet")
  }
}
