#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The character folding of `ANNOTATION.md`, shared by matching and scoring.
///
/// Diacritics (U+064B–U+0652, U+0670) and tatweel (U+0640) go; أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ ئ → ء;
/// Arabic-Indic digits → ASCII. Matching adds a few more (see `MatchingNormalizer`); scoring uses
/// `ArabicFolding.comparisonKey`, which applies exactly this table and removes white space.
public enum ArabicFolding {
    /// What becomes of one code point.
    public enum Action: Equatable, Sendable {
        case keep
        case drop
        case replace(UInt32)
    }

    /// The folding of `ANNOTATION.md` alone.
    @inline(__always)
    public static func annotationAction(_ c: UInt32) -> Action {
        switch c {
        case 0x064B...0x0652, 0x0670, 0x0640: return .drop
        case 0x0622, 0x0623, 0x0625, 0x0671: return .replace(0x0627)
        case 0x0649: return .replace(0x064A)
        case 0x0629: return .replace(0x0647)
        case 0x0624, 0x0626: return .replace(0x0621)
        case 0x0660...0x0669: return .replace(c - 0x0660 + 0x30)
        case 0x06F0...0x06F9: return .replace(c - 0x06F0 + 0x30)
        default: return .keep
        }
    }

    /// The string that `ANNOTATION.md` compares: folded, without white space.
    ///
    /// Worked on the UTF-8 bytes, without decoding scalars: relation resolution makes keys for
    /// every entity it compares. Every code point the table or White_Space touches is two or three
    /// bytes long and is replaced by no more bytes, so the key fits in the text's length. Must give
    /// what `comparisonKeyByScalars` (the table applied as written) gives; a test compares them.
    public static func comparisonKey(_ s: String) -> String {
        var s = s
        return s.withUTF8 { utf8 in
            guard !utf8.isEmpty else { return "" }
            return String(unsafeUninitializedCapacity: utf8.count) { out in
                var i = 0, n = 0
                @inline(__always) func put(_ b: UInt8) { out[n] = b; n += 1 }
                while i < utf8.count {
                    let b = utf8[i]
                    if b < 0x80 {
                        if !(b == 0x20 || (0x09...0x0D).contains(b)) { put(b) }
                        i += 1
                        continue
                    }
                    let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                    let b1 = utf8[i + 1]
                    switch b {
                    case 0xC2 where b1 == 0x85 || b1 == 0xA0:  // U+0085, U+00A0
                        i += 2; continue
                    case 0xD8:
                        switch b1 {
                        case 0xA2, 0xA3, 0xA5: put(0xD8); put(0xA7); i += 2; continue  // آ أ إ → ا
                        case 0xA9: put(0xD9); put(0x87); i += 2; continue  // ة → ه
                        case 0xA4, 0xA6: put(0xD8); put(0xA1); i += 2; continue  // ؤ ئ → ء
                        default: break
                        }
                    case 0xD9:
                        switch b1 {
                        case 0x8B...0x92, 0xB0, 0x80: i += 2; continue  // tashkeel, U+0670, tatweel
                        case 0xB1: put(0xD8); put(0xA7); i += 2; continue  // ٱ → ا
                        case 0x89: put(0xD9); put(0x8A); i += 2; continue  // ى → ي
                        case 0xA0...0xA9: put(b1 - 0xA0 + 0x30); i += 2; continue  // ٠–٩
                        default: break
                        }
                    case 0xDB where (0xB0...0xB9).contains(b1):  // ۰–۹
                        put(b1 - 0xB0 + 0x30); i += 2; continue
                    case 0xE1 where b1 == 0x9A && utf8[i + 2] == 0x80:  // U+1680
                        i += 3; continue
                    case 0xE2:
                        let b2 = utf8[i + 2]
                        // U+2000–200A, U+2028, U+2029, U+202F; U+205F.
                        if b1 == 0x80 && ((0x80...0x8A).contains(b2) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF) || (b1 == 0x81 && b2 == 0x9F) {
                            i += 3; continue
                        }
                    case 0xE3 where b1 == 0x80 && utf8[i + 2] == 0x80:  // U+3000
                        i += 3; continue
                    default: break
                    }
                    for k in i..<(i + length) { put(utf8[k]) }
                    i += length
                }
                return n
            }
        }
    }

