@_implementationOnly import CICU

/// ICU's word segmentation of common text, without running ICU's break iterator.
///
/// ICU's word rules (UAX #29 as ICU's `word.txt` states them) are simple over the characters news
/// text is made of: letters, digits, the marks and punctuation between them, spaces. ICU's iterator
/// runs them as a generic state machine with a break cache and costs about 130 instructions per
/// UTF-16 unit, a tenth of Rasid's whole run; this walk costs about 35. Each character's Word_Break
/// class is ICU's own (read from ICU once, for the characters below `WordBreakClasses.limit`), and
/// any character whose rules are not written here (Hebrew letters, kana, ideographs, emoji,
/// regional indicators, scripts ICU breaks with a dictionary, anything above the table, lone
/// surrogates) hands the rest of the text back to ICU from the start of the segment it was in.
/// ICU's forward iteration from a boundary does not depend on the text before it, so the result
/// is ICU's segmentation; tests check that on every character in the contexts the rules look at,
/// on random text and on the annotated samples.
enum WordSegmenter {
    /// The segments of `text`, white space left out when `skippingSpace`, written from `out` on
    /// (room for `text.count` of them: no segment is shorter than a unit), their number in
    /// `count`; returns where it stopped: `text.count`, or the start of the segment holding a
    /// character it does not handle (ICU must segment from there).
    ///
    /// The segments are written straight into the caller's storage: appending to an array
    /// checked its uniqueness and capacity per segment, a call and ~25 instructions each.
    static func segments(in text: UnsafeBufferPointer<UInt16>, skippingSpace: Bool,
                         into out: UnsafeMutablePointer<TextSegment>, count: inout Int) -> Int {
        typealias C = WordBreakClasses
        return C.shared.table.withUnsafeBufferPointer { table in
            let n = text.count
            guard n > 0, let units = text.baseAddress, let table = table.baseAddress else {
                return n
            }
            var written = 0
            defer { count = written }
            // Each character's class is read once: the walk carries the class at `i` along. The
            // table covers every UTF-16 unit, so a read needs no range check.
            @inline(__always) func entry(_ i: Int) -> UInt8 { i < n ? table[Int(units[i])] : C.end }
            @inline(__always) func cls(_ i: Int) -> UInt8 { entry(i) & C.classMask }
            // Rule 4: Extend, Format and ZWJ attach to what precedes them. From `i` with class `c`,
            // to the first other character; true when there were any.
            @inline(__always) func skipExtend(_ i: inout Int, _ c: inout UInt8) -> Bool {
                guard c == C.extend else { return false }
                repeat { i += 1; c = cls(i) } while c == C.extend
                return true
            }
            var i = 0
            // The class of the character at `i`, where the next segment starts.
            var first = cls(0)
            while i < n {
                let s = i
                var kind = TextSegment.Kind.other
                i = s + 1
                var c = cls(i)
                switch first {
                case C.cr:
                    if c == C.lf { i += 1; c = cls(i) }  // rule 3: CR × LF
                case C.lf, C.newline:
                    break
                case C.space:
                    // Rule 3d: horizontal white space stays together.
                    while c == C.space { i += 1; c = cls(i) }
                    _ = skipExtend(&i, &c)
                case C.letter, C.numeric, C.extendNumLet:
                    // Rules 5–13b: letters, digits and connectors, and one mid character between
                    // two letters (6/7) or two digits (11/12). The kind is ICU's rule status: that
                    // of the last letter or digit; for a final connector, that of what precedes it
                    // (rule 13a), which no rule carries over marks after it (`_` alone has none).
                    var last = first
                    var before = C.end  // the base character before `last`; `end`: none
                    var marked = skipExtend(&i, &c)
                    while true {
                        if c == C.letter && last == C.letter {
                            // Most of a word: a run of letters, stepped over in a loop of its own
                            // that compares whole entries (a letter is never white space).
                            var e = C.end
                            i &+= 1
                            while i < n {
                                let next = table[Int(units[i])]
                                if next != C.letter { e = next; break }
                                i &+= 1
                            }
                            c = e & C.classMask
                            before = C.letter
                            marked = skipExtend(&i, &c)
                            continue
                        }
                        if c &- C.letter < 3 {  // letter, numeric, connector: every pair joins
                            before = last
                            last = c
                            i += 1
                            c = cls(i)
                            marked = skipExtend(&i, &c)
                            continue
                        }
                        let mid = (last == C.letter && (c == C.midLetter || c == C.midNumLet))
                            || (last == C.numeric && (c == C.midNum || c == C.midNumLet))
                        guard mid else { break }
                        var j = i + 1
                        var after = cls(j)
                        _ = skipExtend(&j, &after)
                        if after == C.unsupported { return s }
                        guard after == last else { break }
                        before = last
                        i = j + 1
                        c = cls(i)
                        marked = skipExtend(&i, &c)
                    }
                    switch last {
                    case C.letter: kind = .word
                    case C.numeric: kind = .number
                    default: kind = marked || before == C.end ? .other : before == C.numeric ? .number : .word
                    }
                case C.unsupported:
                    return s
                default:
                    // Other, and punctuation standing alone (`^$ExFm+` too): one character and its marks.
                    _ = skipExtend(&i, &c)
                }
                // What follows decides nothing above unless it is a character left to ICU, whose
                // rules might join it to this segment.
                if c == C.unsupported { return s }
                if kind == .other && table[Int(units[s])] & C.whiteSpace != 0 { kind = .space }
                if !(skippingSpace && kind == .space) {
                    (out + written).initialize(to: TextSegment(start: s, end: i, kind: kind))
                    written &+= 1
                }
                first = c
                // The commonest segment of all, one U+0020 between words, stepped over when white
                // space is left out: it ends at the letter after it (rule 3d joins it to no other
                // class, and rule 4 would join Extend, Format and ZWJ to it: hence a letter next),
                // and the generic pass over it cost ~36 instructions (c1 gazetteers only:
                // 165.4M -> 163.4M).
                if skippingSpace && c == C.space && i &+ 1 < n && units[i] == 0x20 && table[Int(units[i &+ 1])] == C.letter {
                    i &+= 1
                    first = C.letter
                }
            }
            return n
        }
    }
}

