import Testing
@testable import Rasid

@Suite struct MatchingNormalizerTests {
    let normalizer = try! MatchingNormalizer()

    /// The original code point each normalised unit comes from, as text.
    func origins(_ text: String) -> [String] {
        let view = normalizer.normalize(text)
        return view.units.indices.map { slice(text, Int(view.originStart[$0]), Int(view.originEnd($0))) }
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
        #expect(view.originalRange(0, 2) == 0..<1 && view.originalRange(3, 4) == 2..<3)
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

    /// The ASCII and Arabic-block tables and the UTF-8 decoding of `normalize` against `emit` one
    /// scalar at a time: every code point below U+0800, the Arabic presentation forms, punctuation
    /// and spaces, and a few outside the BMP, alone and all in one text (offsets included).
    @Test func fastPathAgreesWithTheScalarByScalarPath() {
        var scalars: [Unicode.Scalar] = []
        let ranges: [ClosedRange<UInt32>] = [0x0000...0x07FF, 0x0860...0x08FF, 0x1680...0x1680, 0x2000...0x206F,
                                             0x3000...0x3000, 0xFB50...0xFDFF, 0xFE70...0xFEFF, 0xFF01...0xFF5E,
                                             0x1D400...0x1D40F, 0x1F600...0x1F602, 0x10FFFF...0x10FFFF]
        for range in ranges { for v in range { if let s = Unicode.Scalar(v) { scalars.append(s) } } }
        for s in scalars {
            let text = String(Character(s))
            #expect(same(normalizer.normalize(text), normalizer.normalizeScalarByScalar(text)), "U+\(String(s.value, radix: 16))")
        }
        var all = String.UnicodeScalarView()
        all.append(contentsOf: scalars)
        let text = String(all)
        #expect(same(normalizer.normalize(text), normalizer.normalizeScalarByScalar(text)))
        // Each Arabic-block character between ASCII letters, as in running text.
        var mixed = String.UnicodeScalarView()
        for v in UInt32(0x0600)...0x06FF { mixed.append("A"); mixed.append(Unicode.Scalar(v)!); mixed.append(" ") }
        let mixedText = String(mixed)
        #expect(same(normalizer.normalize(mixedText), normalizer.normalizeScalarByScalar(mixedText)))
    }

    @Test func longExpansionsGrowTheOutput() {
        // ﷺ (U+FDFA) is 18 characters in NFKC: more units than the text has UTF-8 bytes.
        let text = String(repeating: "\u{FDFA}", count: 50) + "محمد"
        let view = normalizer.normalize(text)
        #expect(view.units.count == 50 * 18 + 4)
        #expect(same(view, normalizer.normalizeScalarByScalar(text)))
    }

    /// Expansions, then a run of the Arabic block long enough that the output fills up in the
    /// middle of the run's own loop (for k from 55 to 81, the 18k units of the expansions fit in
    /// the first capacity, 3k + 1,217 units, and the run's 400 letters do not; its marks drop).
    @Test func anArabicRunGrowsTheOutput() {
        let run = String(repeating: "بَت", count: 200)
        for k in 0..<90 {
            let text = String(repeating: "\u{FDFA}", count: k) + run + "a"
            #expect(same(normalizer.normalize(text), normalizer.normalizeScalarByScalar(text)), "\(k)")
        }
    }

    func same(_ a: MatchingText, _ b: MatchingText) -> Bool {
        a.units == b.units && a.originStart == b.originStart
            && a.originalLength == b.originalLength
    }

    @Test func comparisonKeyIsExactlyTheAnnotationNormalisation() {
        #expect(ArabicFolding.comparisonKey("أمانة شئون  الإسكان") == ArabicFolding.comparisonKey("امانه شءون الاسكان"))
        #expect(ArabicFolding.comparisonKey("عبدالعزيز") == ArabicFolding.comparisonKey("عبد العزيز"))
        // Matching-only folds are not part of the scoring key.
        #expect(ArabicFolding.comparisonKey("ک") != ArabicFolding.comparisonKey("ك"))
    }

    @Test func keySearchFindsBytesAnywhere() {
        #expect("امانه المركزيه للشباب".containsKey("المركزيه"))
        #expect("اللجنه العامه".containsKey("عام"))
        #expect("aaab".containsKey("aab"))
        #expect("abc".containsKey(""))
        #expect(!"ab".containsKey("abc"))
        #expect(!"امين التنظيم".containsKey("مساعد"))
        // Agrees with the standard library's search on every slice of a text.
        let text = "حزب مستقبل وطن بالمحافظة"
        let scalars = Array(text.unicodeScalars)
        for a in scalars.indices {
            for b in a..<min(scalars.count, a + 5) {
                let part = String(String.UnicodeScalarView(scalars[a...b]))
                #expect(text.containsKey(part) == text.utf8.contains(part.utf8))
                #expect(text.containsKey(part + "x") == text.utf8.contains((part + "x").utf8))
            }
        }
    }

    @Test func arabicKeysOfEquivalentStringsFindEachOther() {
        // أ written precomposed and as alef + hamza above: one string to Swift, so one key.
        let keys: [ArabicKey: Int] = [ArabicKey("سأل"): 1, ArabicKey("سال"): 2]
        #expect(keys[ArabicKey("سا\u{0654}ل")] == 1)
        #expect(keys[ArabicKey("سال")] == 2)
        #expect(keys[ArabicKey("سئل")] == nil)
        #expect(ArabicKey("سأل").hashValue == ArabicKey("سا\u{0654}ل").hashValue)
    }
}
