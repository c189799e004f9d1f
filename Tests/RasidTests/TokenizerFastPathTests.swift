import Testing
@testable import Rasid
import RasidTestSupport

/// `Tokenizer.tokenize` (words made inline, tokens written through `TokenBuffer`) against
/// `tokenizeByAppending`, the array-appending path it replaced: the same tokens, or the fast path
/// is wrong.
@Suite struct TokenizerFastPathTests {
    let normalizer = try! MatchingNormalizer()
    let tokenizer = try! Tokenizer()

    private func check(_ text: String) throws {
        let view = normalizer.normalize(text)
        #expect(try tokenizer.tokenize(view).tokens == tokenizer.tokenizeByAppending(view).tokens, "\(text.unicodeScalars.map(\.value))")
    }

    /// Pieces that take each branch: words with and without full stops (Arabic and Latin),
    /// `عبدال…` and words that only begin like it, numbers, punctuation, white space, characters
    /// ICU segments itself.
    @Test func randomTextOverEveryBranch() throws {
        let pieces = ["قال", "حسن", "عبدالعزيز", "عبدال", "عبدالله.", "عبده", "د.", "د.سعيد", "أ.د.محمد", "U.S.A",
                      "e.g.", "a.b.c.d", "٣٤٥", "12.5", "1.2.3", "،", ".", "..", "!", "؟", " ", "  ", "\t", "\n",
                      "\u{A0}", "\u{1F600}", "ﻻ", "\"", ":", "_", "مُحَمَّد", "\u{5D0}\u{5D1}", "中文", "ا.", ".ب"]
        var g = SplitMix64(seed: 41)
        try check("")
        for _ in 0..<5_000 {
            try check((0..<(1 + g.below(40))).map { _ in pieces[g.below(pieces.count)] }.joined())
        }
    }

    /// Many tokens in one document, past the buffer's first capacity (mostly dotted words, which
    /// make three tokens of one segment).
    @Test func bufferGrowsPastItsFirstCapacity() throws {
        try check(Array(repeating: "د.سعيد أ.د.محمد.ب عبدالعزيز", count: 500).joined(separator: " "))
    }

    /// The annotated samples, as written.
    @Test func annotatedSamples() throws {
        for text in try EvalTexts.dev() { try check(text) }
    }
}
