import Foundation
import Testing
@testable import Rasid

/// The rule file parser's own string helpers give what the Foundation calls they replaced gave.
@Suite struct RuleFileTextTests {
    static let samples = [
        "", " ", "\t", "abc", "  list A = x  ", "\t rule r1\t", "\u{A0}match x\u{3000}", " \u{301}abc ",
        "example محمد => PERSON(محمد)", "a\u{2003}", "\u{200B} x", "\r\n", "x\r", "قائمًا ",
    ]

    @Test func trimmedIsTrimmingWhitespaces() {
        // Every separator Foundation's set holds, and a few neighbours it does not.
        let spaces = [0x20, 0x09, 0xA0, 0x1680, 0x2000, 0x200A, 0x200B, 0x202F, 0x205F, 0x3000, 0x180E, 0x85, 0xFEFF, 0x0A, 0x200C]
        let edges = spaces.map { "\(Character(Unicode.Scalar($0)!))x\(Character(Unicode.Scalar($0)!))" }
        for s in Self.samples + edges {
            #expect(RuleFileParser.trimmed(s) == s.trimmingCharacters(in: .whitespaces), "\(s.unicodeScalars.map(\.value))")
            #expect(RuleFileParser.trimmed(s.dropFirst()) == s.dropFirst().trimmingCharacters(in: .whitespaces))
        }
    }

    @Test func linesEndAtEveryNewlineWithoutACarriageReturn() {
        // Without carriage returns, what `components(separatedBy:)` gives.
        for text in ["", "\n", "a\nb", "a\nb\nc\n", "\n\nx\n\ny\n", "رمز\n\u{301}x\n", "x\u{301}\n\n"] {
            #expect(RuleFileParser.lines(of: text) == text.components(separatedBy: "\n"), "\(text.debugDescription)")
        }
        // A file saved with Windows line ends has the same lines; a lone \r stays.
        #expect(RuleFileParser.lines(of: "a\r\nb\nc\r\n") == ["a", "b", "c", ""])
        #expect(RuleFileParser.lines(of: "x\r\r\n\n") == ["x\r", "", ""])
        #expect(RuleFileParser.lines(of: "\r\n") == ["", ""])
    }

    @Test func aRulesFileWithWindowsLineEndsLoadsAsWithUnixOnes() throws {
        let folder = BundledData.root()!.appendingPathComponent("rules")
        let texts = try ["00-lists.rules", "10-entities.rules", "20-relations.rules"].map {
            ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8))
        }
        let parser = try RuleFileParser()
        let a = try parser.parse(texts.map { ($0.0, RuleFileParser.lines(of: $0.1)) })
        let b = try parser.parse(texts.map { ($0.0, RuleFileParser.lines(of: $0.1.replacingOccurrences(of: "\n", with: "\r\n"))) })
        #expect(a.rules.count > 5)
        #expect(a.rules.map(\.name) == b.rules.map(\.name))
        #expect(a.rules.map(\.program.instructions) == b.rules.map(\.program.instructions))
    }

    @Test func firstRangeIsRangeOf() {
        let haystacks = ["list A += x", "list A = x += y", "list A x", "a=\u{338}>b => c", "x =>", "=>", "+\u{301}= =",
                         "مثال => PERSON(x) => y", "%\u{301}a %b"]
        for s in haystacks {
            for needle in ["+=", "=", "=>", "%"] {
                // Compared as the text before and inside the range: Foundation's indices may be
                // encoded otherwise than Swift's.
                let parts = { (r: Range<String.Index>?) in r.map { [String(s[..<$0.lowerBound]), String(s[$0])] } }
                #expect(parts(RuleFileParser.firstRange(of: needle, in: s[...])) == parts(s.range(of: needle)),
                        "\(s.debugDescription) \(needle)")
            }
        }
    }

    @Test func stringFromUTF16IsStringDecoding() {
        let units: [[UInt16]] = [[], Array("abc".utf16), Array("محمد عبد".utf16), Array("x😀y".utf16),
                                 [0xD800], [0xDC00, 0x41], [0xD83D, 0x41], [0x41, 0xD83D], [0xDBFF, 0xDFFF], [0x7FF, 0x800, 0xFFFF]]
        for u in units {
            let mine = u.withUnsafeBufferPointer { RuleFileParser.string(utf16: $0) }
            #expect(mine == String(decoding: u, as: UTF16.self), "\(u)")
            #expect(Array(mine.utf8) == Array(String(decoding: u, as: UTF16.self).utf8))
        }
    }
}
