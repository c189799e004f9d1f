import Testing
@testable import RasidEvaluation

@Suite struct ErrorAnalysisTests {
    @Test func categorisesEachMissAndFalseAlarm() {
        let text = "قال المهندس السيد حسن أمين حزب الوفد في الجيزة اليوم"
        //          0   4       12    18  22   27  31   36 39     46
        let gold = AnnotatedDocument(id: "d", text: text, entities: [
            entity(4, 11, "TITLE", "المهندس"),
            entity(12, 21, "PERSON", "السيد حسن"),
            entity(27, 36, "PARTY", "حزب الوفد"),
            entity(40, 46, "PLACE", "الجيزة"),
        ])
        let predicted = [
            entity(4, 11, "TITLE"),    // right: not an error
            entity(18, 21, "PERSON"),  // boundary
            entity(31, 36, "PLACE"),   // type
            entity(47, 52, "PLACE"),   // spurious
        ]                              // الجيزة: missing
        let errors = ErrorAnalysis.errors(gold: gold, predicted: predicted)
        #expect(errors.map(\.category) == [.boundary, .type, .missing, .spurious])
        #expect(errors[0].gold?.start == 12 && errors[0].predicted?.start == 18)
        #expect(errors[1].gold?.type == "PARTY" && errors[1].predicted?.type == "PLACE")
        #expect(errors[2].predicted == nil)
        #expect(errors[3].gold == nil)
        // Context: 30 code points either side, the span in brackets.
        #expect(errors[2].context == "س السيد حسن أمين حزب الوفد في [الجيزة] اليوم")
        // A boundary error shows the union of both spans.
        #expect(errors[0].context == "قال المهندس [السيد حسن] أمين حزب الوفد في الجيزة اليو")
    }

    @Test func anExtraPredictionOverAFoundEntityIsStillReported() {
        let gold = AnnotatedDocument(id: "d", text: "abcdefghij", entities: [entity(0, 5, "ORG", "abcde")])
        let errors = ErrorAnalysis.errors(gold: gold, predicted: [entity(0, 5, "ORG"), entity(2, 5, "ORG")])
        #expect(errors.map(\.category) == [.boundary])
        #expect(errors[0].predicted?.start == 2)
    }
}
