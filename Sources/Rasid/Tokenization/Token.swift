import RasidICU

/// A word, number or punctuation mark of a document.
public struct Token: Sendable, Equatable {
    /// UTF-16 range in the matching view (`MatchingText.units`).
    public var normStart: Int32
    public var normEnd: Int32
    /// Code-point range in the original text, end exclusive.
    public var start: Int32
    public var end: Int32
    public var kind: TextSegment.Kind

    public var isWord: Bool { kind == .word || kind == .number }
    public var isPunctuation: Bool { kind == .other }
}

/// A document's matching view and its tokens.
public struct TokenizedText: Sendable {
    public var view: MatchingText
    public var tokens: [Token]

    /// The normalised form of token `i`.
    public func normalized(_ i: Int) -> String {
        let t = tokens[i]
        return String(decoding: view.units[Int(t.normStart)..<Int(t.normEnd)], as: UTF16.self)
    }

    /// Calls `body` with the normalised UTF-16 of token `i`, without copying.
    @inline(__always)
    public func withUnits<R>(of i: Int, _ body: (UnsafeBufferPointer<UInt16>) -> R) -> R {
        let t = tokens[i]
        return view.units.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[Int(t.normStart)..<Int(t.normEnd)]))
        }
    }
}
