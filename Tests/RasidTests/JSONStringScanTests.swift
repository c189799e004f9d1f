import Testing
@testable import Rasid
import RasidTestSupport

/// The scanner's eight-bytes-at-a-time search against a plain loop.
@Suite struct JSONStringScanTests {
    @Test func stringScanStopsWhereAPlainLoopStops() {
        var g = SplitMix64(seed: 7)
        let bytes: [UInt8] = [0x22, 0x5C, 0x00, 0x1F, 0x20, 0x21, 0x5B, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xD8, 0x61]
        for _ in 0..<20_000 {
            let count = Int(g.next() % 40)
            // Special bytes rarely, as in text.
            let line = (0..<count).map { _ in g.next() % 8 == 0 ? bytes[Int(g.next() % 4)] : bytes[4 + Int(g.next() % 10)] }
            let start = count == 0 ? 0 : Int(g.next() % UInt64(count))
            let expected = line[start...].firstIndex { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 } ?? count
            let found = line.withUnsafeBufferPointer { JSONLineScanner.nextSpecial($0, from: start) }
            #expect(found == expected, "\(line) from \(start)")
        }
    }

    func decode(_ line: String) throws -> (String, Int) {
        let bytes = Array(line.utf8)
        return try bytes.withUnsafeBufferPointer { b in
            let record = try JSONLineScanner.scan(b)
            return try JSONLineScanner.decodeString(b, record.members.first { $0.key == "text" }!.value)
        }
    }

    @Test func runsBetweenEscapesAreCopiedWhole() throws {
        // Runs longer and shorter than eight bytes, Arabic, escapes at both ends.
        #expect(try decode(#"{"text": "\nمصر العربية\t\"x\"abcdefghijklmnop\\"}"#).0 == "\nمصر العربية\t\"x\"abcdefghijklmnop\\")
        // A high surrogate before a plain run is replaced and counted once.
        let (text, replaced) = try decode(#"{"text": "\ud83dabcdefghij\ud83d\ude00"}"#)
        #expect(text == "\u{FFFD}abcdefghij😀")
        #expect(replaced == 1)
    }

    /// A scanned member's string decoded without skipping it again, against the checked decoding,
    /// on random strings with and without escapes.
    @Test func scannedStringsDecodeAsCheckedOnes() throws {
        var g = SplitMix64(seed: 9)
        let pieces = ["a", "مصر", " ", "\\n", "\\\"", "\\\\", "\\u0041", "\\ud83d\\ude00", "\\ud83d", "\\/", "abcdefghij", "😀"]
        for _ in 0..<5_000 {
            let body = (0..<g.below(12)).map { _ in pieces[g.below(pieces.count)] }.joined()
            let bytes = Array("{\"id\": 1, \"text\": \"\(body)\", \"x\": []}".utf8)
            try bytes.withUnsafeBufferPointer { b in
                let value = try JSONLineScanner.scan(b).members[1].value
                let checked = try JSONLineScanner.decodeString(b, value)
                let scanned = try JSONLineScanner.decodeString(b, value, lineIsValidUTF8: true, scanned: true)
                #expect(scanned == checked, "\(body)")
            }
        }
    }

    @Test func errorsKeepTheirOffsets() {
        func message(_ line: String) -> String {
            let bytes = Array(line.utf8)
            do { _ = try bytes.withUnsafeBufferPointer { try JSONLineScanner.scan($0) }; return "" } catch { return "\(error)" }
        }
        #expect(message(#"{"text": "abcdefghijkl"#) == "unterminated string at byte 23")
        #expect(message(#"{"text": "abcdefghijkl\"#) == "unterminated string at byte 23")
        #expect(message("{\"text\": \"abcdefghijkl\u{1}\"}") == "control character U+0001 in a string: it must be escaped at byte 23")
    }
}
