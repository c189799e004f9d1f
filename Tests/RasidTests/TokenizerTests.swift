import Testing
@testable import Rasid

@Suite struct TokenizerTests {
    let worker = try! Pipeline(Configuration(useBundledData: false)).makeWorker()

    func tokens(_ text: String) throws -> [String] {
        let t = try worker.tokenize(text)
        return t.tokens.map { slice(text, Int($0.start), Int($0.end)) }
    }

    @Test func wordsAndPunctuationWithCodePointOffsets() throws {
        let text = "قال حسن، أمين الحزب: نعم."
        #expect(try tokens(text) == ["قال", "حسن", "،", "أمين", "الحزب", ":", "نعم", "."])
    }

    @Test func offsetsCountCodePointsNotUTF16() throws {
        let text = "😀 حزب الوفد"
        let t = try worker.tokenize(text)
        #expect(t.tokens.map { [$0.start, $0.end] } == [[0, 1], [2, 5], [6, 11]])
    }

    @Test func abbreviatedTitlesAreCutAtTheFullStop() throws {
        #expect(try tokens("د.سعيد") == ["د", ".", "سعيد"])
        #expect(try tokens("أ.د. محمد") == ["أ", ".", "د", ".", "محمد"])
        // Latin words with dots stay whole, as ICU keeps them.
        #expect(try tokens("U.S.A") == ["U.S.A"])
    }

    @Test func abdAlIsCutAfterAbd() throws {
        #expect(try tokens("عبدالعزيز") == ["عبد", "العزيز"])
        #expect(try tokens("عبد العزيز") == ["عبد", "العزيز"])
        #expect(try tokens("عبده") == ["عبده"])
    }

    @Test func diacriticsDoNotSplitWords() throws {
        let text = "مُحَمَّد عَبْدُ الله"
        let t = try worker.tokenize(text)
        #expect(t.tokens.count == 3)
        #expect(t.tokens.indices.map { t.normalized($0) } == ["محمد", "عبد", "الله"])
    }

    @Test func numbersAreTokensWithAsciiDigits() throws {
        let t = try worker.tokenize("رؤية ٢٠٣٠ و2030")
        #expect(t.tokens.indices.map { t.normalized($0) } == ["رءيه", "2030", "و2030"])
    }
}
