// prelims: Probability preliminaries. See Chapters/; run `prelims --help` for the flags.
import Lecture
import PrelimsChapter

ChapterMain.main(PrelimsChapter.self)
