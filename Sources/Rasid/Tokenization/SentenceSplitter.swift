import RasidICU

/// Sentences from ICU's sentence BreakIterator, as token ranges: the reach of a rule.
///
/// One correction: ICU ends a sentence at a full stop followed by a letter that has no case, so
/// it would cut `د. سعيد` after `د.`; a full stop after a word of one or two letters (an
/// abbreviated title) does not end a sentence here.
public final class SentenceSplitter {
    private let breaker: Breaker
    /// ICU's sentence boundaries in the current document, kept between documents for their capacity.
    private var boundaries: [Int] = []

    public init() throws { breaker = try Breaker(.sentence) }

    public func sentences(_ text: TokenizedText) throws -> [Range<Int>] {
        let tokens = text.tokens
        guard !tokens.isEmpty else { return [] }
        try text.view.units.withUnsafeBufferPointer { units in
            try breaker.sentenceBoundaries(in: units, into: &self.boundaries)
        }
        let boundaries = self.boundaries  // normalised unit offsets where a sentence ends
        var result: [Range<Int>] = []
        var start = 0
        var b = 0
        for i in tokens.indices {
            // Token i starts a new sentence when a boundary lies between it and the previous token.
            guard i > 0 else { continue }
            var crossed = false
            while b < boundaries.count, boundaries[b] <= Int(tokens[i].normStart) {
                if boundaries[b] >= Int(tokens[i - 1].normEnd) { crossed = true }
                b += 1
            }
            if crossed && !isAbbreviation(text, before: i) {
                result.append(start..<i)
                start = i
            }
        }
        result.append(start..<tokens.count)
        return result
    }

    private func isAbbreviation(_ text: TokenizedText, before i: Int) -> Bool {
        // The token is a lone full stop (compared as units: making its String cost thousands of
        // instructions).
        guard i >= 2, text.withUnits(of: i - 1, { $0.count == 1 && $0[0] == 0x2E }) else { return false }
        let word = text.tokens[i - 2]
        return word.kind == .word && word.normEnd - word.normStart <= 2 && word.normEnd == text.tokens[i - 1].normStart
    }
}
