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
    /// Built as UTF-8 bytes: appending to a `String.UnicodeScalarView` scalar by scalar cost more
    /// than the folding itself, and relation resolution makes keys for every entity it compares.
    public static func comparisonKey(_ s: String) -> String {
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
/// strings have the same ones in the same order. Equality is still `String`'s.
struct ArabicKey: Hashable {
    let string: String

    init(_ string: String) { self.string = string }

    static func == (a: Self, b: Self) -> Bool { a.string == b.string }

    func hash(into hasher: inout Hasher) {
        // In UTF-8 these letters are D8 A1, D8 A8–BA, D9 81–87 and D9 89.
        var lead: UInt8 = 0
        for b in string.utf8 {
            if (lead == 0xD8 && (b == 0xA1 || (0xA8...0xBA).contains(b))) || (lead == 0xD9 && ((0x81...0x87).contains(b) || b == 0x89)) {
                hasher.combine(b)
            }
            lead = b
        }
    }
}
