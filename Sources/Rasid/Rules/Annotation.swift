/// Something known about a stretch of tokens that rules can test: a gazetteer hit (of any type,
/// lexical ones included) or an entity committed by an earlier phase.
public struct Annotation: Sendable {
    public var type: String
    /// Token range `[firstToken, endToken)`.
    public var firstToken: Int
    public var endToken: Int
    /// Code-point range in the original text (after any proclitic).
    public var start: Int
    public var end: Int
    public var canonical: String?
    public var features: [String: String]
    public var source: String
    /// The type's bit in the rules' vocabulary (set when added to a document's facts).
    var typeBit: UInt64 = 0
}
