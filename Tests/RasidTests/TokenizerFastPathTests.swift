import Testing
@testable import Rasid
import RasidICU
import RasidTestSupport

/// `Tokenizer.tokenize` (the full-stop search and `عبدال…` inline, tokens written through
/// `TokenBuffer`) against `plainTokens`, the tokens written out from their definition: the same
/// tokens, or the fast path is wrong. The two share only the word segments (`Breaker.segments`,
/// which WordSegmenterTests check against ICU's iterator).
@Suite struct TokenizerFastPathTests {
    let normalizer = try! MatchingNormalizer()
    let tokenizer = try! Tokenizer()
    let breaker = try! Breaker(.word)

    private func check(_ text: String) throws {
        let view = normalizer.normalize(text)
        #expect(try tokenizer.tokenize(view).tokens == plainTokens(view), "\(text.unicodeScalars.map(\.value))")
    }

    /// The segments without white space, each a token but for words: an Arabic word (one with a
    /// unit of U+0600–U+06FF) is cut at its full stops, each a token of kind other, and each word
    /// or part of one longer than five units that begins `عبدال` is cut after `عبد`.
    private func plainTokens(_ view: MatchingText) throws -> [Token] {
        var segments: [TextSegment] = []
        try view.units.withUnsafeBufferPointer { try breaker.segments(in: $0, skippingSpace: true, into: &segments) }
        let u = view.units
        var tokens: [Token] = []
        func add(_ s: Int, _ e: Int, _ kind: TextSegment.Kind) {
            tokens.append(Token(normStart: Int32(s), normEnd: Int32(e), start: view.originStart[s],
                                end: view.originStart[e - 1] + 1, kind: kind))
        }
        func addPart(_ s: Int, _ e: Int) {
            if e - s > 5 && Array(u[s..<s + 5]) == [0x639, 0x628, 0x62F, 0x627, 0x644] {
                add(s, s + 3, .word)
                add(s + 3, e, .word)
            } else {
                add(s, e, .word)
            }
        }
        for segment in segments where segment.kind != .space {
            let s = segment.start, e = segment.end
            guard segment.kind == .word else { add(s, e, segment.kind); continue }
            guard u[s..<e].contains(0x2E), u[s..<e].contains(where: { (0x0600...0x06FF).contains($0) }) else {
                addPart(s, e)
                continue
            }
            var partStart = s
            for k in s..<e where u[k] == 0x2E {
                if k > partStart { addPart(partStart, k) }
                add(k, k + 1, .other)
                partStart = k + 1
            }
            if e > partStart { addPart(partStart, e) }
        }
        return tokens
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
