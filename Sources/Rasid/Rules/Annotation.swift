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

    /// Where an annotation's features are kept. One integer, not an enum with payloads: that
    /// made an annotation 40 bytes instead of 32, and c1 2.6M slower (most of it the rule VM).
    struct Features {
        /// An entry index (≥ 0); -1 for none; `-2 - 2k` for entity k, `-3 - 2k` for set k.
        private let code: Int32

        static let none = Features(code: -1)
        /// Gazetteer entry `index`'s (`GazetteerEntryCache`).
        static func entry(_ index: Int32) -> Features { Features(code: index) }
        /// The k-th entity the document's facts show (`DocumentFacts.showEntities`).
        static func entity(_ k: Int) -> Features { Features(code: Int32(-2 - 2 * k)) }
        /// The document's k-th own set (`DocumentFacts.documentFeatures`).
        static func documentSet(_ k: Int) -> Features { Features(code: Int32(-3 - 2 * k)) }

        var entry: Int32? { code >= 0 ? code : nil }
        var entity: Int? { code <= -2 && code & 1 == 0 ? Int(-2 - code) / 2 : nil }
        var documentSet: Int? { code <= -3 && code & 1 != 0 ? Int(-3 - code) / 2 : nil }
    }
}
