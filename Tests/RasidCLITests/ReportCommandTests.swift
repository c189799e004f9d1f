import Foundation
import Testing

/// `rasid render` and `rasid export` from `rasid extract`'s output, as a user runs them.
@Suite struct ReportCommandTests {
    static let input = """
    {"id": "n1", "text": "شهد الاجتماع حضور الدكتور سعيد عبدالعزيز عثمان، أمين المحافظة بحزب مستقبل وطن الإسكندرية", "url": "https://example.org/1"}
    not json
    {"id": "n2", "text": "قال أمين المحافظة بحزب حماة الوطن بالجيزة، المهندس الاستشاري عبد الناصر يوسف الفخراني، إن الحزب يستعد."}
    """

    /// `rasid extract` on the input: found JSON Lines with one error record.
    static func found() throws -> URL {
        let extracted = try RasidBinary.run(["extract", try RasidBinary.temporaryFile(input).path])
        #expect(extracted.status == 3)
        // Standard error is a pipe here: no progress line, only the error and the summary.
        #expect(!extracted.stderr.contains("\r") && !extracted.stderr.contains("documents ·"))
        return try RasidBinary.temporaryFile(String(decoding: extracted.stdout, as: UTF8.self))
    }

    @Test func renderWritesOneRightToLeftPageAndWarnsAboutErrorRecords() throws {
        let found = try Self.found()
        let page = found.deletingPathExtension().appendingPathExtension("html")
        let result = try RasidBinary.run(["render", found.path, "-o", page.path])
        #expect(result.status == 0)
        #expect(result.stderr.contains(":2: error record (not a JSON object"))
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"))
        #expect(html.contains("<bdi>n1</bdi>") && html.contains("<bdi>n2</bdi>"))
        #expect(html.contains("class=\"ent t-PARTY\" data-type=\"PARTY\""))
        #expect(html.contains("<tr class=\"relation\""))
    }

    @Test func exportWritesSQLiteAndCSV() throws {
        let found = try Self.found()
        let folder = found.deletingPathExtension()
        let db = folder.appendingPathExtension("db")
        let result = try RasidBinary.run(["export", found.path, "--sqlite", db.path, "--csv", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        // One warning for the error record, not one per output.
        #expect(result.stderr.components(separatedBy: "error record").count == 2)
        #expect(try Data(contentsOf: db).prefix(16) == Data("SQLite format 3\0".utf8))
        let documents = try String(contentsOf: folder.appendingPathComponent("documents.csv"), encoding: .utf8)
        #expect(documents.hasPrefix("id,line,text,fields\r\nn1,1,"))
        #expect(documents.contains(#""{""url"":""https://example.org/1""}""#))
        let relations = try String(contentsOf: folder.appendingPathComponent("relations.csv"), encoding: .utf8)
        #expect(relations.contains("n2,secretary_of,عبد الناصر يوسف الفخراني,حزب حماة الوطن,أمين المحافظة,حزب حماة الوطن,الجيزة,"))
    }

    @Test func exportNeedsAnOutput() throws {
        let result = try RasidBinary.run(["export", try Self.found().path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--sqlite FILE and/or --csv DIR"))
    }
}
