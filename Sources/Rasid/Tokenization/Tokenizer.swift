import RasidICU

/// Splits the matching view into tokens with ICU's word BreakIterator.
///
/// White space is dropped; punctuation is kept as tokens because it is a cue (`،` ends an
/// appositive, `:` a headline). Two changes to ICU's segmentation: an Arabic word is cut at a full
/// stop inside it (`د.سعيد`: an abbreviated title, see `appendWord`), and a word written `عبدال…`
/// (`عبدالعزيز`) is split after `عبد`, so that it matches `عبد العزيز` and the other way round.
///
/// One instance per worker; not thread-safe.
public final class Tokenizer {
    private let breaker: Breaker

    public init() throws {
        breaker = try Breaker(.word)
    }

    public func tokenize(_ view: MatchingText) throws -> TokenizedText {
        // Offsets are stored as Int32; checked once here rather than per token.
        precondition(view.units.count < Int(Int32.max), "document too long")
        let tokens: [Token] = try view.units.withUnsafeBufferPointer { units in
            try view.originStart.withUnsafeBufferPointer { starts in
                // All of ICU's segments first (white space left out), then one loop over them here:
                // a closure call per segment from the ICU module cost more than making its token.
                try breaker.withSegments(in: units, skippingSpace: true) { found in
                    var tokens = TokenBuffer(capacity: found.count + found.count / 8 + 4)
                    defer { tokens.deallocate() }
                    // The view's arrays as buffers: passing the view itself to the helpers
                    // retained and released its arrays and bounds-checked every read, per segment.
                    let view = Units(units: units, starts: starts)
                    for segment in found {
                        let s = segment.start, e = segment.end
                        switch segment.kind {
                        case .space: continue
                        case .word:
                            // Most words hold no full stop (a few in a thousand do): those are one
                            // part, made here; the rest go through `appendWord`, which is handed
                            // the first full stop rather than looking for it again.
                            var k = s
                            while k < e && units[k] != 0x2E { k &+= 1 }
                            if k == e {
                                Self.appendPart(units, view, s, e, to: &tokens)
                            } else {
                                Self.appendWord(units, view, s, e, firstStop: k, to: &tokens)
                            }
                        default: tokens.append(Self.token(view, s, e, segment.kind))
                        }
                    }
                    return tokens.array()
                }
            }
        }
        return TokenizedText(view: view, tokens: tokens)
    }

    /// The parts of a `MatchingText` tokens are made from.
    private struct Units {
        var units: UnsafeBufferPointer<UInt16>
        var starts: UnsafeBufferPointer<Int32>
    }

    /// A word from ICU with a full stop at `firstStop`: ICU keeps `د.سعيد` together (a full stop
    /// between letters, as in `e.g`), but in Arabic it ends an abbreviated title, so an Arabic word
    /// is cut at full stops, each kept as a token.
    private static func appendWord(_ u: UnsafeBufferPointer<UInt16>, _ view: Units, _ s: Int, _ e: Int,
                                   firstStop: Int, to tokens: inout TokenBuffer) {
        guard (s..<e).contains(where: { u[$0] >= 0x0600 && u[$0] <= 0x06FF }) else {
            return appendPart(u, view, s, e, to: &tokens)
        }
        var partStart = s
        for k in firstStop..<e where u[k] == 0x2E {
            if k > partStart { appendPart(u, view, partStart, k, to: &tokens) }
            tokens.append(token(view, k, k + 1, .other))
            partStart = k + 1
        }
        if e > partStart { appendPart(u, view, partStart, e, to: &tokens) }
    }

    /// A word or a part of one between full stops: `عبدال…` is cut after `عبد`.
    @inline(__always)
    private static func appendPart(_ u: UnsafeBufferPointer<UInt16>, _ view: Units, _ s: Int, _ e: Int,
                                   to tokens: inout TokenBuffer) {
        if e &- s > 5, startsWithAbdAl(u, s) {
            tokens.append(token(view, s, s &+ 3, .word))
            tokens.append(token(view, s &+ 3, e, .word))
        } else {
            tokens.append(token(view, s, e, .word))
        }
    }

    @inline(__always)
    private static func token(_ view: Units, _ s: Int, _ e: Int, _ kind: TextSegment.Kind) -> Token {
        // Wrapping conversions: `tokenize` checked the document's length once; an origin is an
        // Int32 that `MatchingNormalizer` counts with wrapping arithmetic too.
        Token(normStart: Int32(truncatingIfNeeded: s), normEnd: Int32(truncatingIfNeeded: e),
              start: view.starts[s], end: view.starts[e &- 1] &+ 1, kind: kind)
    }

    /// `عبدال` in normalised form.
    @inline(__always)
    private static func startsWithAbdAl(_ u: UnsafeBufferPointer<UInt16>, _ s: Int) -> Bool {
        u[s] == 0x0639 && u[s + 1] == 0x0628 && u[s + 2] == 0x062F && u[s + 3] == 0x0627 && u[s + 4] == 0x0644
    }
}
