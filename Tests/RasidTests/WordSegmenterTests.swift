import Testing
// Not @testable: that loads CICU into this module, whose C types clash with the ICU Foundation
// bundles (a clean build fails).
import RasidICU
import RasidTestSupport

/// `Breaker(.word).segments`, which segments common text itself, against ICU's iterator alone
/// (`forEachSegment`): the same segments, kinds included, or the fast path is wrong.
@Suite struct WordSegmenterTests {
    let breaker: Breaker

    init() throws { breaker = try Breaker(.word) }

    @discardableResult
    private func check(_ units: [UInt16], _ label: @autoclosure () -> String, record: Bool = true) throws -> Bool {
        var expected: [TextSegment] = []
        var found: [TextSegment] = []
        var withoutSpace: [TextSegment] = []
        try units.withUnsafeBufferPointer { u in
            try breaker.forEachSegment(in: u) { expected.append($0) }
            try breaker.segments(in: u, skippingSpace: false, into: &found)
            try breaker.segments(in: u, skippingSpace: true, into: &withoutSpace)
        }
        // Without white space too: the walk steps over a single space between words there.
        let same = found == expected && withoutSpace == expected.filter { $0.kind != .space }
        if record { #expect(same, "\(label()): \(units.map { String($0, radix: 16) })") }
        return same
    }

    /// Every character the table covers (and some beyond it), alone and in each context the rules
    /// look at: between letters, digits, connectors, after and before marks, spaces and line ends.
    @Test func everyCharacterInTheContextsTheRulesLookAt() throws {
        let contexts: [([UInt16], [UInt16])] = [
            ([], []), ([0x61], [0x62]), ([0x628], [0x628]), ([0x31], [0x32]), ([0x663], [0x664]),
            ([0x5F], [0x5F]), ([0x20], [0x20]), ([0x628, 0x64E], [0x64E, 0x628]), ([0x61], []), ([], [0x31]),
            ([0x0D], [0x0A]), ([0x200D], [0x200D]), ([0x628, 0x27], [0x27, 0x628]), ([0x31, 0x2C], [0x2C, 0x31]),
        ]
        var checked = 0
        var wrong: [String] = []
        for c in UInt16(0)..<0x2100 where !(0xD800..<0xE000).contains(c) {
            var ok = true
            for (before, after) in contexts {
                ok = try check(before + [c] + after, "", record: false) && ok
                ok = try check(before + [c, c] + after, "", record: false) && ok
                checked += 1
            }
            if !ok { wrong.append(String(c, radix: 16)) }
        }
        #expect(wrong.isEmpty, "characters segmented unlike ICU: \(wrong)")
        #expect(checked > 100_000)
    }

    /// Random strings over one or more characters of every class, handled and not (Hebrew, kana,
    /// ideographs, emoji and regional indicators as surrogate pairs, Thai, a lone surrogate).
    @Test func randomTextOverEveryClass() throws {
        let alphabet: [[UInt16]] = [
            [0x628], [0x627], [0x644], [0x61], [0x5A], [0x30], [0x669], [0x6F1], [0x5F], [0x203F], [0x3A], [0x2E],
            [0x27], [0x2019], [0x2C], [0x3B], [0x66C], [0x60C], [0x64E], [0x651], [0x640], [0x200C], [0x200D],
            [0x20], [0x2003], [0x09], [0x0A], [0x0D], [0x85], [0x2028], [0xA0], [0x22], [0x21], [0x61F], [0x2D],
            [0x5D0], [0x30A2], [0x4E2D], [0xE01], [0xD83D, 0xDE00], [0xD83C, 0xDDEA], [0xD800], [0x40], [0xAD],
            [0x6DD], [0x2060], [0xFEFF], [0x1F], [0x2070], [0x3000],
        ]
        var g = SplitMix64(seed: 29)
        for n in 0..<20_000 {
            let units = (0..<(1 + g.below(24))).flatMap { _ in alphabet[g.below(alphabet.count)] }
            try check(units, "random text \(n)")
        }
    }

    /// Random strings over characters `WordSegmenter` handles itself, so that the whole string
    /// goes through it.
    @Test func randomTextTheFastPathReadsWhole() throws {
        let alphabet: [UInt16] = [0x628, 0x627, 0x644, 0x61, 0x5A, 0x30, 0x669, 0x6F1, 0x5F, 0x203F, 0x3A, 0x2E,
                                  0x27, 0x2019, 0x2C, 0x3B, 0x66C, 0x60C, 0x64E, 0x651, 0x640, 0x200C, 0x200D,
                                  0x20, 0x2003, 0x09, 0x0A, 0x0D, 0x85, 0x2028, 0xA0, 0x22, 0x21, 0x61F, 0x2D,
                                  0xAD, 0x6DD, 0x2060, 0x1F, 0x202F, 0x600]
        var g = SplitMix64(seed: 37)
        for n in 0..<50_000 {
            let units = (0..<(1 + g.below(16))).map { _ in alphabet[g.below(alphabet.count)] }
            #expect(units.withUnsafeBufferPointer { Breaker.wordUnitsWithoutICU(in: $0) } == units.count)
            try check(units, "random text \(n)")
        }
    }

    /// Every unit the table leaves to ICU (U+2070 to U+FFFF, surrogates included) inside a word,
    /// after a letter run, a mid character and a space: the walk hands over at its segment.
    @Test func everyUnitBeyondTheTableIsHandedOver() throws {
        for c in UInt16(0x2070)...0xFFFF {
            for (before, after): ([UInt16], [UInt16]) in [([0x628, 0x628], [0x628]), ([0x61, 0x2E], [0x61]),
                                                          ([0x628, 0x20], [0x20, 0x628]), ([0x31, 0x2C], [0x32])] {
                let units = before + [c] + after
                #expect(units.withUnsafeBufferPointer { Breaker.wordUnitsWithoutICU(in: $0) } < units.count)
                try check(units, "U+\(String(c, radix: 16))")
            }
        }
    }

    /// Mostly Arabic with now and then a character ICU must take over: the hand-over offsets.
    @Test func handOverToICUMidText() throws {
        var g = SplitMix64(seed: 31)
        let words: [[UInt16]] = [Array("قال الدكتور".utf16), Array(" 12.5, ".utf16), Array("U.S.A".utf16),
                                 [0x5D0, 0x5D1], [0xD83D, 0xDE00], [0x4E2D, 0x6587], Array("، ".utf16)]
        for n in 0..<2_000 {
            let units = (0..<(1 + g.below(12))).flatMap { _ in words[g.below(words.count)] }
            try check(units, "mixed text \(n)")
        }
    }
}

extension WordSegmenterTests {
    /// The annotated samples, as written.
    @Test func annotatedSamples() throws {
        var whole = 0
        for (n, text) in try EvalTexts.dev().enumerated() {
            let units = Array(text.utf16)
            try check(units, "dev document \(n)")
            if units.withUnsafeBufferPointer({ Breaker.wordUnitsWithoutICU(in: $0) }) == units.count { whole += 1 }
        }
        #expect(whole > 20)  // the fast path reads most news documents whole
    }
}
