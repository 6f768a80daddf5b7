// vqvae: the vector-quantised VAE. See VQVAEChapter.
import Lecture
import VQVAEChapter

ChapterMain.main(VQVAEChapter.self)
