/// The matching view of a document: normalised UTF-16 with a map back to the original text.
///
/// Every normalised UTF-16 unit remembers the code-point range of the original character it came
/// from, so any span found in the matching view is reported in original code-point offsets.
public struct MatchingText: Sendable {
    /// Normalised text, UTF-16.
    public var units: [UInt16] = []
    /// For each unit, the original code-point offset of the character it came from.
    public var originStart: [Int32] = []
    /// The original code-point offset just after the character unit `k` came from: every unit
    /// comes from one original code point (`MatchingNormalizer` never merges characters), so it is
    /// `originStart[k] + 1`. Storing it cost an array per document (c1: 2.5M).
    public func originEnd(_ k: Int) -> Int32 { originStart[k] + 1 }
    /// Length of the original text in code points.
    public var originalLength: Int = 0

    public init() {}

    /// The normalised text as a String (for display and tests).
    public var string: String { String(decoding: units, as: UTF16.self) }

    /// The original code-point range of normalised units `[start, end)`.
    public func originalRange(_ start: Int, _ end: Int) -> Range<Int> {
        Int(originStart[start])..<Int(originEnd(end - 1))
    }
}
