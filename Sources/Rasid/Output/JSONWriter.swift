/// Appends JSON to a byte buffer: the fast path for output, no intermediate tree.
public struct JSONWriter {
    public var bytes: [UInt8] = []

    public init() {}

    public mutating func raw(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    public mutating func raw<C: Collection>(_ b: C) where C.Element == UInt8 { bytes.append(contentsOf: b) }

    public mutating func number(_ n: Int) {
        guard n != 0 else { bytes.append(UInt8(ascii: "0")); return }
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        // Digits into a small stack buffer, then appended in order: no String per number.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var magnitude = n.magnitude
        withUnsafeMutableBytes(of: &digits) { buffer in
            var k = buffer.count
            while magnitude > 0 {
                k -= 1
                buffer[k] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[k...]))
        }
    }

    public mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { escaped($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `opening` (fixed text ending in the value's opening quote, such as `,"text":"`), `s` escaped,
    /// and the closing quote: the encoders' members, with one append fewer than `raw` then `string`.
    mutating func string(_ s: String, after opening: StaticString) {
        raw(opening)
        var s = s
        s.withUTF8 { escaped($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The bytes of a string's body with JSON's escapes. Runs that need no escape are copied whole,
    /// found eight bytes at a time: most strings are one such run, and a byte-by-byte scan was most
    /// of what writing one cost. The bytes that need an escape (`"`, `\`, controls) are exactly the
    /// ones a string's scan stops at on input.
    mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        while true {
            let k = JSONLineScanner.nextSpecial(utf8, from: runStart)
            if k > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<k])) }
            guard k < utf8.count else { return }
            escape(utf8[k])
            runStart = k + 1
        }
    }

    private mutating func escape(_ b: UInt8) {
        switch b {
        case UInt8(ascii: "\""): raw("\\\"")
        case UInt8(ascii: "\\"): raw("\\\\")
        case 0x0A: raw("\\n")
        case 0x0D: raw("\\r")
        case 0x09: raw("\\t")
        default:
            raw("\\u00")
            let hex: StaticString = "0123456789abcdef"
            bytes.append(hex.utf8Start[Int(b >> 4)])
            bytes.append(hex.utf8Start[Int(b & 0xF)])
        }
    }

    /// `"key":` (the key is written as given; callers pass plain ASCII names).
    public mutating func key(_ k: String) {
        string(k)
        bytes.append(UInt8(ascii: ":"))
    }
}
