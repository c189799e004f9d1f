import Foundation
import Rasid
import Testing
@testable import RasidReport

@Suite struct ReaderTests {
    @Test func readsDocumentsAndSkipsErrorRecordsWithWarnings() {
        let found = """
        {"id": "a", "text": "😀 حزب الوفد", "source_url": "http://x/1", "meta": {"n": 1}, "entities": [{"start": 2, "end": 11, "type": "PARTY", "text": "حزب الوفد", "canonical": "حزب الوفد", "source": "gazetteers/party/p.lst:3", "id": "eg-wafd", "rank": 2}], "relations": []}
        {"id": "b", "error": {"line": 2, "message": "not a JSON object"}}
        not json

        {"id": 7, "text": "مصر", "entities": [{"start": 0, "end": 9, "type": "PLACE", "text": "مصر"}, {"start": 0, "end": 3, "type": "PLACE", "text": "مصر"}], "relations": [{"type": "secretary_of", "person": "س", "org": "حزب", "evidence": {"start": 0, "end": 3, "trigger_start": 1, "trigger_end": 2}}, {"type": "secretary_of"}]}
        """
        var warnings: [String] = []
        let documents = FoundReader.read(Data(found.utf8), file: "f.jsonl") { warnings.append($0) }
        #expect(documents.map(\.id) == ["a", "7"])
        #expect(documents.map(\.line) == [1, 5])
        let wafd = documents[0].entities[0]
        #expect(wafd.start == 2 && wafd.end == 11 && wafd.source == "gazetteers/party/p.lst:3")
        #expect(wafd.features == ["id": "eg-wafd", "rank": "2"])
        #expect(wafd.featuresJSON == #"{"id":"eg-wafd","rank":"2"}"#)
        #expect(documents[0].fieldsJSON == #"{"meta":{"n":1},"source_url":"http://x/1"}"#)
        #expect(documents[1].fieldsJSON == nil)
        // The entity reaching past the text is dropped; the one inside is kept.
        #expect(documents[1].entities.map(\.end) == [3])
        #expect(documents[1].relations.count == 1)
        #expect(documents[1].relations[0].evidence == 0..<3)
        #expect(documents[1].relations[0].trigger == 1..<2)
        #expect(warnings.count == 4)
        #expect(warnings[0] == "f.jsonl:2: error record for document b (not a JSON object); skipped")
        #expect(warnings[1] == "f.jsonl:3: not a JSON object; skipped")
        #expect(warnings[2].hasPrefix("f.jsonl:5: entity 1 [0, 9) lies outside the text (3 code points)"))
        #expect(warnings[3] == "f.jsonl:5: relation 2 has no type, person or org; skipped")
    }

    @Test func readsWhatExtractWrites() {
        let documents = extract([inputLine("n1", "شهد الاجتماع حضور الدكتور سعيد عبدالعزيز عثمان، أمين المحافظة بحزب مستقبل وطن الإسكندرية")])
        #expect(documents.count == 1)
        let types = documents[0].entities.map(\.type)
        #expect(types.contains("TITLE") && types.contains("PARTY") && types.contains("PLACE"))
        let title = documents[0].entities.first { $0.type == "TITLE" }
        #expect(title?.text == "الدكتور")
        #expect(title?.features["category"] == "doctor")
        #expect(title?.source.hasPrefix("gazetteers/title/") == true)
    }
}
