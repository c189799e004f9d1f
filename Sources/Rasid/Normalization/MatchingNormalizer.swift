import RasidICU

/// Builds the matching view of a text.
///
/// On top of `ArabicFolding`'s annotation table it applies NFKC to presentation forms and other
/// compatibility characters (ICU `unorm2`, one code point at a time so that the offset map stays
/// exact), removes bidi controls, zero-width characters and the soft hyphen, folds the Persian
/// letters ک and ی and Arabic punctuation (، ؛ ؟) to , ; ?, maps white space to a plain space (line breaks to `\n`) and lower-cases ASCII.
///
/// One instance per worker: it caches ICU's answers and is not thread-safe.
public final class MatchingNormalizer {
    private let compatibility: CompatibilityNormalizer
    private var compatibilityCache: [UInt32: [UInt32]?] = [:]

    public init() throws {
        compatibility = try CompatibilityNormalizer()
    }

    /// The matching view of `text`.
    public func normalize(_ text: String) -> MatchingText {
        var view = MatchingText()
        view.units.reserveCapacity(text.utf8.count / 2 + 16)
        view.originStart.reserveCapacity(text.utf8.count / 2 + 16)
        view.originEnd.reserveCapacity(text.utf8.count / 2 + 16)
        var index: Int32 = 0
        for scalar in text.unicodeScalars {
            emit(scalar.value, into: &view, at: index)
            index += 1
        }
        view.originalLength = Int(index)
        return view
    }

    /// The normalised form of a short string (a gazetteer entry, a rule word).
    public func normalizedString(_ text: String) -> String { normalize(text).string }

    @inline(__always)
    private func emit(_ c: UInt32, into view: inout MatchingText, at index: Int32) {
        if c < 0x80 {
            let lower = (c >= 0x41 && c <= 0x5A) ? c + 0x20 : c
            // Line breaks stay: they end headlines and paragraphs for the sentence breaker.
            let unit = (c == 0x09 || c == 0x0B || c == 0x0C) ? 0x20 : lower
            view.append(UInt16(unit), from: index, to: index + 1)
            return
        }
        switch Self.matchingAction(c) {
        case .drop: return
        case .replace(let r): appendScalar(r, into: &view, at: index)
        case .keep:
            if c >= 0x0600 && c <= 0x06FF {
                appendScalar(c, into: &view, at: index)
            } else if let expansion = compatibilityForm(c) {
                for e in expansion {
                    switch Self.matchingAction(e) {
                    case .drop: continue
                    case .replace(let r): appendScalar(r, into: &view, at: index)
                    case .keep: appendScalar(e < 0x80 && e >= 0x41 && e <= 0x5A ? e + 0x20 : e, into: &view, at: index)
                    }
                }
            } else {
                appendScalar(c, into: &view, at: index)
            }
        }
    }

    @inline(__always)
    private func appendScalar(_ c: UInt32, into view: inout MatchingText, at index: Int32) {
        if c < 0x10000 {
            view.append(UInt16(c), from: index, to: index + 1)
        } else {
            let v = c - 0x10000
            view.append(UInt16(0xD800 + (v >> 10)), from: index, to: index + 1)
            view.append(UInt16(0xDC00 + (v & 0x3FF)), from: index, to: index + 1)
        }
    }

    private func compatibilityForm(_ c: UInt32) -> [UInt32]? {
        if let cached = compatibilityCache[c] { return cached }
        var result: [UInt32]? = nil
        if let utf16 = compatibility.nfkc(c) {
            result = Array(String(decoding: utf16, as: UTF16.self).unicodeScalars.map(\.value))
        }
        compatibilityCache[c] = result
        return result
    }

    /// `ArabicFolding`'s table plus what only matching needs.
    @inline(__always)
    static func matchingAction(_ c: UInt32) -> ArabicFolding.Action {
        switch c {
        // More Arabic marks: maddah and hamza above/below, Quranic annotation signs.
        case 0x0653...0x0655, 0x0610...0x061A, 0x06D6...0x06DC, 0x06DF...0x06E8, 0x06EA...0x06ED:
            return .drop
        // Bidi controls, zero-width characters, soft hyphen, Arabic letter mark, BOM.
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF, 0x00AD, 0x061C:
            return .drop
        // Arabic punctuation matches as its Latin counterpart, so rules write `,` `;` `?` once.
        case 0x060C: return .replace(0x2C)
        case 0x061B: return .replace(0x3B)
        case 0x061F: return .replace(0x3F)
        case 0x06A9: return .replace(0x0643)  // Persian keheh ک → ك
        case 0x06CC: return .replace(0x064A)  // Persian yeh ی → ي
        case 0x00A0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
            return .replace(0x20)
        case 0x2028, 0x2029, 0x0085: return .replace(0x0A)
        default: return ArabicFolding.annotationAction(c)
        }
    }
}
