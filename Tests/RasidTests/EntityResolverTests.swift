import Testing
@testable import Rasid
import RasidTestSupport

/// The resolver against the plain definition of its policy and merge, written on the candidates'
/// fields one write at a time (as it was before candidates shared labels).
@Suite struct EntityResolverTests {
    static func plainResolve(_ candidates: [EntityCandidate]) -> [EntityCandidate] {
        let ordered = candidates.indices.sorted { i, j in
            let a = candidates[i], b = candidates[j]
            if a.start != b.start { return a.start < b.start }
            if a.length != b.length { return a.length > b.length }
            if a.priority != b.priority { return a.priority > b.priority }
            return a.order < b.order
        }
        var committed: [EntityCandidate] = [], reach = Int.min, k = 0
        while k < ordered.count {
            var c = candidates[ordered[k]]
            var j = k + 1
            while j < ordered.count, candidates[ordered[j]].start == c.start, candidates[ordered[j]].end == c.end { j += 1 }
            if c.start >= reach && c.end > c.start {
                var entry: EntityCandidate?
                for other in ordered[(k + 1)..<j].map({ candidates[$0] }) where other.type == c.type {
                    c.features.merge(other.features) { mine, _ in mine }
                    if c.canonical == nil { c.canonical = other.canonical }
                    if entry == nil && other.source.contains(":") { entry = other }
                }
                if let entry, !c.source.contains(":") {
                    c.features["rule"] = c.source
                    c.source = entry.source
                    c.canonical = entry.canonical ?? c.canonical
                }
                committed.append(c)
                reach = c.end
            }
            k = j
        }
        return committed
    }

    @Test func resolvesAsThePlainDefinition() {
        var g = SplitMix64(seed: 17)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        let labels = (0..<6).map { n in
            EntityCandidate.Label(type: ["PERSON", "PLACE"][n % 2], canonical: n < 3 ? "c\(n)" : nil, source: n % 3 == 0 ? "g.lst:\(n)" : "rule\(n)",
                                  features: n == 4 ? [:] : ["k\(n % 3)": "v\(n)"])
        }
        var merged = 0, keptAfterMerge = 0
        for _ in 0..<3_000 {
            let count = Int(g.next() % 12)
            let candidates = (0..<count).map { order -> EntityCandidate in
                let start = Int(g.next() % 6), end = start + Int(g.next() % 3)
                // Half share a label as gazetteer hits do, half have their own as rules' candidates do.
                if g.next() % 2 == 0 {
                    return EntityCandidate(start: start, end: end, firstToken: start, endToken: end, label: pick(labels),
                                           priority: Int(g.next() % 3), order: g.next() % 4 == 0 ? 0 : order)
                }
                return EntityCandidate(start: start, end: end, firstToken: start, endToken: end, type: pick(["PERSON", "PLACE"]),
                                       canonical: pick([nil, "x", "y"]), source: pick(["a.lst:1", "r1", "r2"]),
                                       features: pick([[:], ["title": "t"], ["id": "i", "title": "u"]]),
                                       priority: Int(g.next() % 5) - 2, order: g.next() % 4 == 0 ? 0 : order)
            }
            let resolved = EntityResolver().resolve(candidates), plain = Self.plainResolve(candidates)
            #expect(resolved == plain)
            #expect(resolved.map(\.features) == plain.map(\.features) && resolved.map(\.canonical) == plain.map(\.canonical))
            merged += zip(resolved, plain).filter { $0.0.features["rule"] != nil }.count
            // A winner whose fields the others of its span leave as they are keeps its label (and
            // so a gazetteer entry's provenance bytes); one whose fields change gets a new one.
            for r in resolved {
                let span = candidates.indices.filter { candidates[$0].start == r.start && candidates[$0].end == r.end }
                let winner = span.min { (-candidates[$0].priority, candidates[$0].order, $0) < (-candidates[$1].priority, candidates[$1].order, $1) }!
                let same = EntityCandidate.Label.sameFields(r.label, candidates[winner].label)
                #expect((r.label === candidates[winner].label) == same)
                if span.count > 1 && same && candidates[winner].features.count > 0
                    && span.contains(where: { $0 != winner && candidates[$0].type == r.type && !candidates[$0].features.isEmpty }) { keptAfterMerge += 1 }
            }
        }
        #expect(merged > 50 && keptAfterMerge > 50)
    }
}
