// `--section`: a request selects every section whose name starts with it, plus what those
// sections need; an unknown name is one line naming the choices.

import Lecture
import Testing

@Suite("chapter sections")
struct ChapterSectionTests {
  static let sections = [
    ChapterSection("kl", slides: ["S1"]),
    ChapterSection("kl-ml", slides: ["S2"], needs: ["fit"]),
    ChapterSection("fit", slides: ["S3"], needs: ["data"]),
    ChapterSection("data", slides: ["S4"]),
    ChapterSection("other", slides: ["S5"]),
  ]

  @Test func nothingRequestedRunsEverything() throws {
    #expect(try ChapterSection.select([], in: Self.sections, chapter: "c") == nil)
  }

  @Test func aPrefixSelectsEveryMatchAndWhatItNeedsTransitively() throws {
    #expect(try ChapterSection.select(["KL"], in: Self.sections, chapter: "c") == ["kl", "kl-ml", "fit", "data"])
    #expect(try ChapterSection.select(["kl-"], in: Self.sections, chapter: "c") == ["kl-ml", "fit", "data"])
    #expect(try ChapterSection.select(["o", "d"], in: Self.sections, chapter: "c") == ["other", "data"])
  }

  @Test func anUnknownNameOrAChapterWithoutSectionsIsOneLine() {
    let error = #expect(throws: SectionError.self) { try ChapterSection.select(["x"], in: Self.sections, chapter: "c") }
    #expect(error?.description == "--section: no section of c is called 'x' (one of kl, kl-ml, fit, data, other)")
    #expect(throws: SectionError.self) { try ChapterSection.select([""], in: Self.sections, chapter: "c") }
    #expect(throws: SectionError.self) { try ChapterSection.select(["a"], in: [], chapter: "c") }
  }

  @Test func theListingNamesEachSectionItsNeedsAndSlides() {
    let text = ChapterSection.listing(Self.sections, chapter: "c")
    #expect(text.hasPrefix("c: 5 sections"))
    #expect(text.contains("  kl-ml  (runs with: fit)\n    slide: S2"))
  }
}
