import Testing
@testable import Rasid
import RasidTestSupport

/// The relation resolver's searches in turn (a document's handful of candidates) against the
/// tables they replace there: the same posts kept, in the same order; and the worker's remembered
/// comparison keys against `ArabicFolding.comparisonKey`.
@Suite struct RelationSearchTests {
    @Test func postsAreKeptAsByTheTable() {
        var g = SplitMix64(seed: 31)
        // Few distinct roles and matches, so that posts are contested and matches repeat.
        let roles: [Range<Int>] = [3..<4, 3..<5, 7..<8, 10..<12]
        for _ in 0..<5_000 {
            let count = g.below(24)
            var candidates: [RelationCandidate] = [], roleOf: [Range<Int>?] = []
            for _ in 0..<count {
                let start = g.below(12)
                candidates.append(RelationCandidate(type: "secretary_of", rule: "r", priority: g.below(3), arguments: [:],
                                                    sentence: 0..<100, match: start..<(start + 1 + g.below(3))))
                roleOf.append(g.below(4) == 0 ? nil : roles[g.below(roles.count)])
            }
            let searched = RelationResolver.oneReadingPerPost(candidates, roles: roleOf, searchedUpTo: .max)
            let hashed = RelationResolver.oneReadingPerPost(candidates, roles: roleOf, searchedUpTo: -1)
            #expect(searched == hashed)
        }
    }

    @Test func rememberedComparisonKeysAreTheKeys() {
        let texts = ["أمانة التنظيم", "الأمانة العامة", "أمانه الشباب", "المجلس", "حِزب الوفد", "", "x", "أمانة التنظيم"]
        let cache = RoleCache(capacity: 3)
        var g = SplitMix64(seed: 32)
        for _ in 0..<200 {
            let text = texts[g.below(texts.count)]
            #expect(cache.comparisonKey(text) == ArabicFolding.comparisonKey(text))
        }
    }

    /// People's full names compared in turn (a document's handful) give the relations the suffix
    /// table gives: the eval documents extracted both ways, and documents of many people (the
    /// eval documents joined) taking the table at the default limit.
    @Test func fullNamesSearchedInTurnAreTheTablesFullNames() throws {
        let searched = try Pipeline().makeWorker(), tabled = try Pipeline().makeWorker()
        tabled.peopleSearchedUpTo = -1
        let texts = try EvalTexts.dev()
        var relations = 0
        for text in texts + [texts.joined(separator: "\n")] {
            let a = try searched.extract(text), b = try tabled.extract(text)
            #expect(a == b)
            relations += a.relations.count
        }
        #expect(relations > 20)
    }
}
