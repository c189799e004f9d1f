import Testing
import Rasid
// Not @testable: that loads CICU into this module, whose C types clash with the ICU Foundation
// bundles (a clean build fails).
import RasidICU
import RasidTestSupport

/// The tokeniser's path through ICU against the per-segment one it replaces.
@Suite struct TokenizationGlueTests {
    /// White space below U+0080 is told without asking ICU; Swift's own Unicode tables are the
    /// reference, around the fast path's edge (U+0085 and U+00A0 are asked of ICU).
    @Test func whiteSpaceKindIsUnicodesWhiteSpace() throws {
        let breaker = try Breaker(.word)
        var found: [TextSegment] = []
        var spaces = 0
        for v in UInt32(0)..<0x100 {
            let scalar = Unicode.Scalar(v)!
            let units = Array(String(Character(scalar)).utf16)
            try units.withUnsafeBufferPointer { try breaker.segments(in: $0, skippingSpace: false, into: &found) }
            guard found.count == 1, found[0].kind == .space || found[0].kind == .other else { continue }
            #expect((found[0].kind == .space) == scalar.properties.isWhitespace, "U+\(String(v, radix: 16))")
            if found[0].kind == .space { spaces += 1 }
        }
        #expect(spaces == 8)  // U+0009–U+000D, U+0020, U+0085, U+00A0
    }

    /// Text mixing Arabic, Latin, digits, punctuation and every kind of white space.
    static func randomText(_ g: inout SplitMix64) -> String {
        let pieces = ["قال", "حسن", "عبدالعزيز", "د.", "سعيد", "U.S.A", "e.g.", "٣٤٥", "12.5", "،", ".", "!", "؟",
                      " ", "  ", "\t", "\n", "\u{A0}", "\u{2003}", "\u{3000}", "\u{85}", "\u{1F600}", "ﻻ", "\"", ":"]
        return (0..<(1 + g.below(40))).map { _ in pieces[g.below(pieces.count)] }.joined()
    }

    @Test func segmentsAreForEachSegmentsWithoutSpace() throws {
        var g = SplitMix64(seed: 7)
        for unit in [Breaker.Unit.word, .sentence] {
            let breaker = try Breaker(unit)
            var found: [TextSegment] = []
            for _ in 0..<500 {
                let units = Array(Self.randomText(&g).utf16)
                try units.withUnsafeBufferPointer { u in
                    var expected: [TextSegment] = []
                    try breaker.forEachSegment(in: u) { expected.append($0) }
                    try breaker.segments(in: u, skippingSpace: false, into: &found)
                    #expect(found == expected)
                    try breaker.segments(in: u, skippingSpace: true, into: &found)
                    #expect(found == expected.filter { $0.kind != .space })
                }
            }
        }
    }
}
