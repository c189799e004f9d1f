import Testing
// Not @testable: that loads CICU into this module, whose C types clash with the ICU Foundation
// bundles (a clean build fails).
import RasidICU
import RasidTestSupport

/// `Breaker.sentenceBoundaries`, which finds sentences of common text itself, against the ends of
/// the sentences ICU's iterator finds walking the whole text.
@Suite struct SentenceSegmenterTests {
    let breaker: Breaker

    init() throws { breaker = try Breaker(.sentence) }

    private func check(_ units: [UInt16], _ label: @autoclosure () -> String) throws {
        var segments: [TextSegment] = []
        var boundaries: [Int] = []
        try units.withUnsafeBufferPointer { u in
            try breaker.segments(in: u, skippingSpace: false, into: &segments)
            try breaker.sentenceBoundaries(in: u, into: &boundaries)
        }
        #expect(boundaries == segments.map(\.end), "\(label()): \(units.map { String($0, radix: 16) })")
        // `SentenceSegmenter` reads the text itself exactly when every unit is in its table: one
        // that is not must be handed to ICU, wherever it stands.
        let readWithoutICU = units.withUnsafeBufferPointer { Breaker.sentenceBoundariesReadWithoutICU(in: $0) }
        #expect(readWithoutICU == units.allSatisfy { $0 < 0x2070 }, "\(label()): \(units.map { String($0, radix: 16) })")
    }

    /// Characters of every Sentence_Break class: letters with and without case, digits,
    /// terminators, closing marks, spaces, separators, marks, continuations.
    static let everyClass: [[UInt16]] = [
        [0x628], [0x627], [0x61], [0x62], [0x41], [0x5A], [0x31], [0x669], [0x2E], [0x21], [0x3F], [0x61F],
        [0x6D4], [0x29], [0x22], [0xBB], [0x27], [0x20], [0x2003], [0x09], [0x0A], [0x0D], [0x85], [0x2028],
        [0x2029], [0x64E], [0x200C], [0x200D], [0xAD], [0x2C], [0x3A], [0x60C], [0x2D], [0x2024], [0x203C],
        [0x2E, 0x2E], [0x2E, 0x20], [0x2E, 0x20, 0x61], [0x2E, 0x29, 0x20],
    ]

    @Test func randomTextOverEveryClass() throws {
        var g = SplitMix64(seed: 41)
        for n in 0..<60_000 {
            let units = (0..<(1 + g.below(20))).flatMap { _ in Self.everyClass[g.below(Self.everyClass.count)] }
            try check(units, "random text \(n)")
        }
    }

    /// Every character of the table after and before a terminator, between letters.
    @Test func everyCharacterAroundTerminators() throws {
        for c in UInt16(0)..<0x2070 {
            for context: [UInt16] in [[0x61, 0x2E, c, 0x61], [0x61, 0x2E, 0x20, c, 0x62], [0x628, c, 0x2E, 0x20, 0x41],
                                      [0x41, 0x2E, c, 0x41], [0x628, 0x21, c, 0x628], [0x31, 0x2E, c, 0x32], [c, 0x0D, c]] {
                try check(context, "U+\(String(c, radix: 16))")
            }
        }
    }

    /// Text with characters beyond the table (surrogate pairs, a lone surrogate, CJK full stops) is
    /// ICU's alone, and still the same.
    @Test func textBeyondTheTable() throws {
        var g = SplitMix64(seed: 43)
        let beyond: [[UInt16]] = [[0xD804, 0xDC47], [0xD83D, 0xDE00], [0xDC00], [0x3002], [0xFF0E], [0x20AC]]
        for n in 0..<5_000 {
            let units = (0..<(1 + g.below(20))).flatMap { _ in
                g.below(4) == 0 ? beyond[g.below(beyond.count)] : Self.everyClass[g.below(Self.everyClass.count)]
            }
            try check(units, "random text \(n)")
        }
    }

    /// Every unit the table leaves to ICU (U+2070 to U+FFFF, surrogates included) where the walk
    /// only looks ahead: after a terminator, its closing marks and spaces, before the letter SB8
    /// looks for. The walk must still meet it and give the text to ICU (`check` asserts the
    /// hand-over: comparing the boundaries alone would pass a walk that skipped most of these).
    @Test func everyUnitBeyondTheTableWhereTheWalkLooksAhead() throws {
        for c in UInt16(0x2070)...0xFFFF {
            for context: [UInt16] in [[0x61, 0x2E, c, 0x61], [0x61, 0x2E, 0x20, c, 0x62], [0x41, 0x2E, 0x29, 0x20, c, 0x61],
                                      [0x628, 0x21, 0x64E, c]] {
                try check(context, "U+\(String(c, radix: 16))")
            }
        }
    }

    @Test func emptyTextHasNone() throws {
        var boundaries = [1]
        try [UInt16]().withUnsafeBufferPointer { try breaker.sentenceBoundaries(in: $0, into: &boundaries) }
        #expect(boundaries.isEmpty)
    }

    /// The annotated samples, as written.
    @Test func annotatedSamples() throws {
        for (n, text) in try EvalTexts.dev().enumerated() { try check(Array(text.utf16), "dev document \(n)") }
    }
}
