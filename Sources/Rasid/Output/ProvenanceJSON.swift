/// An entity's provenance fields (`canonical`, `source` and the features) as `ExtractionEncoder`
/// writes them, made once for a gazetteer entry and copied as bytes for each of its hits.
///
/// Most entities are gazetteer hits, and writing these fields one by one (sorting the features,
/// checking each name against the reserved ones, escaping every string) was most of what writing
/// an entity cost. The bytes are made by the encoder's own code, and are used only for an entity
/// whose fields are still the ones they were made from.
final class ProvenanceJSON: Sendable {
    let canonical: String?
    let source: String
    let features: [String: String]
    let bytes: [UInt8]

    init(canonical: String?, source: String, features: [String: String]) {
        self.canonical = canonical
        self.source = source
        self.features = features
        // Room for the usual fragment at once, not grown a few bytes at a time.
        var w = JSONWriter(capacity: 256)
        ExtractionEncoder.writeProvenance(canonical: canonical, source: source, features: features, to: &w)
        bytes = w.bytes
    }

    /// Whether these are an entity's provenance fields. Entities of gazetteer hits share their
    /// entry's strings and features, so the comparisons stop at the first check (same storage).
    /// The fields, not the entity: passing an array's entity copied all its strings.
    func isWritten(canonical: String?, source: String, features: [String: String]) -> Bool {
        source == self.source && canonical == self.canonical && features == self.features
    }
}

/// The `ProvenanceJSON` a candidate or entity carries from its gazetteer entry (none for the ones
/// rules make). A cache of what the encoder would write, so it takes no part in equality: an
/// entity equals one made by hand with the same fields.
struct PrewrittenProvenance: Sendable, Equatable {
    var json: ProvenanceJSON?

    init(_ json: ProvenanceJSON? = nil) { self.json = json }

    static func == (_: Self, _: Self) -> Bool { true }
}
