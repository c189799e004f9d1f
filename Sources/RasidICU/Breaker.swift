// Not `internal import`: debug builds enable testing, which makes every client load CICU, and
// CICU's C types clash with those of the ICU that Foundation bundles. `@_implementationOnly`
// keeps CICU out of this module's interface; it is safe here because no CICU type appears in a
// stored property's layout (ICU objects are held as OpaquePointer).
@_implementationOnly import CICU

/// ICU's rule-based word or sentence BreakIterator over a UTF-16 buffer.
///
/// Opening an iterator loads ICU's rules and costs far more than using it, so one `Breaker`
/// is made per worker and reused for every document. It is not thread-safe.
public final class Breaker {
    public enum Unit: Sendable { case word, sentence }

    private let iterator: OpaquePointer
    public let unit: Unit
    /// Room for a document's segments, kept between documents: a text of n UTF-16 units has at
    /// most n segments (none is empty), so `withSegments` writes them without a capacity check.
    /// Made per document, this was 24 bytes per unit allocated and freed each time (c1
    /// gazetteers only: 153.1M -> 152.8M, with rules 518.6M -> 516.7M). Kept up to
    /// `keptCapacity` units (1.5 MB); the room of a longer document is freed after it.
    private var room: UnsafeMutablePointer<TextSegment>?
    private var roomCapacity = 0
    private static let keptCapacity = 1 << 16

    public init(_ unit: Unit) throws(ICUError) {
        var status = U_ZERO_ERROR
        let type = unit == .word ? UBRK_WORD : UBRK_SENTENCE
        guard let bi = rasid_ubrk_open(type, "ar", nil, 0, &status), !(status.rawValue > 0) else {
            throw ICUError("ubrk_open", code: status.rawValue)
        }
        self.iterator = bi
        self.unit = unit
    }

    deinit {
        rasid_ubrk_close(iterator)
        room?.deallocate()
    }

    /// Calls `body` with every segment of `text`, in order. `text` must stay valid during the call.
    public func forEachSegment(
        in text: UnsafeBufferPointer<UInt16>, _ body: (TextSegment) -> Void
    ) throws(ICUError) {
        try walk(text, body)
    }

    /// Calls `body` with the segments of `text`, in order, without white space when
    /// `skippingSpace`. They are in storage the breaker keeps for the next document: valid only
    /// during `body`. `text` must stay valid during the call.
    ///
    /// The tokenizer's path: one call per document instead of a closure call per segment (about
    /// half of ICU's word segments are white space, which the tokenizer drops), so the caller's
    /// loop over the result is plain code its compiler can inline.
    public func withSegments<R>(in text: UnsafeBufferPointer<UInt16>, skippingSpace: Bool,
                                _ body: (UnsafeBufferPointer<TextSegment>) -> R) throws(ICUError) -> R {
        if roomCapacity < text.count {
            room?.deallocate()
            roomCapacity = max(text.count, 64)
            room = .allocate(capacity: roomCapacity)
        }
        defer {
            if roomCapacity > Self.keptCapacity {
                room?.deallocate()
                (room, roomCapacity) = (nil, 0)
            }
        }
        guard let room else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        var count = 0
        // Word segments of common text come from `WordSegmenter`; ICU takes over where it stops.
        let done = unit == .word
            ? WordSegmenter.segments(in: text, skippingSpace: skippingSpace, into: room, count: &count) : 0
        if done < text.count {
            let rest = UnsafeBufferPointer(rebasing: text[done...])
            let capacity = roomCapacity
            try walk(rest) { segment in
                if !(skippingSpace && segment.kind == .space) {
                    // ICU's segments are never empty, and those before `done` end by `done`.
                    precondition(count < capacity, "more segments than units")
                    (room + count).initialize(to: TextSegment(start: segment.start + done, end: segment.end + done,
                                                              kind: segment.kind))
                    count += 1
                }
            }
        }
        return body(UnsafeBufferPointer(start: room, count: count))
    }

