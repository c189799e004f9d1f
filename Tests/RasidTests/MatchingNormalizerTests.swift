import Testing
@testable import Rasid

@Suite struct MatchingNormalizerTests {
    let normalizer = try! MatchingNormalizer()

    /// The original code point each normalised unit comes from, as text.
    func origins(_ text: String) -> [String] {
        let view = normalizer.normalize(text)
        return view.units.indices.map { slice(text, Int(view.originStart[$0]), Int(view.originEnd[$0])) }
    }

    @Test func foldsTheAnnotationTable() {
        #expect(normalizer.normalizedString("أإآٱ ى ة ؤئ ٠١٢٣٤٥٦٧٨٩ ۴") == "اااا ي ه ءء 0123456789 4")
    }

    @Test func removesDiacriticsAndTatweelKeepingTheMap() {
        let text = "مُحَمَّـــد"
        let view = normalizer.normalize(text)
        #expect(view.string == "محمد")
        #expect(origins(text) == ["م", "ح", "م", "د"])
        #expect(view.originalRange(0, 4) == 0..<text.unicodeScalars.count)
        #expect(view.originalLength == text.unicodeScalars.count)
    }

    @Test func presentationFormsBecomeLettersMappedToTheirSource() {
        // ﻻ (U+FEFB, lam-alef ligature) is two letters in NFKC, both from one original character.
        let text = "ﻻ ﺏ"
        let view = normalizer.normalize(text)
        #expect(view.string == "لا ب")
        #expect(view.originStart.map(Int.init) == [0, 0, 1, 2])
        #expect(view.originEnd.map(Int.init) == [1, 1, 2, 3])
    }

    @Test func bidiControlsAndZeroWidthCharactersGo() {
        let text = "\u{200F}حزب\u{200C}\u{202B}الوفد\u{FEFF}"
        let view = normalizer.normalize(text)
        #expect(view.string == "حزبالوفد")
        #expect(view.originalRange(3, 8) == 6..<11)
    }

    @Test func emojiKeepBothSurrogatesOnOneCodePoint() {
        let text = "😀حسن"
        let view = normalizer.normalize(text)
        #expect(view.units.count == 5)
        #expect(view.originStart.prefix(2).map(Int.init) == [0, 0])
        #expect(view.originalRange(2, 5) == 1..<4)
    }

    @Test func combiningMarksAndPersianLetters() {
        let text = "e\u{301}ک ی"
        let view = normalizer.normalize(text)
        #expect(view.string == "e\u{301}ك ي")
        #expect(view.originalRange(2, 3) == 2..<3)
    }

    @Test func whiteSpaceOfEveryKindIsOneSpaceAndLatinIsLowerCased() {
        #expect(normalizer.normalizedString("A\u{00A0}B\tC\u{2003}d") == "a b c d")
    }

    @Test func comparisonKeyIsExactlyTheAnnotationNormalisation() {
        #expect(ArabicFolding.comparisonKey("أمانة شئون  الإسكان") == ArabicFolding.comparisonKey("امانه شءون الاسكان"))
        #expect(ArabicFolding.comparisonKey("عبدالعزيز") == ArabicFolding.comparisonKey("عبد العزيز"))
        // Matching-only folds are not part of the scoring key.
        #expect(ArabicFolding.comparisonKey("ک") != ArabicFolding.comparisonKey("ك"))
    }
}
