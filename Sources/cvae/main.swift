// cvae: the conditional VAE. See CVAEChapter.
import CVAEChapter
import Lecture

ChapterMain.main(CVAEChapter.self)