    /// The segments of `text` as `withSegments` finds them, in `segments` (emptied first, its
    /// capacity kept): for callers that keep them, and tests.
    public func segments(in text: UnsafeBufferPointer<UInt16>, skippingSpace: Bool,
                         into segments: inout [TextSegment]) throws(ICUError) {
        try withSegments(in: text, skippingSpace: skippingSpace) { found in
            segments.removeAll(keepingCapacity: true)
            segments.append(contentsOf: found)
        }
    }

    /// The sentence boundaries of `text` after its start, in order (the last is `text.count`): the
    /// ends of `segments`, from `SentenceSegmenter` where it reads the whole text, else from ICU.
    public func sentenceBoundaries(in text: UnsafeBufferPointer<UInt16>, into boundaries: inout [Int]) throws(ICUError) {
        precondition(unit == .sentence, "sentence boundaries need a sentence breaker")
        boundaries.removeAll(keepingCapacity: true)
        if SentenceSegmenter.boundaries(in: text, into: &boundaries) { return }
        boundaries.removeAll(keepingCapacity: true)
        try walk(text) { boundaries.append($0.end) }
    }

    /// How much of `text` `segments` reads without ICU's word iterator (`WordSegmenter`): the
    /// offset where ICU takes over, or `text.count`. For tests and measurements.
    public static func wordUnitsWithoutICU(in text: UnsafeBufferPointer<UInt16>) -> Int {
        let room = UnsafeMutablePointer<TextSegment>.allocate(capacity: max(text.count, 1))
        defer { room.deallocate() }
        var count = 0
        return WordSegmenter.segments(in: text, skippingSpace: false, into: room, count: &count)
    }

    /// Whether `sentenceBoundaries` reads `text` without ICU's sentence iterator
    /// (`SentenceSegmenter`), or hands it to ICU. For tests and measurements.
    public static func sentenceBoundariesReadWithoutICU(in text: UnsafeBufferPointer<UInt16>) -> Bool {
        var ignored: [Int] = []
        return SentenceSegmenter.boundaries(in: text, into: &ignored)
    }

    /// ICU's segments of `text`, in order; inlined into each caller so `body` is no call.
    @inline(__always)
    private func walk(_ text: UnsafeBufferPointer<UInt16>, _ body: (TextSegment) -> Void) throws(ICUError) {
        guard text.count > 0, let base = text.baseAddress else { return }
        var status = U_ZERO_ERROR
        rasid_ubrk_setText(iterator, base, Int32(text.count), &status)
        if status.rawValue > 0 { throw ICUError("ubrk_setText", code: status.rawValue) }
        var start = Int(rasid_ubrk_first(iterator))
        while true {
            let next = rasid_ubrk_next(iterator)
            if next == UBRK_DONE { break }
            let end = Int(next)
            body(TextSegment(start: start, end: end, kind: kind(of: text, start: start)))
            start = end
        }
        // Keep the iterator from pointing at memory the caller is about to free.
        rasid_ubrk_setText(iterator, nil, 0, &status)
    }

    private func kind(of text: UnsafeBufferPointer<UInt16>, start: Int) -> TextSegment.Kind {
        if unit == .sentence { return .other }
        let status = rasid_ubrk_getRuleStatus(iterator)
        switch status {
        case 100..<200: return .number
        case 200..<500: return .word
        default: return Self.isWhiteSpace(scalarAt(text, start)) ? .space : .other
        }
    }

    /// ICU's White_Space property. Below U+0080 it is answered here: the space is most of the
    /// segments ICU gives no word status, and asking ICU cost more than the rest of their handling.
    @inline(__always)
    private static func isWhiteSpace(_ c: UInt32) -> Bool {
        if c < 0x80 { return c == 0x20 || (c >= 0x09 && c <= 0x0D) }
        return rasid_u_isUWhiteSpace(UChar32(bitPattern: c)) != 0
    }
}

@inline(__always)
func scalarAt(_ text: UnsafeBufferPointer<UInt16>, _ i: Int) -> UInt32 {
    let lead = UInt32(text[i])
    if lead & 0xFC00 == 0xD800, i + 1 < text.count {
        let trail = UInt32(text[i + 1])
        if trail & 0xFC00 == 0xDC00 { return 0x10000 + ((lead - 0xD800) << 10) + (trail - 0xDC00) }
    }
    return lead
}
