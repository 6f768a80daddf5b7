// vae: The VAE and its ELBO. See Chapters/; run `vae --help` for the flags.
import Lecture
import VAEChapter

ChapterMain.main(VAEChapter.self)
