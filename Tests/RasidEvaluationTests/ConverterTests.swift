import Foundation
import Testing
@testable import RasidEvaluation

@Suite struct CoNLLTests {
    @Test func readsANERcorpStyleBIO() throws {
        let conll = """
        فرانكفورت B-LOC
        ( O
        أعلن O
        اتحاد B-ORG
        الصناعة I-ORG
        . O

        جون B-PERS
        سميث I-PERS
        في O
        كأس B-MISC
        العالم I-MISC

        """
        let result = try CoNLL.read(conll, file: "a.txt")
        #expect(result.documents.count == 2)
        let first = result.documents[0]
        #expect(first.text == "فرانكفورت ( أعلن اتحاد الصناعة .")
        #expect(first.entities == [AnnotatedEntity(start: 0, end: 9, type: "PLACE", text: "فرانكفورت"),
                                   AnnotatedEntity(start: 17, end: 30, type: "ORG", text: "اتحاد الصناعة")])
        #expect(result.documents[1].entities == [AnnotatedEntity(start: 0, end: 8, type: "PERSON", text: "جون سميث")])
        // MISC has no Rasid type.
        #expect(result.warnings.count == 1)
        #expect(GoldValidator.validate(result.documents, file: "a").isEmpty)
    }

    @Test func startsAnEntityAtAStrayIAndAtEachB() throws {
        let result = try CoNLL.read("a I-PERSON\nb B-PERSON\nc B-PERSON\nd I-PLACE\n", file: "x")
        #expect(result.documents[0].entities.map { [$0.start, $0.end] } == [[0, 1], [2, 3], [4, 5], [6, 7]])
    }

    @Test func rejectsBadTagsWithTheirLine() {
        #expect(throws: ConversionError("x", line: 2, "tag X-PERS is neither O nor B-TYPE/I-TYPE")) {
            try CoNLL.read("a O\nb X-PERS\n", file: "x")
        }
        #expect(throws: ConversionError("x", line: 1, "unknown entity label FOO")) {
            try CoNLL.read("a B-FOO\n", file: "x")
        }
    }

    @Test func writesTokensSplitAtPunctuationAndEntityBoundaries() {
        let text = "وقال المهندس السيد حسن، أمين بالإسكندرية."
        let doc = AnnotatedDocument(id: "d1", text: text, entities: [
            entity(5, 12, "TITLE", "المهندس"), entity(13, 22, "PERSON", "السيد حسن"), entity(30, 40, "PLACE", "الإسكندرية"),
        ])
        let (out, warnings) = CoNLL.write([doc])
        #expect(warnings.isEmpty)
        #expect(out == """
        # id = d1
        وقال O
        المهندس B-TITLE
        السيد B-PERSON
        حسن I-PERSON
        ، O
        أمين O
        ب O
        الإسكندرية B-PLACE
        . O


        """)
    }

    @Test func jsonlToCoNLLAndBackKeepsIdsAndEntities() throws {
        let docs = [
            AnnotatedDocument(id: "a", text: "قال أمين حزب الوفد بالجيزة، محمد علي:\nنعم.", entities: [
                entity(9, 18, "PARTY", "حزب الوفد"), entity(20, 26, "PLACE", "الجيزة"), entity(28, 36, "PERSON", "محمد علي"),
            ]),
            AnnotatedDocument(id: "b", text: "د. أحمد", entities: [entity(0, 2, "TITLE", "د."), entity(3, 7, "PERSON", "أحمد")]),
        ]
        #expect(GoldValidator.validate(docs, file: "t").isEmpty)
        let back = try CoNLL.read(CoNLL.write(docs).text, file: "t")
        #expect(back.documents.map(\.id) == ["a", "b"])
        for (original, converted) in zip(docs, back.documents) {
            // The text is rebuilt from tokens (spaces around punctuation), so compare type and comparison key.
            #expect(converted.entities.map { [$0.type, comparisonKey($0.text)] } == original.entities.map { [$0.type, comparisonKey($0.text)] })
            #expect(GoldValidator.validate([converted], file: "t").isEmpty)
        }
        #expect(back.documents[0].text.contains("\n"))
    }
}

@Suite struct StandoffAndExportTests {
    @Test func readsBratWithDiscontinuousSpansAndRelations() throws {
        let text = "Mohamed Ali, secretary of the Housing and Utilities Secretariat in Cairo."
        let ann = """
        T1\tPERS 0 11\tMohamed Ali
        T2\tORG 30 37;52 63\tHousing Secretariat
        T3\tLOC 67 72\tCairo
        T4\tMISC 13 22\tsecretary
        R1\tsecretary_of Arg1:T2 Arg2:T1
        R2\tsecretary_of Arg1:T4 Arg2:T1
        A1\tNegated T1
        #1\tAnnotatorNotes T1\tnote
        """
        let result = try Brat.read(text: text, annotations: ann, id: "doc", file: "doc.ann")
        let doc = result.documents[0]
        #expect(doc.entities == [
            AnnotatedEntity(start: 0, end: 11, type: "PERSON", text: "Mohamed Ali"),
            AnnotatedEntity(start: 30, end: 63, type: "ORG", text: "Housing and Utilities Secretariat"),
            AnnotatedEntity(start: 67, end: 72, type: "PLACE", text: "Cairo"),
        ])
        // Arg2 is the PERSON: it becomes the person whatever the order.
        #expect(doc.relations == [AnnotatedRelation(type: "secretary_of", person: "Mohamed Ali", org: "Housing and Utilities Secretariat")])
        #expect(result.warnings.contains { $0.hasPrefix("doc.ann:6:") })
    }

    // "😀" and the flag 🇪🇬 (two scalars) are two UTF-16 units per scalar: offsets after them differ.
    let emojiText = "😀 Ali met 🇪🇬 Cairo"
    let arabicText = "🙂 حسن أمين حزب الوفد"

    @Test func readsDoccanoInBothShapesWithUTF16Offsets() throws {
        let jsonl = """
        {"id": 7, "text": "\(emojiText)", "label": [[3, 6, "PER"], [16, 21, "LOC"]]}
        {"text": "\(arabicText)", "entities": [{"id": 1, "start_offset": 3, "end_offset": 6, "label": "PERSON"}, {"id": 2, "start_offset": 12, "end_offset": 21, "label": "PARTY"}], "relations": [{"from_id": 1, "to_id": 2, "type": "secretary_of"}]}
        """
        let result = try Doccano.read(Data(jsonl.utf8), file: "d.jsonl")
        #expect(result.documents.map(\.id) == ["7", "2"])
        #expect(result.documents[0].entities == [AnnotatedEntity(start: 2, end: 5, type: "PERSON", text: "Ali"),
                                                 AnnotatedEntity(start: 13, end: 18, type: "PLACE", text: "Cairo")])
        #expect(result.documents[1].entities == [AnnotatedEntity(start: 2, end: 5, type: "PERSON", text: "حسن"),
                                                 AnnotatedEntity(start: 11, end: 20, type: "PARTY", text: "حزب الوفد")])
        #expect(result.documents[1].relations == [AnnotatedRelation(type: "secretary_of", person: "حسن", org: "حزب الوفد")])
        #expect(GoldValidator.validate(result.documents, file: "d").isEmpty)
    }

    @Test func rejectsAnOffsetInsideASurrogatePair() {
        let jsonl = "{\"text\": \"\(emojiText)\", \"label\": [[1, 6, \"PER\"]]}"
        #expect(throws: ConversionError.self) { try Doccano.read(Data(jsonl.utf8), file: "d.jsonl") }
    }

    @Test func readsLabelStudioExports() throws {
        let json = """
        [{"id": 42, "data": {"text": "\(emojiText)"}, "annotations": [{"result": [
          {"id": "a", "type": "labels", "value": {"start": 3, "end": 6, "text": "Ali", "labels": ["PERSON"]}},
          {"id": "b", "type": "labels", "value": {"start": 16, "end": 21, "text": "Cairo", "labels": ["LOC"]}},
          {"type": "relation", "from_id": "b", "to_id": "a", "labels": []}
        ]}]}]
        """
        let result = try LabelStudio.read(Data(json.utf8), file: "ls.json")
        let doc = try #require(result.documents.first)
        #expect(doc.id == "42")
        #expect(doc.entities == [AnnotatedEntity(start: 2, end: 5, type: "PERSON", text: "Ali"),
                                 AnnotatedEntity(start: 13, end: 18, type: "PLACE", text: "Cairo")])
        #expect(doc.relations == [AnnotatedRelation(type: "secretary_of", person: "Ali", org: "Cairo")])
    }
}
