import Testing
@testable import RasidEvaluation

@Suite struct RelationScorerTests {
    @Test func pairsMatchAfterNormalisationAsMultisets() {
        let gold = [
            AnnotatedRelation(type: "secretary_of", person: "محمد أحمد", org: "أمانة الإسكان", role: "أمين", party: "حزب مستقبل وطن"),
            AnnotatedRelation(type: "secretary_of", person: "سعيد", org: "حزب الوفد"),
        ]
        let predicted = [
            // Spaces, hamza and taa marbuta differ; the comparison key is the same.
            AnnotatedRelation(type: "secretary_of", person: "محمد  احمد", org: "امانه الاسكان", role: "أمين"),
            AnnotatedRelation(type: "secretary_of", person: "سعيد", org: "حزب الوفد"),
            // A second prediction of the same pair: the gold pair is used up.
            AnnotatedRelation(type: "secretary_of", person: "سعيد", org: "حزب الوفد"),
        ]
        let s = RelationScorer.score(gold: [gold], predicted: [predicted])
        #expect(s.gold == 2)
        #expect(s.predicted == 3)
        #expect(s.matched == 2)
        #expect(abs(s.precision - 2.0 / 3.0) < 1e-12)
        #expect(s.recall == 1)
        #expect(abs(s.f1 - 0.8) < 1e-12)
        // role agrees on the first pair and is missing on both in the second; party is missing in one prediction.
        #expect(s.attributes["role"] == AttributeAccuracy(correct: 2, total: 2, accuracy: 1))
        #expect(s.attributes["party"] == AttributeAccuracy(correct: 1, total: 2, accuracy: 0.5))
        #expect(s.attributes["place"]?.correct == 2)
    }

    @Test func pairsAreMatchedWithinADocumentOnly() {
        let r = AnnotatedRelation(type: "secretary_of", person: "سعيد", org: "حزب الوفد")
        let s = RelationScorer.score(gold: [[r], []], predicted: [[], [r]])
        #expect(s.matched == 0)
        #expect(s.f1 == 0)
    }

    @Test func onlyTheScoredTypeCounts() {
        let secretary = AnnotatedRelation(type: "secretary_of", person: "سعيد", org: "حزب الوفد")
        let head = AnnotatedRelation(type: "head_of", person: "محمد", org: "حزب الوفد")
        let s = RelationScorer.score(gold: [[secretary]], predicted: [[secretary, head]])
        #expect(s.predicted == 1)
        #expect(s.precision == 1)
        let heads = RelationScorer.score(gold: [[secretary]], predicted: [[secretary, head]], type: "head_of")
        #expect(heads.gold == 0)
        #expect(heads.predicted == 1)
        #expect(heads.precision == 0)
    }
}

extension AttributeAccuracy {
    init(correct: Int, total: Int, accuracy: Double) {
        self.init()
        self.correct = correct
        self.total = total
        self.accuracy = accuracy
    }
}
