// pca: PCA and its limits. See Chapters/01-pca.md; run `pca --help` for the flags.
import Lecture
import PCAChapter

ChapterMain.main(PCAChapter.self)
