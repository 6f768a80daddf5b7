// denoising: the denoising autoencoder and its applications. See DenoisingChapter.
import DenoisingChapter
import Lecture

ChapterMain.main(DenoisingChapter.self)
