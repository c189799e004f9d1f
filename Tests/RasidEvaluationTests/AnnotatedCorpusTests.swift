import Foundation
import Rasid
import Testing
@testable import RasidEvaluation

@Suite struct AnnotatedCorpusTests {
    @Test func readsDocumentsAndSkipsBlankLines() throws {
        let jsonl = """
        {"id": "a", "text": "قال حسن", "entities": [{"start": 4, "end": 7, "type": "PERSON", "text": "حسن", "source": "x"}], "relations": [{"type": "secretary_of", "person": "حسن", "org": "أمانة", "role": "أمين"}]}

        {"id": 7, "text": "", "entities": []}
        """
        let docs = try AnnotatedCorpus.parse(Data(jsonl.utf8), file: "g.jsonl")
        #expect(docs.count == 2)
        #expect(docs[0].entities == [AnnotatedEntity(start: 4, end: 7, type: "PERSON", text: "حسن")])
        #expect(docs[0].relations.first?.role == "أمين")
        #expect(docs[0].relations.first?.party == nil)
        #expect(docs[1].id == "7")
        #expect(docs[1].line == 3)
    }

    @Test func reportsEveryBadLineWithFileAndLine() {
        let jsonl = """
        {"id": "a", "text": "x", "entities": []}
        not json
        {"id": "b", "text": "x", "entities": [{"start": 0.5, "end": 1, "type": "PERSON", "text": "x"}]}
        {"id": "c", "entities": []}
        """
        do {
            _ = try AnnotatedCorpus.parse(Data(jsonl.utf8), file: "g.jsonl")
            Issue.record("no error thrown")
        } catch let error as DataFileErrors {
            let lines = error.errors.map(\.description)
            #expect(lines.count == 3)
            #expect(lines[0].hasPrefix("g.jsonl:2: not valid JSON"))
            #expect(lines[1] == "g.jsonl:3: document b: entity 1: \"start\" is not an integer")
            #expect(lines[2] == "g.jsonl:4: document c: no \"text\"")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func predictionsNeedNeitherTextNorEntities() throws {
        let jsonl = """
        {"id": "a", "entities": [{"start": 0, "end": 1, "type": "PLACE"}]}
        {"id": "b", "error": {"line": 2, "message": "too large"}}
        """
        let docs = try AnnotatedCorpus.parse(Data(jsonl.utf8), file: "p.jsonl", requireText: false)
        #expect(docs.map(\.id) == ["a", "b"])
        #expect(docs[0].entities.count == 1)
        #expect(docs[1].entities.isEmpty)
    }

    @Test func jsonLineReadsBack() throws {
        let doc = AnnotatedDocument(id: "x\"1", text: "سطر\nآخر", entities: [entity(0, 3, "PLACE", "سطر")],
                                    relations: [AnnotatedRelation(type: "secretary_of", person: "أ", org: "ب", place: "ج")])
        let back = try AnnotatedCorpus.parse(Data(AnnotatedCorpus.jsonLines([doc]).utf8), file: "-")
        var expected = doc
        expected.line = 1
        #expect(back == [expected])
    }
}
