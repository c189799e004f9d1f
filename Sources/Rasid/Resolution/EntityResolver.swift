/// Commits candidates under one named overlap policy.
///
/// The policy is GATE's Appelt order: among overlapping candidates the one starting first wins,
/// then the longest, then the highest priority, then the earliest proposed. The result never
/// holds two overlapping spans.
///
/// Candidates of the same span and type are one entity: the winner keeps its features and takes
/// those it lacks from the others; where a gazetteer entry is among them, its `file:line` and
/// canonical form stand as the source (the rule that also found it is kept as feature `rule`).
public struct EntityResolver: Sendable {
    public init() {}

    public func resolve(_ candidates: [EntityCandidate]) -> [EntityCandidate] {
        // Sorting and walking indices moves integers, not candidates (each a retain and release of
        // its label): only the winners are copied.
        let keys = candidates.map { (start: $0.start, end: $0.end, priority: $0.priority, order: $0.order) }
        let ordered = keys.indices.sorted { i, j in
            let a = keys[i], b = keys[j]
            if a.start != b.start { return a.start < b.start }
            if a.end - a.start != b.end - b.start { return a.end - a.start > b.end - b.start }
            if a.priority != b.priority { return a.priority > b.priority }
            return a.order < b.order
        }
        var committed: [EntityCandidate] = []
        committed.reserveCapacity(candidates.count)
        var reach = Int.min
        var k = 0
        while k < ordered.count {
            let c = keys[ordered[k]]
            // The run of candidates with the same span as c.
            var j = k + 1
            while j < ordered.count, keys[ordered[j]].start == c.start, keys[ordered[j]].end == c.end { j += 1 }
            if c.start >= reach && c.end > c.start {
                // Most spans have one candidate: it stands as it is.
                committed.append(j == k + 1 ? candidates[ordered[k]] : merged(ordered[k], with: ordered[(k + 1)..<j], of: candidates))
                reach = c.end
            }
            k = j
        }
        return committed
    }

    /// The winner with what the others of its span and type add. The fields are worked out first
    /// and the candidate gets a new label only if one changed: each write of a field makes one.
    private func merged(_ winner: Int, with run: ArraySlice<Int>, of candidates: [EntityCandidate]) -> EntityCandidate {
        var c = candidates[winner]
        let type = c.type
        var features = c.features, canonical = c.canonical, source = c.source
        var changed = false
        var entry: Int?
        for other in run where candidates[other].type == type {
            // Where either side has no features there is nothing to merge (and no table to grow).
            if features.isEmpty {
                if !candidates[other].features.isEmpty { features = candidates[other].features; changed = true }
            } else if !candidates[other].features.isEmpty {
                // The winner's values stand, so only names it lacks change anything: the same
                // label kept keeps its provenance bytes (a new one is written field by field).
                let before = features.count
                features.merge(candidates[other].features) { mine, _ in mine }
                if features.count != before { changed = true }
            }
            if canonical == nil, let other = candidates[other].canonical { canonical = other; changed = true }
            if entry == nil && Self.isGazetteerSource(candidates[other].source) { entry = other }
        }
        if let entry, !Self.isGazetteerSource(source) {
            features["rule"] = source
            source = candidates[entry].source
            canonical = candidates[entry].canonical ?? canonical
            changed = true
        }
        if changed { c.label = EntityCandidate.Label(type: type, canonical: canonical, source: source, features: features) }
        return c
    }

    /// Gazetteer sources are `file:line`; rule sources are rule names.
    /// Read as the string's bytes: `utf8.contains` walked them through the view's index a few
    /// hundred instructions a call.
    static func isGazetteerSource(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { $0.contains(UInt8(ascii: ":")) }
    }
}
