import Testing
@testable import RasidEvaluation

@Suite struct GoldValidatorTests {
    @Test func acceptsValidGold() {
        // "😀" is one code point (two UTF-16 units): offsets after it count it once.
        let doc = AnnotatedDocument(id: "a", text: "😀 السيد حسن", entities: [entity(2, 7, "TITLE", "السيد"), entity(8, 11, "PERSON", "حسن")],
                                    relations: [AnnotatedRelation(type: "secretary_of", person: "حَسَن", org: "أمانة")], line: 1)
        #expect(GoldValidator.validate([doc], file: "g").isEmpty)
    }

    @Test func reportsEachKindOfProblem() {
        let text = "قال السيد حسن"
        let docs = [
            AnnotatedDocument(id: "a", text: text, entities: [
                entity(4, 9, "TITLE", "السيد"),
                entity(8, 13, "PERSON", "د حسن"),       // overlaps the title
                entity(10, 13, "PERSONNE", "حسن"),      // unknown type (and overlaps)
                entity(0, 3, "PLACE", "قول"),           // text differs from the slice
                entity(10, 20, "ORG", "x"),             // outside the text
            ], relations: [AnnotatedRelation(type: "secretary_of", person: "محمد", org: "أمانة")], line: 1),
            AnnotatedDocument(id: "a", text: "", line: 2),
        ]
        let problems = GoldValidator.validate(docs, file: "g.jsonl").map(\.description)
        #expect(problems.contains { $0.hasPrefix("g.jsonl:1:") && $0.contains("unknown type PERSONNE") })
        #expect(problems.contains { $0.hasPrefix("g.jsonl:1:") && $0.contains("entity 1 (4–9) and entity 2 (8–13) overlap") })
        #expect(problems.contains { $0.contains("text is \"قول\" but text[0:3] is \"قال\"") })
        #expect(problems.contains { $0.contains("entity 5") && $0.contains("outside the text") })
        #expect(problems.contains { $0.contains("person \"محمد\" is not the text of any PERSON entity") })
        #expect(problems.contains { $0 == "g.jsonl:2: document a: id already used on line 1" })
    }

    @Test func comparesSpanTextByScalarsNotByCanonicalEquivalence() {
        // "é" precomposed (1 scalar) against "e" + combining accent (2 scalars): equal as Strings, not as code points.
        let doc = AnnotatedDocument(id: "a", text: "Jos\u{E9}", entities: [entity(0, 4, "PERSON", "Jose\u{301}")])
        #expect(GoldValidator.validate([doc], file: "g").count == 1)
    }
}
