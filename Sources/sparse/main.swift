// sparse: regularised autoencoders (sparse, k-sparse, contractive). See SparseChapter.
import Lecture
import SparseChapter

ChapterMain.main(SparseChapter.self)
