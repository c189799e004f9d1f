/// A segment of a UTF-16 buffer found by an ICU break iterator.
public struct TextSegment: Sendable, Equatable {
    /// What ICU's word rules say the segment is.
    public enum Kind: UInt8, Sendable {
        /// Letters (ICU's UBRK_WORD_LETTER, KANA, IDEO).
        case word
        /// Digits (UBRK_WORD_NUMBER).
        case number
        /// Anything else that is not white space: punctuation, symbols, emoji.
        case other
        /// White space; callers usually skip it.
        case space
    }

    /// UTF-16 offsets into the buffer, end exclusive.
    public var start: Int
    public var end: Int
    public var kind: Kind

    public init(start: Int, end: Int, kind: Kind) {
        self.start = start
        self.end = end
        self.kind = kind
    }
}
