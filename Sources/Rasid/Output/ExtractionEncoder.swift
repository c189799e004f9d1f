/// Writes entities and relations as `ANNOTATION.md`'s JSON.
///
/// Fixed text is written with the opening quote of the value that follows (`,"text":"`): each
/// append costs about as much as a short string's bytes, and there are a dozen per entity.
public enum ExtractionEncoder {
    /// Entity fields Rasid writes itself; a feature with one of these names is not written again.
    static let reservedEntityKeys: Set<String> = ["start", "end", "type", "text", "canonical", "source"]

    /// `reservedEntityKeys.contains(key)` without hashing: comparing a short key with six short
    /// strings is cheaper, and every feature of every entity is checked.
    static func isReserved(_ key: String) -> Bool {
        switch key {
        case "start", "end", "type", "text", "canonical", "source": return true
        default: return false
        }
    }

    /// - Parameter withProvenance: false writes only `ANNOTATION.md`'s fields (start, end, type, text).
    public static func writeEntities(_ entities: [Entity], to w: inout JSONWriter, withProvenance: Bool = true) {
        w.raw("[")
        // Through a buffer: read from the array, each entity's document text was retained and
        // released to be passed on.
        entities.withUnsafeBufferPointer { entities in
            for n in entities.indices {
                w.raw(n > 0 ? ",{\"start\":" : "{\"start\":"); w.number(entities[n].start)
                w.raw(",\"end\":"); w.number(entities[n].end)
                w.string(entities[n].type, after: ",\"type\":\"")
                w.string(entities[n].document, bytes: entities[n].textBytes, after: ",\"text\":\"")
                guard withProvenance else { w.raw("}"); continue }
                if let json = entities[n].prewritten.json,
                   json.isWritten(canonical: entities[n].canonical, source: entities[n].source, features: entities[n].features) {
                    w.raw(json.bytes)
                } else {
                    writeProvenance(canonical: entities[n].canonical, source: entities[n].source, features: entities[n].features, to: &w)
                }
                w.raw("}")
            }
        }
        w.raw("]")
    }

    /// `,"canonical":…,"source":…` and the features: the members after `text`.
    static func writeProvenance(canonical: String?, source: String, features: [String: String], to w: inout JSONWriter) {
        if let canonical { w.string(canonical, after: ",\"canonical\":\"") }
        w.string(source, after: ",\"source\":\"")
        writeFeatures(features, to: &w)
    }

    /// Features as `,"key":"value"` in key order. Most entities have two or fewer: sorting those
    /// allocated an array per entity.
    static func writeFeatures(_ features: [String: String], to w: inout JSONWriter) {
        func write(_ key: String, _ value: String) {
            guard !isReserved(key) else { return }
            // `,"key"` then `:"value"`: two appends of fixed text, not four.
            w.string(key, after: ",\"")
            w.string(value, after: ":\"")
        }
        switch features.count {
        case 0: return
        case 1: let (key, value) = features.first!; write(key, value)
        case 2:
            let a = features[features.startIndex], b = features[features.index(after: features.startIndex)]
            if a.key < b.key { write(a.key, a.value); write(b.key, b.value) } else { write(b.key, b.value); write(a.key, a.value) }
        default:
            // Sorted pairs, not sorted keys looked up again: each look-up hashed the key.
            for (key, value) in features.sorted(by: { $0.key < $1.key }) { write(key, value) }
        }
    }

    public static func writeRelations(_ relations: [Relation], to w: inout JSONWriter) {
        w.raw("[")
        for (n, r) in relations.enumerated() {
            w.string(r.type, after: n > 0 ? ",{\"type\":\"" : "{\"type\":\"")
            w.string(r.person, after: ",\"person\":\"")
            w.string(r.org, after: ",\"org\":\"")
            if let role = r.role { w.string(role, after: ",\"role\":\"") }
            if let party = r.party { w.string(party, after: ",\"party\":\"") }
            if let place = r.place { w.string(place, after: ",\"place\":\"") }
            if let source = r.source { w.string(source, after: ",\"source\":\"") }
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
