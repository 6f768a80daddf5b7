// autoencoder: Vanilla, deep and convolutional autoencoders. See Chapters/; run `autoencoder --help` for the flags.
import Lecture
import AutoencoderChapter

ChapterMain.main(AutoencoderChapter.self)
