// stacked: greedy layer-wise pretraining and fine-tuning. See StackedChapter.
import Lecture
import StackedChapter

ChapterMain.main(StackedChapter.self)
