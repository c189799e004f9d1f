/// Writes entities and relations as `ANNOTATION.md`'s JSON.
public enum ExtractionEncoder {
    /// Entity fields Rasid writes itself; a feature with one of these names is not written again.
    static let reservedEntityKeys: Set<String> = ["start", "end", "type", "text", "canonical", "source"]

    /// - Parameter withProvenance: false writes only `ANNOTATION.md`'s fields (start, end, type, text).
    public static func writeEntities(_ entities: [Entity], to w: inout JSONWriter, withProvenance: Bool = true) {
        w.raw("[")
        for (n, e) in entities.enumerated() {
            if n > 0 { w.raw(",") }
            w.raw("{\"start\":"); w.number(e.start)
            w.raw(",\"end\":"); w.number(e.end)
            w.raw(",\"type\":"); w.string(e.type)
            w.raw(",\"text\":"); w.string(e.text)
            guard withProvenance else { w.raw("}"); continue }
            if let canonical = e.canonical { w.raw(",\"canonical\":"); w.string(canonical) }
            w.raw(",\"source\":"); w.string(e.source)
            // Sorted pairs, not sorted keys looked up again: each look-up hashed the key.
            for (key, value) in e.features.sorted(by: { $0.key < $1.key }) where !reservedEntityKeys.contains(key) {
                w.raw(","); w.key(key); w.string(value)
            }
            w.raw("}")
        }
        w.raw("]")
    }

    public static func writeRelations(_ relations: [Relation], to w: inout JSONWriter) {
        w.raw("[")
        for (n, r) in relations.enumerated() {
            if n > 0 { w.raw(",") }
            w.raw("{\"type\":"); w.string(r.type)
            w.raw(",\"person\":"); w.string(r.person)
            w.raw(",\"org\":"); w.string(r.org)
            if let role = r.role { w.raw(",\"role\":"); w.string(role) }
            if let party = r.party { w.raw(",\"party\":"); w.string(party) }
            if let place = r.place { w.raw(",\"place\":"); w.string(place) }
            if let source = r.source { w.raw(",\"source\":"); w.string(source) }
            if let e = r.evidence {
                w.raw(",\"evidence\":{\"start\":"); w.number(e.lowerBound)
                w.raw(",\"end\":"); w.number(e.upperBound)
                if let t = r.trigger {
                    w.raw(",\"trigger_start\":"); w.number(t.lowerBound)
                    w.raw(",\"trigger_end\":"); w.number(t.upperBound)
                }
                w.raw("}")
            }
            w.raw("}")
        }
        w.raw("]")
    }
}
