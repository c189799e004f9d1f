import Testing
@testable import Rasid

@Suite struct JSONLineScannerTests {
    func scan(_ s: String) throws -> JSONLineScanner.Record {
        try Array(s.utf8).withUnsafeBufferPointer { try JSONLineScanner.scan($0) }
    }

    func text(_ s: String) throws -> (String, Int) {
        let bytes = Array(s.utf8)
        return try bytes.withUnsafeBufferPointer { b in
            let record = try JSONLineScanner.scan(b)
            let member = record.members.first { $0.key == "text" }!
            return try JSONLineScanner.decodeString(b, member.value)
        }
    }

    @Test func membersWithRawRanges() throws {
        let line = #"{"id": 3, "text": "x", "n": {"a": [1, -2.5e3, "}"]}}"#
        let record = try scan(line)
        #expect(record.members.map(\.key) == ["id", "text", "n"])
        let bytes = Array(line.utf8)
        #expect(String(decoding: bytes[record.members[2].value], as: UTF8.self) == #"{"a": [1, -2.5e3, "}"]}"#)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        #expect(try text(#"{"text": "\u0645\u0635\u0631 \ud83d\ude00 \"q\"\n"}"#).0 == "مصر 😀 \"q\"\n")
        let (lone, replaced) = try text(#"{"text": "a\udc00b"}"#)
        #expect(lone == "a\u{FFFD}b")
        #expect(replaced == 1)
    }

    @Test func invalidUTF8IsReplacedAndCounted() throws {
        var bytes = Array(#"{"text": "ab"#.utf8)
        bytes += [0xC3, 0x28, 0xFF]
        bytes += Array(#"cd"}"#.utf8)
        let (decoded, replaced) = try bytes.withUnsafeBufferPointer { b in
            let r = try JSONLineScanner.scan(b)
            return try JSONLineScanner.decodeString(b, r.members[0].value)
        }
        #expect(decoded.hasPrefix("ab\u{FFFD}"))
        #expect(decoded.hasSuffix("cd"))
        #expect(replaced >= 2)
    }

    @Test(arguments: ["", "[]", "{", #"{"a" 1}"#, #"{"a": tru}"#, #"{"a": 1,}"#, #"{"a": 1} x"#, #"{"a": "x}"#, #"{"a": 01.}"#])
    func rejectsMalformedLines(_ line: String) {
        #expect(throws: JSONLineScanner.SyntaxError.self) { try scan(line) }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let line = "{\"a\": " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        #expect(throws: JSONLineScanner.SyntaxError.self) { try scan(line) }
    }
}
