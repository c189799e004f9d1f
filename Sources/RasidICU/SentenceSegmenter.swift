@_implementationOnly import CICU

/// ICU's sentence boundaries of common text, without running ICU's break iterator.
///
/// ICU's sentence rules (UAX #29 as ICU's `sent.txt` states them) end a sentence only after a line
/// or paragraph separator, or after a terminator (`.` `?` `!` …) with the closing marks, spaces
/// and one separator that follow it, unless a rule joins on: a digit after a full stop (SB6), an
/// upper-case letter after `X.` with `X` a cased letter (SB7), a lower-case letter ahead past
/// anything but letters, separators and terminators (SB8), a comma-like continuation or another
/// terminator (SB8a). Walking ICU's iterator costs ~60 instructions per UTF-16 unit; this reads
/// each character's class, and looks around only at terminators. Each class is ICU's own (a table
/// below `limit`); a text with any unit at or above it, surrogates included, is left to ICU whole.
/// Tests check the result against ICU's iterator.
enum SentenceSegmenter {
    /// Every boundary after the start of `text`, in order (the last is `text.count`), or false when
    /// the text has a character outside the table.
    static func boundaries(in text: UnsafeBufferPointer<UInt16>, into boundaries: inout [Int]) -> Bool {
        typealias C = SentenceBreakClasses
        return C.shared.table.withUnsafeBufferPointer { table in
            let n = text.count
            guard n > 0, let units = text.baseAddress, let table = table.baseAddress else { return true }
            // The table covers every UTF-16 unit; a unit it leaves to ICU is `unsupported`, a stop,
            // so the walk below meets it (every character is stepped over by the loop over
            // characters no rule looks at, or read at `i` after it) and gives the text up. This
            // replaced a pass of its own over the text (with the change below, c1 with rules: 619.1M → 614.3M).
            @inline(__always) func cls(_ i: Int) -> UInt8 { i < n ? table[Int(units[i])] & C.classMask : C.end }
            // SB5: Extend and Format belong to the character before them.
            @inline(__always) func nextBase(_ i: Int) -> Int {
                var j = i + 1
                while cls(j) == C.extend { j += 1 }
                return j
            }
            var i = 0
            // The table entry of the last character before `i` that is no Extend or Format
            // character (SB5), or 0: SB7 looks at whether it is a cased letter, nothing else. Kept
            // as the entry, its bit read only at a full stop: the bit read per character cost 3
            // instructions more each (c1 with rules: 615.6M → 614.3M).
            var previous: UInt8 = 0
            while i < n {
                // Most characters take part in no rule but SB7's look back: stepped over in a loop
                // of their own, which reads one table entry per character (c1: 13.5M → 8.8M).
                while i < n {
                    let entry = table[Int(units[i])]
                    if entry & C.stop != 0 { break }
                    if entry != C.extend { previous = entry }
                    i &+= 1
                }
                guard i < n else { break }
                let c = cls(i)
                switch c {
                case C.unsupported:
                    return false
                case C.cr:  // SB3, SB4
                    i = cls(i + 1) == C.lf ? i + 2 : i + 1
                    boundaries.append(i)
                    previous = 0
                    continue
                case C.lf, C.sep:
                    i += 1
                    boundaries.append(i)
                    previous = 0
                    continue
                default:  // a terminator: every other class was stepped over above
                    break
                }
                var j = nextBase(i)
                let after = cls(j)
                // SB6, SB7: no break right after this full stop.
                if c == C.aTerm && (after == C.numeric || (after == C.upper && previous & C.cased != 0)) {
                    previous = 0
                    i = j
                    continue
                }
                while cls(j) == C.close { j = nextBase(j) }
                while cls(j) == C.sp { j = nextBase(j) }
                let next = cls(j)
                var joins = next == C.sContinue || next == C.aTerm || next == C.sTerm  // SB8a
                if c == C.aTerm && !joins {  // SB8
                    var k = j
                    while true {
                        switch cls(k) {
                        case C.oLetter, C.upper, C.sep, C.cr, C.lf, C.aTerm, C.sTerm, C.end: break
                        case C.lower: joins = true
                        default: k = nextBase(k); continue
                        }
                        break
                    }
                }
                if joins {
                    previous = 0
                    i = j
                    continue
                }
                // SB9–SB11: the separator after the terminator's closing marks and spaces is the sentence's.
                switch next {
                case C.cr: j = cls(j + 1) == C.lf ? j + 2 : j + 1
                case C.lf, C.sep: j += 1
                default: break
                }
                boundaries.append(j)
                previous = 0
                i = j
            }
            if boundaries.last != n { boundaries.append(n) }
            return true
        }
    }
}

/// Each character's Sentence_Break class as `SentenceSegmenter` reads it, from ICU's properties.
struct SentenceBreakClasses: Sendable {
    static let other: UInt8 = 0, aTerm: UInt8 = 1, sTerm: UInt8 = 2, close: UInt8 = 3, sp: UInt8 = 4,
               sep: UInt8 = 5, cr: UInt8 = 6, lf: UInt8 = 7, extend: UInt8 = 8, sContinue: UInt8 = 9,
               upper: UInt8 = 10, lower: UInt8 = 11, oLetter: UInt8 = 12, numeric: UInt8 = 13, end: UInt8 = 14,
               unsupported: UInt8 = 15
    static let classMask: UInt8 = 0x0F
    /// Set beside the class: a terminator or separator, where a rule may end a sentence, or a
    /// unit left to ICU.
    static let stop: UInt8 = 0x80
    /// Set beside the class: an upper- or lower-case letter (SB7).
    static let cased: UInt8 = 0x40
    /// The characters below this are read from ICU (as for `WordBreakClasses`); surrogates and the
    /// units from here to U+FFFF are `unsupported` (a stop), left to ICU.
    static let limit = 0x2070

    let table: [UInt8]

    static let shared = SentenceBreakClasses()

    private init() {
        var table = [UInt8](repeating: Self.unsupported | Self.stop, count: 0x10000)
        for c in 0..<Self.limit {
            let value = Self.entry(UChar32(c))
            switch value {
            case Self.aTerm, Self.sTerm, Self.sep, Self.cr, Self.lf: table[c] = value | Self.stop
            case Self.upper, Self.lower: table[c] = value | Self.cased
            default: table[c] = value
            }
        }
        self.table = table
    }

    private static func entry(_ c: UChar32) -> UInt8 {
        switch UInt32(rasid_u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK)) {
        case U_SB_ATERM.rawValue: return aTerm
        case U_SB_STERM.rawValue: return sTerm
        case U_SB_CLOSE.rawValue: return close
        case U_SB_SP.rawValue: return sp
        case U_SB_SEP.rawValue: return sep
        case U_SB_CR.rawValue: return cr
        case U_SB_LF.rawValue: return lf
        case U_SB_EXTEND.rawValue, U_SB_FORMAT.rawValue: return extend
        case U_SB_SCONTINUE.rawValue: return sContinue
        case U_SB_UPPER.rawValue: return upper
        case U_SB_LOWER.rawValue: return lower
        case U_SB_OLETTER.rawValue: return oLetter
        case U_SB_NUMERIC.rawValue: return numeric
        default: return other
        }
    }
}
