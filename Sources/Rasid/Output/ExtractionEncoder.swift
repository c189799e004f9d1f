/// Writes entities and relations as `ANNOTATION.md`'s JSON.
///
/// Fixed text is written with the opening quote of the value that follows (`,"text":"`): each
/// append costs about as much as a short string's bytes, and there are a dozen per entity.
public enum ExtractionEncoder {
    /// Entity fields Rasid writes itself; a feature with one of these names is not written again.
    static let reservedEntityKeys: Set<String> = ["start", "end", "type", "text", "canonical", "source"]

    /// `reservedEntityKeys.contains(key)` without hashing: a key is compared only with the
    /// reserved name of its length (of feature keys, only `rule` and `title` are of the length of
    /// one), where comparing it with all six cost about 230 instructions a feature.
    static func isReserved(_ key: String) -> Bool {
        switch key.utf8.count {
        case 3: return key == "end"
        case 4: return key == "type" || key == "text"
        case 5: return key == "start"
        case 6: return key == "source"
        case 9: return key == "canonical"
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
                if let json = entities[n].label.provenance {
                    w.raw(json.written)
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
        case ...insertionSortedUpTo:
            // Sorted pairs, not sorted keys looked up again: each look-up hashed the key. Sorted
            // in room on the stack by insertion (a handful of features): `sorted` made and freed
            // an array per entity, about 1,200 instructions.
            withUnsafeTemporaryAllocation(of: (key: String, value: String).self, capacity: features.count) { pairs in
                var n = 0
                for pair in features {
                    var k = n
                    while k > 0 && pair.key < pairs[k - 1].key { k -= 1 }
                    // The later ones moved up one (the regions overlap, as `moveInitialize` allows).
                    if k < n { (pairs.baseAddress! + k + 1).moveInitialize(from: pairs.baseAddress! + k, count: n - k) }
                    (pairs.baseAddress! + k).initialize(to: pair)
                    n += 1
                }
                for k in 0..<n { write(pairs[k].key, pairs[k].value) }
                pairs.baseAddress!.deinitialize(count: n)
            }
        default:
            // Many features (an API caller's entity): insertion sorts in quadratic time, `sorted` does not.
            for (key, value) in features.sorted(by: { $0.key < $1.key }) { write(key, value) }
        }
    }

    /// Up to this many features are sorted by insertion on the stack, more with `sorted`.
    static let insertionSortedUpTo = 16

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
