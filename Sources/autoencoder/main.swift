import AutoencoderChapter
// autoencoder: Vanilla, deep and convolutional autoencoders. See Chapters/; run `autoencoder --help` for the flags.
import Lecture

ChapterMain.main(AutoencoderChapter.self)
