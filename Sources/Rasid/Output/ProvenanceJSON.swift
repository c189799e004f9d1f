/// An entity's provenance fields (`canonical`, `source` and the features) as `ExtractionEncoder`
/// writes them, made once for a gazetteer entry and copied as bytes for each of its hits.
///
/// Most entities are gazetteer hits, and writing these fields one by one (sorting the features,
/// checking each name against the reserved ones, escaping every string) was most of what writing
/// an entity cost. The bytes are made by the encoder's own code, and are carried by the entry's
/// candidate label (`EntityCandidate.Label.provenance`), whose fields they are.
///
/// Unchecked `Sendable`: the writer is written only in `init`, and only read after.
final class ProvenanceJSON: @unchecked Sendable {
    /// The bytes, kept in the writer they were written into: copied out into an array, they cost
    /// an allocation and a copy per entry, and each entity a generic `raw` (about 57
    /// instructions) where a writer's bytes are appended in place.
    let written: JSONWriter

    init(canonical: String?, source: String, features: [String: String]) {
        // Room for the usual fragment at once, not grown a few bytes at a time.
        var w = JSONWriter(capacity: 256)
        ExtractionEncoder.writeProvenance(canonical: canonical, source: source, features: features, to: &w)
        written = w
    }
}
