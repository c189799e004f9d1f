import Foundation
import GRDB
import Rasid
import Testing
@testable import RasidReport

@Suite struct ExportTests {
    static let articles = [
        inputLine("giza", "قال أمين المحافظة بحزب حماة الوطن بالجيزة، المهندس الاستشاري عبد الناصر يوسف الفخراني، إن الحزب يستعد لتنظيم قوافل.\nوأوضح الفخراني، خلال لقائه أعضاء الحزب بمركز البدرشين، أن القوافل تبدأ بالتنسيق مع أمين مركز البدرشين ربيع عبد التواب حسونة وأمينة التنظيم بالمحافظة الدكتورة سماح فكري الشاذلي."),
        inputLine("wafd", "أعلن حزب الوفد برئاسة الدكتور منير عبد القوي الشربيني عن مبادرة جديدة."),
    ]

    @Test func secretariesOfAPartyByPlaceFromSQLite() throws {
        let documents = extract(Self.articles)
        let path = try temporaryFolder().appendingPathComponent("found.db").path
        let counts = try SQLiteExporter.export(documents, to: path)
        #expect(counts.documents == 2)
        #expect(counts.entities == documents.reduce(0) { $0 + $1.entities.count })

        let db = try DatabaseQueue(path: path)
        let rows = try db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT place, person, role FROM relations
                WHERE type = 'secretary_of' AND party = ? ORDER BY place, person
                """, arguments: ["حزب حماة الوطن"])
        }
        let found = rows.map { [$0["place"] as String?, $0["person"] as String?, $0["role"] as String?] }
        #expect(found == [
            ["البدرشين", "ربيع عبد التواب حسونة", "أمين"],
            ["الجيزة", "سماح فكري الشاذلي", "أمينة التنظيم"],
            ["الجيزة", "عبد الناصر يوسف الفخراني", "أمين المحافظة"],
        ])
        try db.read { db in
            // Entities keep their spans, types and features.
            let title = try Row.fetchOne(db, sql: """
                SELECT "start", "end", text, json_extract(features, '$.category') AS category FROM entities
                WHERE document_id = 'giza' AND type = 'TITLE' ORDER BY "start" LIMIT 1
                """)
            #expect(title?["text"] as String? == "المهندس الاستشاري")
            #expect(title?["category"] as String? == "engineer")
            #expect(title?["start"] as Int? == 43 && title?["end"] as Int? == 60)
            // Relations keep their evidence; documents their text.
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM relations WHERE evidence_start IS NULL") == 0)
            #expect(try String.fetchOne(db, sql: "SELECT text FROM documents WHERE id = 'wafd'")?.hasPrefix("أعلن حزب الوفد") == true)
            let indexes = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name")
            #expect(Set(["entities_type", "relations_party", "relations_org", "relations_person"]).isSubset(of: indexes))
            // The party index serves the query above.
            let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM relations WHERE party = 'x'")
                .map { $0["detail"] as String? ?? "" }.joined()
            #expect(plan.contains("relations_party"))
        }
    }

    @Test func exportReplacesAnExistingDatabase() throws {
        let path = try temporaryFolder().appendingPathComponent("again.db").path
        let documents = extract(Self.articles)
        try SQLiteExporter.export(documents, to: path)
        try SQLiteExporter.export(Array(documents.prefix(1)), to: path)
        let count = try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM documents") }
        #expect(count == 1)
    }

    @Test func csvFieldsAreQuotedPerRFC4180() {
        #expect(CSVExporter.field("حزب الوفد") == "حزب الوفد")
        #expect(CSVExporter.field("a,b") == "\"a,b\"")
        #expect(CSVExporter.field("say \"x\"") == "\"say \"\"x\"\"\"")
        #expect(CSVExporter.field("two\nlines") == "\"two\nlines\"")
        #expect(CSVExporter.field("cr\r") == "\"cr\r\"")
        #expect(CSVExporter.record([.text("a"), .integer(-3), .null, .text("x,y")]) == "a,-3,,\"x,y\"\r\n")
    }

    @Test func csvFilesHoldTheSameRows() throws {
        let documents = extract(Self.articles)
        let folder = try temporaryFolder().appendingPathComponent("csv")
        try CSVExporter(byteOrderMark: true).export(documents, to: folder.path)
        let relations = try Data(contentsOf: folder.appendingPathComponent("relations.csv"))
        #expect(Array(relations.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: relations.dropFirst(3), as: UTF8.self)
        let records = text.components(separatedBy: "\r\n")
        #expect(records.first == "document_id,type,person,org,role,party,place,source,evidence_start,evidence_end,trigger_start,trigger_end")
        #expect(records.last == "")
        #expect(records.count - 2 == documents.reduce(0) { $0 + $1.relations.count })
        #expect(records.contains { $0.hasPrefix("giza,secretary_of,ربيع عبد التواب حسونة,حزب حماة الوطن,أمين,حزب حماة الوطن,البدرشين,") })
        // The documents' texts hold a newline and commas: quoted, so one record per document.
        let docs = String(decoding: try Data(contentsOf: folder.appendingPathComponent("documents.csv")).dropFirst(3), as: UTF8.self)
        #expect(docs.hasPrefix("id,line,text,fields\r\ngiza,1,\"قال أمين"))
        #expect(docs.components(separatedBy: "\r\n").count == 4)
        let entities = String(decoding: try Data(contentsOf: folder.appendingPathComponent("entities.csv")).dropFirst(3), as: UTF8.self)
        #expect(entities.contains(#"giza,43,60,TITLE,المهندس الاستشاري,المهندس الاستشاري,gazetteers/title/titles.lst:"#))
        // Features are a JSON object in one quoted field, its quotes doubled.
        #expect(entities.contains(#","{""category"":""engineer""}""# + "\r\n"))
    }
}
