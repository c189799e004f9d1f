/// A proposed entity, before the resolver decides which candidates stand.
///
/// Its type, canonical form, source and features are held in one shared `Label`: candidates are
/// copied many times over (into each phase's candidates, the committed ones, the annotations'
/// entities) and destroyed as often, and four reference-counted fields cost four retains per copy
/// and four releases per destroy, where a label costs one. The hits of one gazetteer entry share
/// one label (`CandidateLabelCache`), mentions share a constant one, and a rule's candidate has its
/// own. The fields read and write as before; a write makes the candidate a label of its own.
public struct EntityCandidate: Sendable, Equatable {
    public var start: Int
    public var end: Int
    /// Token range `[firstToken, endToken)`.
    public var firstToken: Int
    public var endToken: Int
    /// Higher wins among candidates of the same span (rule priorities, type precedence).
    public var priority: Int
    /// Order of proposal; earlier wins the last tie.
    public var order: Int
    var label: Label

    /// The fields of a candidate that are reference-counted, immutable and shared.
    final class Label: Sendable {
        let type: String
        let canonical: String?
        let source: String
        let features: [String: String]
        /// `canonical`, `source` and the features as the encoder writes them, made once for a
        /// gazetteer entry's label (nil for the labels of rules, mentions, merges and writes).
        /// A label's fields never change (a write makes a new label, without it), so the bytes
        /// always describe the entity that holds it: the encoder copies them without comparing
        /// the fields with the ones they were made from (six retains and releases, three
        /// comparisons and a look-up of the entry per entity, about 550 instructions).
        let provenance: ProvenanceJSON?

        init(type: String, canonical: String?, source: String, features: [String: String], provenance: ProvenanceJSON? = nil) {
            self.type = type
            self.canonical = canonical
            self.source = source
            self.features = features
            self.provenance = provenance
        }

        /// The same label with one field changed (labels are shared, so never written in place).
        func with(type: String) -> Label { Label(type: type, canonical: canonical, source: source, features: features) }
        func with(canonical: String?) -> Label { Label(type: type, canonical: canonical, source: source, features: features) }
        func with(source: String) -> Label { Label(type: type, canonical: canonical, source: source, features: features) }
        func with(features: [String: String]) -> Label { Label(type: type, canonical: canonical, source: source, features: features) }

        /// Field by field (the provenance bytes, made from the fields, are no part of it); the
        /// same object trivially.
        static func sameFields(_ a: Label, _ b: Label) -> Bool {
            a === b || (a.type == b.type && a.canonical == b.canonical && a.source == b.source && a.features == b.features)
        }
    }

    public var type: String {
        get { label.type }
        set { label = label.with(type: newValue) }
    }

    public var canonical: String? {
        get { label.canonical }
        set { label = label.with(canonical: newValue) }
    }

    public var source: String {
        get { label.source }
        set { label = label.with(source: newValue) }
    }

    public var features: [String: String] {
        get { label.features }
        set { label = label.with(features: newValue) }
    }

    public var length: Int { end - start }

    init(start: Int, end: Int, firstToken: Int, endToken: Int, type: String, canonical: String?, source: String,
         features: [String: String], priority: Int, order: Int) {
        self.init(start: start, end: end, firstToken: firstToken, endToken: endToken,
                  label: Label(type: type, canonical: canonical, source: source, features: features),
                  priority: priority, order: order)
    }

    init(start: Int, end: Int, firstToken: Int, endToken: Int, label: Label, priority: Int, order: Int) {
        self.start = start
        self.end = end
        self.firstToken = firstToken
        self.endToken = endToken
        self.label = label
        self.priority = priority
        self.order = order
    }

    /// Field by field, as the plain struct compared (the label's object is no part of it).
    public static func == (a: Self, b: Self) -> Bool {
        a.start == b.start && a.end == b.end && a.firstToken == b.firstToken && a.endToken == b.endToken
            && a.priority == b.priority && a.order == b.order
            && Label.sameFields(a.label, b.label)
    }
}