/// Each character's Word_Break class as `WordSegmenter` reads it, from ICU's properties.
struct WordBreakClasses: Sendable {
    static let other: UInt8 = 0, letter: UInt8 = 1, numeric: UInt8 = 2, extendNumLet: UInt8 = 3,
               midLetter: UInt8 = 4, midNum: UInt8 = 5, midNumLet: UInt8 = 6, extend: UInt8 = 7,
               space: UInt8 = 8, cr: UInt8 = 9, lf: UInt8 = 10, newline: UInt8 = 11, unsupported: UInt8 = 12,
               end: UInt8 = 13
    static let classMask: UInt8 = 0x0F
    /// Set beside the class: the character is White_Space (a segment ICU gives no status is
    /// then white space, see `Breaker`).
    static let whiteSpace: UInt8 = 0x10
    /// Characters from U+0000 up to here are read from ICU: Latin, Greek, Cyrillic, Hebrew
    /// (left to ICU), Arabic and its supplements, the general punctuation block. The table goes
    /// on to U+FFFF with `unsupported` (surrogates included), so the walk reads it without a range
    /// check.
    static let limit = 0x2070

    let table: [UInt8]

    static let shared = WordBreakClasses()

    private init() {
        var table = [UInt8](repeating: Self.unsupported, count: 0x10000)
        for c in 0..<Self.limit { table[c] = Self.entry(UInt32(c)) }
        self.table = table
    }

    private static func entry(_ c: UInt32) -> UInt8 {
        let cp = UChar32(bitPattern: c)
        let script = rasid_u_getIntPropertyValue(cp, UCHAR_SCRIPT)
        if rasid_u_hasBinaryProperty(cp, UCHAR_EXTENDED_PICTOGRAPHIC) != 0
            || rasid_u_hasBinaryProperty(cp, UCHAR_IDEOGRAPHIC) != 0
            || rasid_u_getIntPropertyValue(cp, UCHAR_LINE_BREAK) == Int32(U_LB_COMPLEX_CONTEXT.rawValue)
            || [USCRIPT_HAN, USCRIPT_HIRAGANA, USCRIPT_KATAKANA, USCRIPT_HANGUL].contains(where: { Int32($0.rawValue) == script }) {
            return unsupported
        }
        // ICU's word rules tailor two characters: `:` is no MidLetter there (UAX #29 makes it one),
        // and ICU 72 reads `@` as a letter, to keep e-mail addresses whole, where its property is
        // Other. `:` is common in news and settled; `@` is rare and has changed between versions.
        if c == 0x3A { return other }
        if c == 0x40 { return unsupported }
        let value: UInt8
        switch UWordBreakValues(UInt32(rasid_u_getIntPropertyValue(cp, UCHAR_WORD_BREAK))) {
        case U_WB_OTHER, U_WB_DOUBLE_QUOTE: value = other  // `"` only matters between Hebrew letters
        case U_WB_ALETTER: value = letter
        case U_WB_NUMERIC: value = numeric
        case U_WB_EXTENDNUMLET: value = extendNumLet
        case U_WB_MIDLETTER: value = midLetter
        case U_WB_MIDNUM: value = midNum
        case U_WB_MIDNUMLET, U_WB_SINGLE_QUOTE: value = midNumLet  // `'` acts as MidNumLet but for Hebrew
        case U_WB_EXTEND, U_WB_FORMAT, U_WB_ZWJ: value = extend
        case U_WB_WSEGSPACE: value = space
        case U_WB_CR: value = cr
        case U_WB_LF: value = lf
        case U_WB_NEWLINE: value = newline
        default: return unsupported
        }
        return value | (rasid_u_isUWhiteSpace(cp) != 0 ? whiteSpace : 0)
    }
}
