import Testing
@testable import Rasid
import RasidTestSupport

/// The relation resolver's searches in turn (a document's handful of candidates) against the
/// tables they replace there: the same posts kept, in the same order, the same keys numbered, the
/// same relations; the worker's full names found both ways; and the worker's remembered
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

    /// People's full names compared in turn (a document's handful) against the suffix table, on
    /// random names of a few words from a small vocabulary (so that endings are shared, and many
    /// names are others' endings), with the stems' negative ids among them, empty names, and
    /// starts that tie.
    @Test func fullNamesSearchedInTurnAreTheTablesFullNames() {
        var g = SplitMix64(seed: 33)
        let vocabulary: [Int32] = [0, 1, 2, 3, 64, 65, -2, -7]
        var found = 0
        for _ in 0..<5_000 {
            let people = g.below(40), entities = people + g.below(4)
            var words: [Int32] = [], wordRanges: [Range<Int>] = []
            for _ in 0..<people {
                let at = words.count
                for _ in 0..<g.below(5) { words.append(vocabulary[g.below(vocabulary.count)]) }
                wordRanges.append(at..<words.count)
            }
            // Entities in some order (others among them), with starts that may tie.
            let persons = Array((0..<entities).shuffled(using: &g).prefix(people))
            let starts = (0..<entities).map { _ in g.below(30) }
            var searched = [Int32](repeating: -1, count: entities), tabled = searched
            PipelineWorker.fullNames(words: words, wordRanges: wordRanges, persons: persons, start: { starts[$0] },
                                     searchedUpTo: .max, into: &searched)
            PipelineWorker.fullNames(words: words, wordRanges: wordRanges, persons: persons, start: { starts[$0] },
                                     searchedUpTo: -1, into: &tabled)
            #expect(searched == tabled, "\(words) \(wordRanges) \(persons) \(starts)")
            found += searched.filter { $0 >= 0 }.count
        }
        #expect(found > 1_000)
    }

    /// The relation resolver's party groups, relation keys and posts searched in turn and hashed
    /// give the same relations: the eval documents, and the documents joined, extracted both ways.
    /// And the worker's two ways of finding full names, wired in, give the same too.
    @Test func relationsSearchedInTurnAreTheTablesRelations() throws {
        let searched = try Pipeline().makeWorker(), tabled = try Pipeline().makeWorker()
        searched.relationsSearchedUpTo = .max
        searched.peopleSearchedUpTo = .max
        tabled.relationsSearchedUpTo = -1
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

    /// `SmallIndex` numbers keys as a plain dictionary of first meetings does, both ways.
    @Test func smallIndexNumbersKeysInOrderOfFirstMeeting() {
        var g = SplitMix64(seed: 34)
        for _ in 0..<2_000 {
            let keys = (0..<g.below(40)).map { _ in g.below(12) }
            var plain: [Int: Int] = [:], expected: [Int] = []
            for key in keys {
                if plain[key] == nil { plain[key] = plain.count }
                expected.append(plain[key]!)
            }
            for limit in [-1, .max, g.below(40)] {
                var index = SmallIndex<Int>(expected: keys.count, searchedUpTo: limit)
                #expect(keys.map { index.number($0) } == expected)
            }
        }
    }
}
