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
    /// What `emit` makes of each ASCII character and of each character of the Arabic block
    /// (U+0600–U+06FF), nearly all of a document: one unit, or `Self.dropped`. Filled from `emit`
    /// itself, so the fast path cannot disagree with it.
    private var asciiTable: [UInt16] = []
    private var arabicTable: [UInt16] = []
    /// A table value: the character leaves nothing in the matching view (U+FFFF is no output of
    /// `emit` for these characters).
    private static let dropped: UInt16 = 0xFFFF

    public init() throws {
        compatibility = try CompatibilityNormalizer()
        asciiTable = (0..<0x80).map { tableEntry($0) }
        arabicTable = (0x0600..<0x0700).map { tableEntry($0) }
    }

    private func tableEntry(_ c: UInt32) -> UInt16 {
        var out = Output(capacity: 4)
        defer { out.deallocate() }
        emit(c, into: &out, at: 0)
        // Neither block expands; if `emit` ever made one expand, the table would be wrong.
        precondition(out.count <= 1 && (out.count == 0 || out.units[0] != Self.dropped))
        return out.count == 0 ? Self.dropped : out.units[0]
    }

    /// The matching view of `text`.
    ///
    /// Reads the UTF-8 of `text` directly: ASCII and the Arabic block go through the tables, every
    /// other character through `emit`, one code point at a time as before.
    public func normalize(_ text: String) -> MatchingText {
        var text = text
        return text.withUTF8 { utf8 in
            // Without expansions a document makes at most one unit per UTF-8 byte.
            var out = Output(capacity: utf8.count + 16)
            defer { out.deallocate() }
            // The original code point's offset, counted in the closures and handed out: captured
            // from outside them, it lived in memory, loaded and stored per character.
            let length: Int32 = asciiTable.withUnsafeBufferPointer { ascii in
                arabicTable.withUnsafeBufferPointer { arabic in
                    let n = utf8.count
                    var i = 0
                    var index: Int32 = 0
                    // The output's pointers and count are kept in locals, written back around the
                    // calls that use `out` itself: kept in `out` (captured by these closures),
                    // each unit's stores made the loop load them again (c1 with rules 676.1M ->
                    // 674.3M; the normalizer is 17.2M of c1 now).
                    var units = out.units, origins = out.origins, count = out.count, capacity = out.capacity
                    // Wrapping arithmetic: the counts are bounded by the buffer's size, and the
                    // overflow checks cost 2.2M on c1 (measured before the locals above).
                    while i < n {
                        let b0 = utf8[i]
                        let unit: UInt16
                        if b0 < 0x80 {
                            unit = ascii[Int(b0)]
                            i &+= 1
                        } else if b0 & 0xFC == 0xD8, i &+ 1 < n {
                            // U+0600–U+06FF: lead byte D8–DB, its low two bits and the
                            // continuation's six are the offset in the block. A run of them (a
                            // word) is read in a loop of its own: back through the ASCII test at
                            // the top, each cost ~8 instructions more (with `index` counted in
                            // the closure, c1 gazetteers only: 166.3M -> 165.4M).
                            var lead = b0
                            while true {
                                let unit = arabic[Int(lead & 0x03) << 6 | Int(utf8[i &+ 1] & 0x3F)]
                                i &+= 2
                                if unit != Self.dropped {
                                    if count == capacity {
                                        out.count = count
                                        out.append(unit, index)
                                        (units, origins, count, capacity) = (out.units, out.origins, out.count, out.capacity)
                                    } else {
                                        units[count] = unit
                                        origins[count] = index
                                        count &+= 1
                                    }
                                }
                                index &+= 1
                                guard i &+ 1 < n else { break }
                                lead = utf8[i]
                                guard lead & 0xFC == 0xD8 else { break }
                            }
                            continue
                        } else {
                            let (c, length) = Self.decodeScalar(utf8, at: i)
                            out.count = count
                            emit(c, into: &out, at: index)
                            (units, origins, count, capacity) = (out.units, out.origins, out.count, out.capacity)
                            i &+= length
                            index &+= 1
                            continue
                        }
                        if count == capacity {
                            out.count = count
                            out.append(unit, index)
                            (units, origins, count, capacity) = (out.units, out.origins, out.count, out.capacity)
                        } else {
                            units[count] = unit
                            origins[count] = index
                            count &+= 1
                        }
                        index &+= 1
                    }
                    out.count = count
                    return index
                }
            }
            var view = out.view()
            view.originalLength = Int(length)
            return view
        }
    }

    /// The scalar starting at byte `i` of valid UTF-8 and its length in bytes. A String's UTF-8 is
    /// always valid; a sequence cut short by the end of the buffer still reads as U+FFFD rather
    /// than past it.
    @inline(__always)
    private static func decodeScalar(_ u: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(u[i])
        let length = b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4
        guard b0 >= 0xC0, i + length <= u.count else { return (0xFFFD, 1) }
        var c = b0 & (0x7F >> UInt32(length))
        for k in 1..<length { c = c << 6 | UInt32(u[i + k] & 0x3F) }
        return (c, length)
    }

    /// Tests: the matching view made one scalar at a time through `emit`, without the tables and
    /// the UTF-8 reading of `normalize`: the reference that path is tested against
    /// (MatchingNormalizerTests). The pipeline does not call it.
    func normalizeScalarByScalar(_ text: String) -> MatchingText {
        var out = Output(capacity: 16)
        defer { out.deallocate() }
        var index: Int32 = 0
        for scalar in text.unicodeScalars {
            emit(scalar.value, into: &out, at: index)
            index += 1
        }
        var view = out.view()
        view.originalLength = Int(index)
        return view
    }

    /// The normalised form of a short string (a gazetteer entry, a rule word).
    public func normalizedString(_ text: String) -> String { normalize(text).string }

    /// The growing output of `normalize`: units and their origins written through raw pointers,
    /// since appending to three arrays cost a uniqueness and a capacity check per unit each.
    private struct Output {
        var units: UnsafeMutablePointer<UInt16>
        var origins: UnsafeMutablePointer<Int32>
        var count = 0
        var capacity: Int

        init(capacity: Int) {
            self.capacity = max(capacity, 4)
            units = .allocate(capacity: self.capacity)
            origins = .allocate(capacity: self.capacity)
        }

        @inline(__always)
        mutating func append(_ unit: UInt16, _ origin: Int32) {
            if count == capacity { grow() }
            units[count] = unit
            origins[count] = origin
            count &+= 1
        }

        private mutating func grow() {
            let newCapacity = capacity * 2
            let newUnits = UnsafeMutablePointer<UInt16>.allocate(capacity: newCapacity)
            let newOrigins = UnsafeMutablePointer<Int32>.allocate(capacity: newCapacity)
            newUnits.update(from: units, count: count)
            newOrigins.update(from: origins, count: count)
            deallocate()
            (units, origins, capacity) = (newUnits, newOrigins, newCapacity)
        }

        func view() -> MatchingText {
            var view = MatchingText()
            view.units = Array(UnsafeBufferPointer(start: units, count: count))
            view.originStart = Array(UnsafeBufferPointer(start: origins, count: count))
            return view
        }

        func deallocate() {
            units.deallocate()
            origins.deallocate()
        }
    }

    @inline(__always)
    private func emit(_ c: UInt32, into view: inout Output, at index: Int32) {
        if c < 0x80 {
            let lower = (c >= 0x41 && c <= 0x5A) ? c + 0x20 : c
            // Line breaks stay: they end headlines and paragraphs for the sentence breaker.
            let unit = (c == 0x09 || c == 0x0B || c == 0x0C) ? 0x20 : lower
            view.append(UInt16(unit), index)
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
    private func appendScalar(_ c: UInt32, into view: inout Output, at index: Int32) {
        if c < 0x10000 {
            view.append(UInt16(c), index)
        } else {
            let v = c - 0x10000
            view.append(UInt16(0xD800 + (v >> 10)), index)
            view.append(UInt16(0xDC00 + (v & 0x3FF)), index)
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
