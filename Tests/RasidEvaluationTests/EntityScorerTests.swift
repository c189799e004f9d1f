import Testing
@testable import RasidEvaluation

@Suite struct EntityScorerTests {
    // Gold: one entity of each type. Predictions: one exact, one same span with another type, one
    // short boundary with the right type, one short boundary with another type, one spurious; PARTY missed.
    let gold = [entity(0, 5, "PERSON"), entity(10, 15, "PLACE"), entity(20, 25, "ORG"), entity(30, 35, "TITLE"), entity(40, 45, "PARTY")]
    let predicted = [entity(0, 5, "PERSON"), entity(10, 15, "ORG"), entity(20, 23, "ORG"), entity(30, 33, "PERSON"), entity(50, 55, "PLACE")]

    func counts(_ s: Score) -> [Int] { [s.correct, s.incorrect, s.partial, s.missed, s.spurious, s.possible, s.actual] }

    @Test func overallCountsOfEachScheme() {
        let scores = EntityScorer().score(gold: [gold], predicted: [predicted])
        // strict: only the first is right; the three overlapping ones are incorrect.
        #expect(counts(scores.overall(.strict)) == [1, 3, 0, 1, 1, 5, 5])
        #expect(scores.overall(.strict).precision == 0.2)
        // exact: the same span with another type is correct now.
        #expect(counts(scores.overall(.exact)) == [2, 2, 0, 1, 1, 5, 5])
        #expect(abs(scores.overall(.exact).f1 - 0.4) < 1e-12)
        // partial: the two short spans are partial, at half credit: (2 + 0.5·2) / 5.
        #expect(counts(scores.overall(.partial)) == [2, 0, 2, 1, 1, 5, 5])
        #expect(abs(scores.overall(.partial).precision - 0.6) < 1e-12)
        #expect(abs(scores.overall(.partial).recall - 0.6) < 1e-12)
        // ent_type: overlap with the same type is correct (ORG 20–23), other types incorrect.
        #expect(counts(scores.overall(.entType)) == [2, 2, 0, 1, 1, 5, 5])
    }

    @Test func perTypeScoresEachTypeOnItsOwn() {
        let scores = EntityScorer().score(gold: [gold], predicted: [predicted])
        #expect(Set(scores.byType.keys) == ["PERSON", "PLACE", "ORG", "TITLE", "PARTY"])
        // PERSON alone: 0–5 correct; 30–33 overlaps no PERSON gold, so spurious (overall it was incorrect).
        let person = scores.byType["PERSON"]!["strict"]!
        #expect(counts(person) == [1, 0, 0, 0, 1, 1, 2])
        #expect(abs(person.f1 - 2.0 / 3.0) < 1e-12)
        // ORG alone under partial: 10–15 spurious, 20–23 partial: P = 0.5/2, R = 0.5/1, F1 = 1/3.
        let org = scores.byType["ORG"]!["partial"]!
        #expect(counts(org) == [0, 0, 1, 0, 1, 1, 2])
        #expect(abs(org.f1 - 1.0 / 3.0) < 1e-12)
        // Macro strict: only PERSON scores: P = 0.5/5, R = 1/5, F1 = (2/3)/5.
        let macro = scores.macro["strict"]!
        #expect(abs(macro.precision - 0.1) < 1e-12)
        #expect(abs(macro.recall - 0.2) < 1e-12)
        #expect(abs(macro.f1 - 2.0 / 15.0) < 1e-12)
    }

    @Test func countsAddUpOverDocuments() {
        let scores = EntityScorer().score(gold: [[entity(0, 3, "PLACE")], [entity(0, 3, "PLACE")], []],
                                          predicted: [[entity(0, 3, "PLACE")], [], [entity(5, 6, "PLACE")]])
        let s = scores.overall(.strict)
        #expect(counts(s) == [1, 0, 0, 1, 1, 2, 2])
        #expect(s.f1 == 0.5)
    }

    @Test func predictionsAreMatchedGreedilyInOrder() {
        // The short prediction comes first and takes the gold entity as incorrect; the exact one after it
        // finds it taken and is spurious. In the other order the exact one is correct.
        let g = [entity(0, 10, "PERSON")]
        let shortFirst = EntityScorer().score(gold: [g], predicted: [[entity(0, 5, "PERSON"), entity(0, 10, "PERSON")]])
        #expect(counts(shortFirst.overall(.strict)) == [0, 1, 0, 0, 1, 1, 2])
        let exactFirst = EntityScorer().score(gold: [g], predicted: [[entity(0, 10, "PERSON"), entity(0, 5, "PERSON")]])
        #expect(counts(exactFirst.overall(.strict)) == [1, 0, 0, 0, 1, 1, 2])
    }

    @Test func entTypePrefersTheClosestBoundaries() {
        // The prediction overlaps both PERSONs; 10–19 is closer (distance 1) than 0–9 (distance 9),
        // so 10–19 is taken and 0–9 is missed.
        let scores = EntityScorer().score(gold: [[entity(0, 10, "PERSON"), entity(10, 20, "PERSON")]],
                                          predicted: [[entity(9, 20, "PERSON")]])
        #expect(counts(scores.overall(.entType)) == [1, 0, 0, 1, 0, 2, 1])
        // strict takes the first overlapping gold instead: incorrect, and 10–19 is missed.
        #expect(counts(scores.overall(.strict)) == [0, 1, 0, 1, 0, 2, 1])
    }

    @Test func anOverlapMustCoverOnePercentOfTheGoldSpan() {
        // One code point of a 200-long entity is 0.5 %: no overlap, so spurious and missed.
        let long = EntityScorer().score(gold: [[entity(0, 200, "ORG")]], predicted: [[entity(199, 201, "ORG")]])
        #expect(counts(long.overall(.partial)) == [0, 0, 0, 1, 1, 1, 1])
        // One of 100 is 1 %: enough.
        let hundred = EntityScorer().score(gold: [[entity(0, 100, "ORG")]], predicted: [[entity(99, 101, "ORG")]])
        #expect(counts(hundred.overall(.partial)) == [0, 0, 1, 0, 0, 1, 1])
    }

    @Test func typesOutsideTheListAreIgnored() {
        let scores = EntityScorer().score(gold: [[entity(0, 3, "PLACE")]], predicted: [[entity(0, 3, "MISC"), entity(0, 3, "PLACE")]])
        #expect(counts(scores.overall(.strict)) == [1, 0, 0, 0, 0, 1, 1])
        #expect(scores.byType["MISC"] == nil)
    }

    @Test func nothingToScoreGivesZeros() {
        let scores = EntityScorer().score(gold: [[]], predicted: [[]])
        #expect(scores.overall(.strict).f1 == 0)
        #expect(scores.byType.isEmpty)
        #expect(scores.macro.isEmpty)
    }
}
