import Foundation
import Testing

@Suite struct ExtractCommandTests {
    /// The annotated seed article: every TITLE, PARTY and PLACE that gold marks is found with its exact span.
    @Test func seedArticleTitlesPartiesAndPlacesWithExactSpans() throws {
        let dev = RasidBinary.repository.appendingPathComponent("eval/dev.jsonl")
        let seedLine = try #require(String(contentsOf: dev, encoding: .utf8).split(separator: "\n")
            .first { $0.contains("\"seed-alexandria-front\"") })
        let gold = try #require(try JSONSerialization.jsonObject(with: Data(seedLine.utf8)) as? [String: Any])
        let result = try RasidBinary.run(["extract", "-"], stdin: Data((seedLine + "\n").utf8))
        #expect(result.status == 0)
        let found = try #require(result.lines.first?["entities"] as? [[String: Any]])
        func spans(_ list: [[String: Any]], _ types: Set<String>) -> Set<String> {
            Set(list.compactMap { e in
                guard let type = e["type"] as? String, types.contains(type) else { return nil }
                return "\(type) \(e["start"]!) \(e["end"]!) \(e["text"]!)"
            })
        }
        let goldEntities = try #require(gold["entities"] as? [[String: Any]])
        let wanted = spans(goldEntities, ["TITLE", "PARTY", "PLACE"])
        #expect(wanted.count >= 20)
        #expect(wanted.subtracting(spans(found, ["TITLE", "PARTY", "PLACE"])).isEmpty)
        // Every reported span is exactly the text it claims, in code points.
        let text = try #require(gold["text"] as? String)
        let scalars = Array(text.unicodeScalars)
        for e in found {
            let s = e["start"] as! Int, t = e["end"] as! Int
            #expect(String(String.UnicodeScalarView(scalars[s..<t])) == e["text"] as! String)
        }
    }

    @Test func oneOutputLinePerInputLineWithFieldsPassedThroughAndErrorRecords() throws {
        let input = """
        {"id": "a", "text": "زار حزب الوفد القاهرة", "meta": {"n": [1, 2.50, true, null]}, "entities": [1]}
        not json
        {"id": 7, "title": "no text"}
        {"id": "d", "text": 42}

        {"text": "مصر", "z": "\\u0645"}
        """
        let file = try RasidBinary.temporaryFile(input)
        let result = try RasidBinary.run(["extract", file.path])
        #expect(result.status == 3)
        let raw = String(decoding: result.stdout, as: UTF8.self).split(separator: "\n")
        #expect(raw.count == 5)
        // Unknown fields keep their exact bytes; the input's own "entities" is replaced.
        #expect(raw[0].contains(#""meta": {"n": [1, 2.50, true, null]}"#))
        #expect(!raw[0].contains(#""entities": [1]"#))
        let lines = result.lines
        #expect((lines[0]["entities"] as? [[String: Any]])?.map { $0["text"] as! String } == ["حزب الوفد", "القاهرة"])
        #expect((lines[1]["error"] as? [String: Any])?["line"] as? Int == 2)
        #expect(lines[2]["id"] as? Int == 7)
        #expect(((lines[2]["error"] as? [String: Any])?["message"] as? String)?.contains("text") == true)
        #expect((lines[3]["error"] as? [String: Any])?["line"] as? Int == 4)
        #expect(lines[4]["id"] as? String == "6")
        #expect(raw[4].contains(#""z": "\u0645""#))
        #expect(result.stderr.contains(":2: not a JSON object"))
        #expect(result.stderr.contains("5 documents, 3 failed"))
    }

    @Test func plainTextOneDocumentPerLine() throws {
        let result = try RasidBinary.run(["extract", "--format", "text", "-"], stdin: Data("حزب الوفد\n\nبالإسكندرية\n".utf8))
        #expect(result.status == 0)
        let lines = result.lines
        #expect(lines.map { $0["id"] as? String } == ["1", "2", "3"])
        let third = try #require(lines[2]["entities"] as? [[String: Any]])
        #expect(third.first?["text"] as? String == "الإسكندرية")
        #expect(third.first?["start"] as? Int == 1)
    }

    @Test func userGazetteersExtendAndBadLinesAreReportedWithFileAndLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rasid-gaz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("person"), withIntermediateDirectories: true)
        try "علاء زيادة\n".write(to: dir.appendingPathComponent("person/mine.lst"), atomically: true, encoding: .utf8)
        let ok = try RasidBinary.run(["extract", "--format", "text", "--gazetteers", dir.path, "-"],
                                     stdin: Data("يختار علاء زيادة أمينا مساعدا\n".utf8))
        let entities = try #require(ok.lines.first?["entities"] as? [[String: Any]])
        #expect(entities.contains { $0["type"] as? String == "PERSON" && $0["text"] as? String == "علاء زيادة" && ($0["source"] as? String)?.hasSuffix("person/mine.lst:1") == true })

        try "مصر\tbroken\n".write(to: dir.appendingPathComponent("person/bad.lst"), atomically: true, encoding: .utf8)
        let bad = try RasidBinary.run(["extract", "--gazetteers", dir.path, "-"], stdin: Data())
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("person/bad.lst:1: feature 'broken' is not key=value"))

        let missing = try RasidBinary.run(["extract", "--gazetteers", "/no/such/folder", "-"], stdin: Data())
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("/no/such/folder"))
    }

    @Test func findsItsBundledDataFromAnyFolder() throws {
        let result = try RasidBinary.run(["extract", "--format", "text", "-"], stdin: Data("بالإسكندرية\n".utf8),
                                         cwd: FileManager.default.temporaryDirectory)
        #expect(result.status == 0)
        #expect((result.lines.first?["entities"] as? [[String: Any]])?.first?["type"] as? String == "PLACE")
    }

    @Test func outputIsByteIdenticalForAnyNumberOfJobs() throws {
        let dev = RasidBinary.repository.appendingPathComponent("eval/dev.jsonl")
        let one = try RasidBinary.run(["extract", "--jobs", "1", dev.path])
        let three = try RasidBinary.run(["extract", "--jobs", "3", dev.path])
        #expect(one.status == 0)
        #expect(one.stdout.count > 1000)
        #expect(one.stdout == three.stdout)
    }
}
