/// UTF-8 checks for input lines, faster than the standard library's on Arabic text.
enum UTF8Validation {
    /// Whether `b` is well-formed UTF-8: exactly what `String(validating:as: UTF8.self) != nil`
    /// says (no overlong forms, surrogates or code points above U+10FFFF), without making a String.
    ///
    /// Every input line is checked; the standard library's check took about 12 instructions a
    /// byte, most of Rasid's reading cost. Arabic letters are two-byte sequences, taken here in
    /// one step; runs of ASCII are skipped eight bytes at a time.
    static func isValid(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = b.baseAddress else { return true }
        let n = b.count
        var i = 0
        while i < n {
            let c = p[i]
            // Two-byte sequences first, with one comparison: they are Arabic's letters.
            if c &- 0xC2 < 0xE0 - 0xC2 {
                guard i + 1 < n, p[i + 1] & 0xC0 == 0x80 else { return false }
                i += 2
                continue
            }
            if c < 0x80 {
                i += 1
                // Skip what follows while it is ASCII, eight bytes at a time.
                while i + 8 <= n,
                      UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                }
                continue
            }
            if c < 0xE0 { return false }  // a continuation byte, or an overlong two-byte form
            if c < 0xF0 {
                guard i + 2 < n else { return false }
                let c1 = p[i + 1], c2 = p[i + 2]
                // E0 needs A0…BF second (no overlong form), ED 80…9F (no surrogate).
                let low: UInt8 = c == 0xE0 ? 0xA0 : 0x80, high: UInt8 = c == 0xED ? 0x9F : 0xBF
                guard c1 >= low, c1 <= high, c2 & 0xC0 == 0x80 else { return false }
                i += 3
                continue
            }
            if c < 0xF5 {
                guard i + 3 < n else { return false }
                let c1 = p[i + 1], c2 = p[i + 2], c3 = p[i + 3]
                // F0 needs 90…BF second (no overlong form), F4 80…8F (nothing above U+10FFFF).
                let low: UInt8 = c == 0xF0 ? 0x90 : 0x80, high: UInt8 = c == 0xF4 ? 0x8F : 0xBF
                guard c1 >= low, c1 <= high, c2 & 0xC0 == 0x80, c3 & 0xC0 == 0x80 else { return false }
                i += 4
                continue
            }
            return false
        }
        return true
    }

    /// `b` as a String; `b` must be valid UTF-8 (checked by `isValid`), so it is not checked again.
    static func string(validated b: UnsafeBufferPointer<UInt8>) -> String {
        guard b.count > 0 else { return "" }
        return String(copying: unsafe UTF8Span(unchecked: b.span))
    }
}
