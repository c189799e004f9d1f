/// Reads one JSON Lines record: validates the whole line and finds its top-level members.
///
/// Rasid passes every field it does not own through untouched, so it needs the raw bytes of each
/// member, not a decoded tree; and it decodes only `id` and `text`. Invalid UTF-8 inside strings
/// becomes U+FFFD and is counted, never fatal.
public struct JSONLineScanner {
    public struct Member {
        /// Raw bytes of `"key": value` without surrounding commas, and of the value alone.
        public var raw: Range<Int>
        public var value: Range<Int>
        public var key: String
    }

    public struct Record {
        public var members: [Member]
        /// Number of invalid UTF-8 sequences replaced in decoded strings.
        public var replacements: Int
    }

    public struct SyntaxError: Error, CustomStringConvertible {
        public var offset: Int
        public var message: String
        public var description: String { "\(message) at byte \(offset + 1)" }
    }

    /// The deepest nesting accepted; deeper input is an error, not a stack overflow.
    public static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var replacements = 0
    /// The caller has checked that `bytes` is valid UTF-8, so decoded strings are not checked again.
    private var knownValidUTF8 = false

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Scans `line`, which must hold one JSON object.
    public static func scan(_ line: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> Record {
        var s = JSONLineScanner(line)
        s.skipSpace()
        guard s.i < line.count, line[s.i] == UInt8(ascii: "{") else { throw s.error("expected a JSON object") }
        s.i += 1
        var members: [Member] = []
        s.skipSpace()
        if s.peek == UInt8(ascii: "}") {
            s.i += 1
        } else {
            while true {
                s.skipSpace()
                let memberStart = s.i
                guard s.peek == UInt8(ascii: "\"") else { throw s.error("expected a member name") }
                let key = try s.decodeString()
                s.skipSpace()
                guard s.peek == UInt8(ascii: ":") else { throw s.error("expected ':'") }
                s.i += 1
                s.skipSpace()
                let valueStart = s.i
                try s.skipValue(depth: 1)
                members.append(Member(raw: memberStart..<s.i, value: valueStart..<s.i, key: key))
                s.skipSpace()
                if s.peek == UInt8(ascii: ",") { s.i += 1; continue }
                if s.peek == UInt8(ascii: "}") { s.i += 1; break }
                throw s.error("expected ',' or '}'")
            }
        }
        s.skipSpace()
        guard s.i == line.count else { throw s.error("unexpected data after the object") }
        return Record(members: members, replacements: s.replacements)
    }

    /// Decodes the JSON string at `range` of `line` (a member's value).
    public static func decodeString(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(SyntaxError) -> (String, Int) {
        try decodeString(line, range, lineIsValidUTF8: false)
    }

    /// `decodeString`, told whether the whole line is valid UTF-8 (`UTF8Validation.isValid`):
    /// then the string is not checked again. Its body lies between ASCII quotes and backslashes of
    /// a valid line, and escapes add only whole scalars, so it is valid too.
    /// `scanned`: `range` is a string value as `scan` found it, so it is not checked again either.
    static func decodeString(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                             lineIsValidUTF8: Bool, scanned: Bool = false) throws(SyntaxError) -> (String, Int) {
        var s = JSONLineScanner(UnsafeBufferPointer(rebasing: line[..<range.upperBound]))
        s.knownValidUTF8 = lineIsValidUTF8
        s.i = range.lowerBound
        let value = try s.decodeString(scanned: scanned && range.count >= 2)
        return (value, s.replacements)
    }

    private var peek: UInt8 { i < bytes.count ? bytes[i] : 0 }

    private func error(_ message: String) -> SyntaxError { SyntaxError(offset: i, message: message) }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }

    private mutating func skipValue(depth: Int) throws(SyntaxError) {
        guard depth <= Self.maximumDepth else { throw error("nested deeper than \(Self.maximumDepth)") }
        switch peek {
        case UInt8(ascii: "\""): _ = try skipString()
        case UInt8(ascii: "{"):
            i += 1; skipSpace()
            if peek == UInt8(ascii: "}") { i += 1; return }
            while true {
                skipSpace()
                guard peek == UInt8(ascii: "\"") else { throw error("expected a member name") }
                _ = try skipString()
                skipSpace()
                guard peek == UInt8(ascii: ":") else { throw error("expected ':'") }
                i += 1; skipSpace()
                try skipValue(depth: depth + 1)
                skipSpace()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                if peek == UInt8(ascii: "}") { i += 1; return }
                throw error("expected ',' or '}'")
            }
        case UInt8(ascii: "["):
            i += 1; skipSpace()
            if peek == UInt8(ascii: "]") { i += 1; return }
            while true {
                skipSpace()
                try skipValue(depth: depth + 1)
                skipSpace()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                if peek == UInt8(ascii: "]") { i += 1; return }
                throw error("expected ',' or ']'")
            }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try skipNumber()
        default: throw error(i < bytes.count ? "unexpected character" : "unexpected end of line")
        }
    }

    private mutating func literal(_ word: StaticString) throws(SyntaxError) {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { throw error("unexpected end of line") }
        for k in 0..<n where bytes[i + k] != word.utf8Start[k] { throw error("invalid literal") }
        i += n
    }

    private mutating func skipNumber() throws(SyntaxError) {
        let start = i
        if peek == UInt8(ascii: "-") { i += 1 }
        func digits() -> Int { let s = i; while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }; return i - s }
        // Robustness: JSON forbids leading zeros (`01`); such a value, passed through untouched,
        // would make the output line invalid JSON for strict readers.
        let intStart = i
        let intDigits = digits()
        guard intDigits > 0 else { throw error("invalid number") }
        if intDigits > 1 && bytes[intStart] == UInt8(ascii: "0") { throw SyntaxError(offset: intStart, message: "invalid number") }
        if peek == UInt8(ascii: ".") { i += 1; guard digits() > 0 else { throw error("invalid number") } }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            i += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { throw error("invalid number") }
        }
        if i == start { throw error("invalid number") }
    }

    /// Skips a string without decoding; true when it held escapes.
    ///
    /// Robustness: members Rasid does not own are copied to the output byte for byte, so a string
    /// is checked as strictly as JSON requires (no raw control characters, only JSON's escapes);
    /// otherwise a malformed input string would make the output line invalid JSON.
    private mutating func skipString() throws(SyntaxError) -> Bool {
        i += 1
        var escaped = false
        while true {
            i = Self.nextSpecial(bytes, from: i)
            guard i < bytes.count else { break }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; return escaped }
            if b < 0x20 { throw error("control character U+00\(b < 0x10 ? "0" : "")\(String(b, radix: 16, uppercase: true)) in a string: it must be escaped") }
            // A backslash.
            escaped = true
            guard i + 1 < bytes.count else { break }
            switch bytes[i + 1] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                 UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                i += 2
            case UInt8(ascii: "u"):
                guard i + 6 <= bytes.count, hex4(bytes, i + 2) != nil else { throw error("invalid \\u escape") }
                i += 6
            default: throw error("invalid escape")
            }
        }
        throw error("unterminated string")
    }

    /// The first index from `i` on holding a quote, a backslash or a control character (the only
    /// bytes a string's scan must stop at), or `b.count`. Eight bytes at a time: the text of a
    /// document is almost all plain bytes.
    @inline(__always)
    static func nextSpecial(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        if let base = UnsafeRawPointer(b.baseAddress) {
            while i + 8 <= b.count {
                let flags = specialFlags(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                if flags != 0 { return i + flags.trailingZeroBitCount / 8 }
                i += 8
            }
        }
        while i < b.count {
            if isSpecial(b[i]) { return i }
            i += 1
        }
        return i
    }

    /// For eight bytes read little-endian: the high bit of each byte set where it is a quote, a
    /// backslash or below 0x20, and maybe in bytes above such a byte, never below it: the lowest
    /// flagged byte is exact (x ^ pattern is zero where equal, and borrows only run upwards). Zero
    /// when none is. The input's scan and the writer's escaping (`JSONWriter.escapedThenQuote`)
    /// stop at the same bytes.
    @inline(__always)
    static func specialFlags(_ x: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let quote = x ^ (ones &* 0x22), backslash = x ^ (ones &* 0x5C)
        return ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (x &- ones &* 0x20) & ~x) & highs
    }

    /// Whether `c` is a quote, a backslash or a control character: `specialFlags`, a byte at a time.
    @inline(__always)
    static func isSpecial(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20
    }

    /// - Parameter scanned: the string is all of `bytes` from `i` on, checked by `scan`: its end is
    /// known, and it holds no quote or control character, so the first special byte of its body
    /// is a backslash. Not skipped again: that was a pass over a document's whole text.
    private mutating func decodeString(scanned: Bool = false) throws(SyntaxError) -> String {
        let start = i + 1
        let escaped: Bool, end: Int
        if scanned {
            end = bytes.count - 1
            escaped = Self.nextSpecial(bytes, from: start) < end
            i = bytes.count
        } else {
            escaped = try skipString()
            end = i - 1
        }
        let body = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if !escaped { return decodeUTF8(body) }
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var k = 0
        var pendingHigh: UInt32? = nil
        // A high surrogate not followed by a low one becomes U+FFFD, and is counted like any other
        // replacement (it was not, so the warning under-reported).
        func flushHigh() { if pendingHigh != nil { appendScalar(0xFFFD, to: &out); pendingHigh = nil; replacements += 1 } }
        while k < body.count {
            // The bytes up to the next backslash are copied as they are, in one go (`skipString`
            // has checked that the body holds no quote or control character).
            let run = Self.nextSpecial(body, from: k)
            if run > k {
                flushHigh()
                out.append(contentsOf: UnsafeBufferPointer(rebasing: body[k..<run]))
                k = run
                continue
            }
            let b = body[k]
            guard b == UInt8(ascii: "\\") else { flushHigh(); out.append(b); k += 1; continue }
            guard k + 1 < body.count else { throw SyntaxError(offset: start + k, message: "invalid escape") }
            let e = body[k + 1]
            k += 2
            if e == UInt8(ascii: "u") {
                guard k + 4 <= body.count, let v = hex4(body, k) else { throw SyntaxError(offset: start + k, message: "invalid \\u escape") }
                k += 4
                if v >= 0xD800 && v < 0xDC00 { flushHigh(); pendingHigh = v; continue }
                if v >= 0xDC00 && v < 0xE000 {
                    if let high = pendingHigh {
                        appendScalar(0x10000 + ((high - 0xD800) << 10) + (v - 0xDC00), to: &out)
                        pendingHigh = nil
                    } else { appendScalar(0xFFFD, to: &out); replacements += 1 }
                    continue
                }
                flushHigh()
                appendScalar(v, to: &out)
                continue
            }
            flushHigh()
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            default: throw SyntaxError(offset: start + k - 1, message: "invalid escape")
            }
        }
        if pendingHigh != nil { appendScalar(0xFFFD, to: &out); replacements += 1 }
        return out.withUnsafeBufferPointer { decodeUTF8($0) }
    }

    private mutating func decodeUTF8(_ body: UnsafeBufferPointer<UInt8>) -> String {
        if knownValidUTF8 { return UTF8Validation.string(validated: body) }
        if let valid = String(validating: body, as: UTF8.self) { return valid }
        // Count what the repair replaces, so the caller can warn.
        var decoder = UTF8()
        var iterator = body.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: break loop
            case .error: replacements += 1
            }
        }
        return String(decoding: body, as: UTF8.self)
    }

    private func hex4(_ b: UnsafeBufferPointer<UInt8>, _ k: Int) -> UInt32? {
        var v: UInt32 = 0
        for j in k..<(k + 4) {
            let c = b[j]
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default: return nil
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    private func appendScalar(_ v: UInt32, to out: inout [UInt8]) {
        let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
        UTF8.encode(scalar) { out.append($0) }
    }
}
