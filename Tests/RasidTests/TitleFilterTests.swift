import Testing
@testable import Rasid
import RasidTestSupport

/// `PipelineWorker.keepTitlesBeforeNames` (which leaves the array untouched when it drops
/// nothing) against the plain definition: a TITLE stays when the next entity starts where it ends
/// and is a PERSON or a TITLE that stays.
@Suite struct TitleFilterTests {
    static func plainKept(_ c: [EntityCandidate]) -> [EntityCandidate] {
        func kept(_ k: Int) -> Bool {
            guard c[k].type == "TITLE" else { return true }
            guard k + 1 < c.count, c[k + 1].firstToken == c[k].endToken else { return false }
            return c[k + 1].type == "PERSON" || (c[k + 1].type == "TITLE" && kept(k + 1))
        }
        return c.indices.filter(kept).map { c[$0] }
    }

    @Test func titlesAreKeptAsThePlainDefinitionKeepsThem() {
        var g = SplitMix64(seed: 41)
        let types = ["TITLE", "PERSON", "ORG", "PLACE", "TITLE"]
        var untouched = 0
        for _ in 0..<5_000 {
            var committed: [EntityCandidate] = [], token = 0
            for order in 0..<g.below(8) {
                // Adjacent or not, so that some titles stand before a name and some alone.
                token += g.below(2)
                let length = 1 + g.below(2)
                committed.append(EntityCandidate(start: token * 5, end: (token + length) * 5, firstToken: token, endToken: token + length,
                                                 type: types[g.below(types.count)], canonical: nil, source: "s", features: [:],
                                                 priority: 0, order: order))
                token += length
            }
            let expected = Self.plainKept(committed)
            var filtered = committed
            PipelineWorker.keepTitlesBeforeNames(&filtered)
            #expect(filtered == expected)
            if expected.count == committed.count { untouched += 1 }
        }
        // Both ways were taken: nothing dropped, and some titles dropped.
        #expect(untouched > 100 && untouched < 4_900)
    }
}
