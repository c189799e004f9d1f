import Foundation
import Testing

@Suite struct ExplainCommandTests {
    @Test func traceShowsTokensHitsOverlapsAndRelations() throws {
        let text = "وقال المهندس الاستشاري السيد حسن، أمين أمانة شئون الإسكان بحزب مستقبل وطن بالإسكندرية"
        let result = try RasidBinary.run(["explain", text])
        #expect(result.status == 0)
        let out = String(decoding: result.stdout, as: UTF8.self)
        // The clitic split of a token, a gazetteer hit with its file:line and the proclitic it left out.
        #expect(out.contains("74–85\tبالإسكندرية\tبالاسكندريه\tword\tب+الاسكندريه"))
        #expect(out.contains("75–85\tالإسكندرية\tPLACE\tالإسكندرية\tgazetteers/place/egypt_governorates.lst:"))
        #expect(out.contains("(proclitic ب+)"))
        // The title السيد lost to the longer person under the overlap policy.
        #expect(out.contains("TITLE السيد [gazetteers/title/titles.lst:"))
        #expect(out.contains("lost to PERSON السيد حسن"))
        // The relation with its rule, sentence and trigger.
        #expect(out.contains("secretary_of(السيد حسن, أمانة شئون الإسكان) role=أمين"))
        #expect(out.contains("by secretary_after_person\tsentence 0–85\ttrigger 34–38"))
    }

    @Test func explainsADocumentOfAFileById() throws {
        let file = try RasidBinary.temporaryFile("{\"id\": \"a\", \"text\": \"مصر\"}\n{\"id\": 7, \"text\": \"حزب الوفد\"}\n")
        let result = try RasidBinary.run(["explain", "--doc", "7", file.path])
        #expect(result.status == 0)
        #expect(String(decoding: result.stdout, as: UTF8.self).contains("0–9\tPARTY\tحزب الوفد"))
        let missing = try RasidBinary.run(["explain", "--doc", "nope", file.path])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no document with id nope"))
    }
}
