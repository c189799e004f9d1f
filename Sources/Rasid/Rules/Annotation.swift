/// Something known about a stretch of tokens that rules can test: a gazetteer hit (of any type,
/// lexical ones included) or an entity committed by an earlier phase.
///
/// Plain integers, kept in one array per document (`DocumentFacts.annotations`): a document has
/// thousands, and when each held its type, canonical form, source and features, adding one
/// retained four references and destroying the document's facts released them all again.
struct Annotation {
    /// The type's bit in the rules' vocabulary (0 for a type no rule names).
    var typeBit: UInt64
    /// Token range `[firstToken, endToken)`.
    var firstToken: Int32
    var endToken: Int32
    /// Code-point range in the original text (after any proclitic).
    var start: Int32
    var end: Int32
    /// Where its features are (`DocumentFacts.feature(_:of:)` reads them).
    var features: Features
    /// The next annotation starting at the same token, in the order added (-1: none).
    var next: Int32 = -1

    /// An annotation's features: those of a gazetteer entry, or a set of the document's own
    /// (an entity's, which resolution may have merged), or none.
    struct Features: Equatable {
        /// An entry index (≥ 0), `-2 - k` for the document's k-th set, -1 for none.
        fileprivate let code: Int32

        static let none = Features(code: -1)
        static func entry(_ index: Int32) -> Features { Features(code: index) }
        static func documentSet(_ k: Int) -> Features { Features(code: Int32(-2 - k)) }

        var entry: Int32? { code >= 0 ? code : nil }
        var documentSet: Int? { code <= -2 ? Int(-2 - code) : nil }
    }
}
