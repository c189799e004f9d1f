import Testing
@testable import Rasid
import RasidTestSupport

/// The input line's UTF-8 check, and decoding without a second check, against the standard library.
@Suite struct UTF8ValidationTests {
    func isValid(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0) } }
    func stdlibIsValid(_ bytes: [UInt8]) -> Bool { String(validating: bytes, as: UTF8.self) != nil }

    @Test func utf8CheckIsTheStandardLibrarysOnShortSequences() {
        // Every one- and two-byte sequence, and every three- and four-byte one from a lead byte of
        // a multi-byte form with bytes around each boundary of the ranges UTF-8 allows.
        let edges: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xF4, 0xF5, 0xFF]
        for a in 0...255 {
            #expect(isValid([UInt8(a)]) == stdlibIsValid([UInt8(a)]))
            for b in 0...255 {
                let two = [UInt8(a), UInt8(b)]
                if isValid(two) != stdlibIsValid(two) { Issue.record("\(two)") }
                guard a >= 0xC0 else { continue }
                for c in edges {
                    let three = two + [c]
                    if isValid(three) != stdlibIsValid(three) { Issue.record("\(three)") }
                    for d in edges where a >= 0xF0 {
                        let four = three + [d]
                        if isValid(four) != stdlibIsValid(four) { Issue.record("\(four)") }
                    }
                }
            }
        }
    }

    @Test func utf8CheckIsTheStandardLibrarysOnMixedText() {
        var g = SplitMix64(seed: 3)
        let plain = Array("نص عربي plain ASCII 😀 ".utf8)
        for _ in 0..<50_000 {
            var bytes: [UInt8] = []
            for _ in 0..<g.below(48) {
                switch g.below(4) {
                case 0: bytes.append(UInt8(0x20 + g.below(0x60)))
                case 1: bytes.append(plain[g.below(plain.count)])
                case 2: bytes.append([0xD8, 0xD9, 0xA7, 0x84, 0xE2, 0x80, 0xF0, 0x9F, 0xED, 0xF4][g.below(10)])
                default: bytes.append(UInt8(g.below(256)))
                }
            }
            #expect(isValid(bytes) == stdlibIsValid(bytes), "\(bytes)")
            let padded = plain + bytes + Array("abcdefghijklmnopq".utf8)
            #expect(isValid(padded) == stdlibIsValid(padded), "\(bytes)")
        }
    }

    /// The eight-bytes-at-a-time check of ASCII and two-byte runs: Arabic text and spaces with,
    /// now and then, a longer sequence, a lone lead or continuation, an overlong C0/C1 form or a
    /// cut, at every position relative to the words it reads.
    @Test func utf8CheckIsTheStandardLibrarysOnArabicText() {
        var g = SplitMix64(seed: 9)
        let arabic = Array("قال رئيس حزب الوفد، في الإسكندرية: ".utf8)
        let rare: [[UInt8]] = [[0xE2, 0x80, 0x9C], [0xF0, 0x9F, 0x98, 0x80], [0xD8], [0xA7], [0xC0, 0x80], [0xC1, 0xBF],
                               [0xC2, 0x80], [0xDF, 0xBF], [0xED, 0xA0, 0x80], [0x0A], [0xFF]]
        for _ in 0..<50_000 {
            let start = g.below(arabic.count)
            var bytes = Array((arabic + arabic + arabic)[start..<(start + g.below(2 * arabic.count))])
            for _ in 0..<g.below(3) {
                bytes.insert(contentsOf: rare[g.below(rare.count)], at: g.below(bytes.count + 1))
            }
            if g.below(4) == 0, !bytes.isEmpty { bytes.removeLast(g.below(min(3, bytes.count) + 1)) }
            #expect(isValid(bytes) == stdlibIsValid(bytes), "\(bytes)")
        }
    }

    @Test func decodingAValidLineSkipsOnlyTheCheck() throws {
        let lines = [#"{"text": "قال حسن"}"#, #"{"text": "a\"b\\c\u0645\ud83d\ude00\ud800 x\n"}"#, #"{"text": ""}"#,
                     #"{"text": "\u00e9😀\/\t"}"#, #"{"text": "\udc00\ud800"}"#]
        for line in lines {
            let bytes = Array(line.utf8)
            try bytes.withUnsafeBufferPointer { b in
                let member = try JSONLineScanner.scan(b).members[0]
                let checked = try JSONLineScanner.decodeString(b, member.value)
                let unchecked = try JSONLineScanner.decodeString(b, member.value, lineIsValidUTF8: true)
                #expect(checked == unchecked, "\(line)")
            }
        }
    }
}