    /// `comparisonKey` by decoding scalars and applying `annotationAction` and `isWhiteSpace`: the
    /// definition the byte-level one is tested against.
    static func comparisonKeyByScalars(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            if isWhiteSpace(scalar.value) { continue }
            switch annotationAction(scalar.value) {
            case .keep: UTF8.encode(scalar) { out.append($0) }
            case .drop: continue
            case .replace(let r): UTF8.encode(Unicode.Scalar(r)!) { out.append($0) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Unicode's White_Space property, spelled out: `Unicode.Scalar.Properties` looks it up in a
    /// table per call, and relation resolution makes keys for every entity of every document.
    @inline(__always)
    static func isWhiteSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}

extension String {
    /// Whether `part` occurs in this string, compared as UTF-8 bytes: keys are already folded.
    /// Foundation's `contains`, which `import Foundation` makes the one called on strings, goes
    /// through NSString, and the standard library's generic collection search looks up generic
    /// metadata on every call; both were several percent of run time in relation resolution.
    func containsKey(_ part: String) -> Bool {
        var haystack = self, needle = part
        return haystack.withUTF8 { h in needle.withUTF8 { n in h.containsBytes(n) } }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// A plain byte search: the needles here are a few bytes long and the haystacks short.
    func containsBytes(_ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first else { return true }
        guard needle.count <= count else { return false }
        var i = 0
        let last = count - needle.count
        while i <= last {
            if self[i] == first {
                var k = 1
                while k < needle.count && self[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}

/// A string as a dictionary key, hashed without normalising it.
///
/// Swift strings are equal when canonically equivalent, so hashing a non-ASCII string first
/// normalises it to NFC: for Arabic text, most of what a dictionary look-up costs. This hashes only
/// the Arabic letters that no canonical decomposition yields or holds (ء, ب … غ, ف … ه, ى): equivalent
/// strings have the same ones in the same order. Equality is `String`'s.
///
/// Those letters are read once, when the key is made, into one word (`letters`) that the hash and
/// equality both use: a dictionary compares its key with every key it probes, and `String`'s
/// equality (canonical equivalence, about a thousand instructions on Arabic) ran for each. Keys
/// whose letters differ are not equivalent; keys with the same bytes are; only the rest (same
/// letters, different bytes) are compared as strings.
struct ArabicKey: Hashable {
    let string: String
    /// A digest of the letters `hash(into:)` is made of, in order: the same for equivalent strings.
    let letters: UInt64

    init(_ string: String) {
        self.string = string
        var digest = LetterDigest()
        digest.add(string)
        letters = digest.value
    }

    static func == (a: Self, b: Self) -> Bool {
        a.letters == b.letters && (sameBytes(a.string, b.string) || a.string == b.string)
    }

    func hash(into hasher: inout Hasher) { hasher.combine(letters) }

    /// Whether two strings hold the same UTF-8 bytes, compared in place with `memcmp`.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        var x = a, y = b
        return x.withUTF8 { p in
            y.withUTF8 { q in p.count == q.count && (p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0) }
        }
    }

    /// The letters of one or more strings read in turn. A string ends with a whole character, and
    /// no letter's second byte follows a character's last byte or an ASCII separator: strings read
    /// in turn give the digest of their concatenation, with or without ASCII between them.
    /// In UTF-8 these letters are D8 A1, D8 A8–BA, D9 81–87 and D9 89. They are packed eight to a
    /// word, and each word mixed into the digest (the multiply-xorshift of `SplitMix64`): combining
    /// them one byte at a time cost more than finding them.
    struct LetterDigest {
        private var word: UInt64 = 0, packed = 0, digest: UInt64 = 0x9E37_79B9_7F4A_7C15

        /// Second bytes (less 0x80) of the letters after lead byte D8, and after D9.
        private static let afterD8: UInt64 = 1 << 0x21 | ((1 << 0x3B) - (1 << 0x28))
        private static let afterD9: UInt64 = ((1 << 0x08) - (1 << 0x01)) | 1 << 0x09

        mutating func add(_ string: String) {
            var s = string
            s.withUTF8 { add($0) }
        }

        /// A character at a time: in valid UTF-8 a D8 or D9 byte leads a two-byte character and no
        /// other byte is followed by a letter's second byte, so after any other byte the next one
        /// is read as a lead (reading every byte with the one before it cost twice as much).
        mutating func add(_ utf8: UnsafeBufferPointer<UInt8>) {
            var i = 0
            let n = utf8.count
            while i < n {
                let b = utf8[i]
                guard b & 0xFE == 0xD8, i &+ 1 < n else { i &+= 1; continue }
                let second = utf8[i &+ 1], mask = b == 0xD8 ? Self.afterD8 : Self.afterD9
                if second & 0xC0 == 0x80 && (mask >> UInt64(second & 0x3F)) & 1 != 0 { put(second) }
                i &+= 2
            }
        }

        /// The letters of `ArabicFolding.comparisonKey(string)`, read from the string itself:
        /// folding changes only three of them (ة → ه, ؤ ئ → ء, ى → ي, which is none), so the key
        /// need not be made to be hashed (making one cost about 1,900 instructions a name).
        mutating func addFolded(_ string: String) {
            var s = string
            s.withUTF8 { utf8 in
                var i = 0
                let n = utf8.count
                while i < n {
                    let b = utf8[i]
                    guard b & 0xFE == 0xD8, i &+ 1 < n else { i &+= 1; continue }
                    let second = utf8[i &+ 1]
                    if b == 0xD8 {
                        switch second {
                        case 0xA9: put(0x87)
                        case 0xA4, 0xA6: put(0xA1)
                        default: if second & 0xC0 == 0x80 && (Self.afterD8 >> UInt64(second & 0x3F)) & 1 != 0 { put(second) }
                        }
                    } else if second != 0x89 && second & 0xC0 == 0x80 && (Self.afterD9 >> UInt64(second & 0x3F)) & 1 != 0 {
                        put(second)
                    }
                    i &+= 2
                }
            }
        }

        /// The digest of `s`'s letters, found scalar by scalar: what `add` must give.
        static func byScalars(_ s: String) -> UInt64 {
            var digest = LetterDigest()
            for scalar in s.unicodeScalars {
                switch scalar.value {
                case 0x0621, 0x0628...0x063A, 0x0641...0x0647, 0x0649: digest.put(UInt8(0x80 | (scalar.value & 0x3F)))
                default: break
                }
            }
            return digest.value
        }

        @inline(__always)
        private mutating func put(_ second: UInt8) {
            word = word << 8 | UInt64(second)
            packed &+= 1
            if packed == 8 { mix(word); word = 0; packed = 0 }
        }

        var value: UInt64 {
            var copy = self
            copy.mix(word)
            return copy.digest
        }

        @inline(__always)
        private mutating func mix(_ w: UInt64) {
            var z = (digest ^ w) &+ 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            digest = z ^ (z >> 31)
        }
    }
}
