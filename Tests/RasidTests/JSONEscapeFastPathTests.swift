import Foundation
import Testing
@testable import Rasid
import RasidTestSupport

/// `JSONWriter.escapedThenQuote` (a string's bytes scanned and copied a word at a time) against a
/// plain escaper, scalar by scalar, and against Foundation's reading of what it wrote; and an
/// entity's text written from bytes of its document as the same text written as a string.
@Suite struct JSONEscapeFastPathTests {
    /// Scalars a string's bytes can be: every byte that needs an escape, the ones around them,
    /// Arabic, and the line and paragraph separators (which JSON leaves as they are). Not U+FEFF:
    /// Foundation's reader on Linux drops it wherever it stands, as a byte-order mark.
    static let alphabet: [UInt32] = Array(0x00...0x21) + [0x22, 0x23, 0x2F, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F, 0x80, 0xFF,
                                                           0x0627, 0x0644, 0x062D, 0x0632, 0x0628, 0x0629, 0x064B,
                                                           0x2028, 0x2029, 0xFFFD, 0x1F600, 0x10FFFF]
        + Array(repeating: 0x0627, count: 20) + Array(repeating: 0x61, count: 20)

    /// JSON's escapes as the writer uses them, one scalar at a time.
    static func plainEscaped(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x22: out += Array("\\\"".utf8)
            case 0x5C: out += Array("\\\\".utf8)
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0..<0x20: out += Array(String(format: "\\u%04x", scalar.value).utf8)
            default: out += Array(String(scalar).utf8)
            }
        }
        return out
    }

    static func randomString(_ g: inout SplitMix64) -> String {
        // Lengths around the word size and its multiples, where the loops hand over.
        let count = g.below(4) == 0 ? g.below(40) : g.below(12)
        var s = String.UnicodeScalarView()
        s.append(contentsOf: FastPathTests.draw(count, from: alphabet, &g))
        return String(s)
    }

    @Test func stringsAreWrittenAsThePlainEscaperWritesThem() throws {
        var g = SplitMix64(seed: 11)
        for _ in 0..<20_000 {
            let s = Self.randomString(&g)
            // From a small capacity: the room is made by the fast path itself.
            var w = JSONWriter(capacity: g.below(8))
            w.raw("[")
            w.string(s)
            w.raw("]")
            let written = w.bytes
            #expect(written == Array("[\"".utf8) + Self.plainEscaped(s) + Array("\"]".utf8), "\(s.unicodeScalars.map { $0.value })")
            let read = try JSONSerialization.jsonObject(with: Data(written)) as? [String]
            #expect(read == [s])
        }
    }

    /// The word-at-a-time reads stay inside the string: each string escaped from a buffer of
    /// exactly its bytes, on the heap, where the address sanitizer (the CI job that runs the tests
    /// with it) reports a read past its end.
    @Test func stringsAreReadWithinTheirBytes() {
        var g = SplitMix64(seed: 13)
        for _ in 0..<20_000 {
            let s = Self.randomString(&g)
            let utf8 = Array(s.utf8)
            let exact = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: utf8.count)
            defer { exact.deallocate() }
            _ = exact.initialize(from: utf8)
            var w = JSONWriter(capacity: g.below(8))
            w.escapedThenQuote(UnsafeBufferPointer(exact))
            let written = w.bytes
            #expect(written == Self.plainEscaped(s) + Array("\"".utf8), "\(s.unicodeScalars.map { $0.value })")
            #expect(JSONLineScanner.nextSpecial(UnsafeBufferPointer(exact), from: 0)
                    == (utf8.firstIndex { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 } ?? utf8.count))
        }
    }

    @Test func anEntitysTextFromItsDocumentIsWrittenAsItsOwnString() throws {
        var g = SplitMix64(seed: 12)
        for _ in 0..<5_000 {
            let document = Self.randomString(&g) + Self.randomString(&g) + Self.randomString(&g)
            // A span at scalar boundaries, as entities are cut.
            let scalars = Array(document.unicodeScalars)
            let a = g.below(scalars.count + 1), b = a + g.below(scalars.count - a + 1)
            let from = scalars[..<a].reduce(0) { $0 + String($1).utf8.count }
            let to = from + scalars[a..<b].reduce(0) { $0 + String($1).utf8.count }
            var alone = JSONWriter(capacity: 1), inPlace = JSONWriter(capacity: 1)
            let text = String(decoding: Array(document.utf8)[from..<to], as: UTF8.self)
            alone.string(text, after: ",\"text\":\"")
            inPlace.string(document, bytes: from..<to, after: ",\"text\":\"")
            let (expected, written) = (alone.bytes, inPlace.bytes)
            #expect(written == expected)
            let entity = Entity(start: a, end: b, document: document, textBytes: from..<to,
                                label: EntityCandidate.Label(type: "PERSON", canonical: nil, source: "s", features: [:]))
            #expect(entity.text == text)
            #expect(entity == Entity(start: a, end: b, type: "PERSON", text: text, source: "s"))
        }
    }
}
