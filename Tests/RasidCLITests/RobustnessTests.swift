import Foundation
import Testing

/// Issue 7 through the `rasid` binary, as a user meets it: hostile input files, bad data folders,
/// the same output for any number of jobs.
@Suite struct CLIRobustnessTests {
    static let party = "حزب الوفد"

    /// JSON Lines with every kind of hostile line; `expected` is what each output line must be
    /// (`nil`: a document; a string: an error record whose message contains it).
    static func hostileInput() -> (bytes: [UInt8], expected: [String?]) {
        var lines: [([UInt8], String?)] = []
        func json(_ object: [String: Any]) -> [UInt8] { Array(try! JSONSerialization.data(withJSONObject: object)) }
        lines.append((json(["id": "ok", "text": "رئيس \(party) الدكتور سعيد بالإسكندرية"]), nil))
        lines.append((Array("not json at all".utf8), "not a JSON object"))
        lines.append((Array(#"{"id": "no-text", "title": "x"}"#.utf8), "no \"text\" field"))
        lines.append((Array(#"{"id": "number", "text": 42}"#.utf8), "not a string"))
        lines.append((Array(#"{"id": "utf8", "text": "\#(party) "#.utf8) + [0xFF, 0xC3] + Array(#""}"#.utf8), nil))
        lines.append((Array((#"{"id": "deep", "x": "# + String(repeating: "[", count: 50_000) + #"], "text": "x"}"#).utf8), "nested deeper"))
        lines.append((json(["id": "too-large", "text": String(repeating: "ب", count: 600_000)]), "larger than the limit of 1000000"))
        lines.append((json(["id": "long-token", "text": String(repeating: "ب", count: 300_000) + " " + party]), nil))
        lines.append((json(["id": "marks", "text": "حزب" + String(repeating: "\u{0651}", count: 10_000) + " الوفد"]), nil))
        lines.append((json(["id": "nul", "text": "\u{0}\(party)\u{0}"]), nil))
        lines.append((json(["id": "bidi", "text": "\u{202B}\(party)\u{202C}\u{200F} \u{2067}الإسكندرية\u{2069}"]), nil))
        lines.append((json(["id": "presentation", "text": "ﺣﺰﺏ ﺍﻟﻮﻓﺪ ﷽ ﻻ"]), nil))
        lines.append((json(["id": "emoji", "text": "👨‍👩‍👧‍👦 \(party) 🏳️‍🌈 " + String(repeating: "🇪🇬", count: 5000)]), nil))
        lines.append((Array(#"{"id": "surrogate", "text": "\ud800\#(party)"}"#.utf8), nil))
        lines.append((Array("{\"id\": \"control\", \"text\": \"a\tb\"}".utf8), "control character"))
        return (Array(lines.map(\.0).joined(separator: [0x0A])) + [0x0A], lines.map(\.1))
    }

    @Test func everyHostileLineGivesOneRecordInOrderAndTheSummaryCountsFailures() throws {
        let (bytes, expected) = Self.hostileInput()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rasid-hostile-\(UUID().uuidString).jsonl")
        try Data(bytes).write(to: file)
        let result = try RasidBinary.run(["extract", "--jobs", "2", "--max-document-bytes", "1000000", file.path])
        let failures = expected.filter { $0 != nil }.count
        #expect(result.status == 3)
        #expect(result.stderr.contains("rasid: \(expected.count) documents, \(failures) failed, 2 warnings"))
        #expect(String(validating: [UInt8](result.stdout), as: UTF8.self) != nil, "output is valid UTF-8")
        let raw = result.stdout.split(separator: 0x0A)
        #expect(raw.count == expected.count)
        for (n, (line, want)) in zip(raw, expected).enumerated() {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any], "line \(n + 1)")
            if let want {
                let error = try #require(record["error"] as? [String: Any], "line \(n + 1)")
                #expect(error["line"] as? Int == n + 1)
                #expect((error["message"] as? String)?.contains(want) == true, "line \(n + 1): \(error)")
                #expect(result.stderr.contains("\(file.path):\(n + 1): "))
            } else {
                let text = try #require(record["text"] as? String, "line \(n + 1)")
                let scalars = Array(text.unicodeScalars)
                let entities = try #require(record["entities"] as? [[String: Any]])
                #expect(entities.contains { ($0["text"] as? String)?.hasPrefix("ح") == true && $0["type"] as? String == "PARTY" }
                        || record["id"] as? String == "presentation", "line \(n + 1): the party is found")
                for e in entities {
                    let start = try #require(e["start"] as? Int), end = try #require(e["end"] as? Int)
                    #expect(0 <= start && start < end && end <= scalars.count)
                    #expect(String(String.UnicodeScalarView(scalars[start..<end])) == e["text"] as? String, "line \(n + 1)")
                }
            }
        }
        // The invalid UTF-8 and the lone surrogate are replaced, with a warning naming the line.
        #expect(result.stderr.contains("\(file.path):5: document \"utf8\": 2 invalid UTF-8 sequence(s) replaced by U+FFFD"))
        #expect(result.stderr.contains("\(file.path):14: document \"surrogate\": 1 invalid UTF-8 sequence(s) replaced by U+FFFD"))
    }

    @Test func anOverlongLineOnStandardInputIsRejectedAndTheRunGoesOn() throws {
        var input = Data("{\"id\": \"big\", \"text\": \"".utf8) + Data(repeating: 0x61, count: 3_000_000) + Data("\"}\n".utf8)
        input += Data("{\"id\": \"next\", \"text\": \"\(Self.party)\"}\n".utf8)
        let result = try RasidBinary.run(["extract", "--max-document-bytes", "4096", "-"], stdin: input)
        #expect(result.status == 3)
        let lines = result.lines
        #expect(lines.count == 2)
        #expect(((lines[0]["error"] as? [String: Any])?["message"] as? String) == "document of 3000025 bytes is larger than the limit of 4096")
        #expect(lines[1]["id"] as? String == "next")
        #expect(result.stderr.contains("2 documents, 1 failed, 0 warnings"))
    }

    @Test func plainTextWithInvalidUTF8IsAWarningNotAFailure() throws {
        var input = Data("حزب الوفد ".utf8) + Data([0xFE]) + Data("\n\u{0}\n".utf8)
        input += Data(String(repeating: "ب", count: 300_000).utf8)
        let result = try RasidBinary.run(["extract", "--format", "text", "-"], stdin: input)
        #expect(result.status == 0)
        let lines = result.lines
        #expect(lines.map { $0["id"] as? String } == ["1", "2", "3"])
        #expect(lines[0]["text"] as? String == "حزب الوفد \u{FFFD}")
        #expect(result.stderr.contains("<stdin>:1: invalid UTF-8 replaced by U+FFFD"))
        #expect(result.stderr.contains("3 documents, 0 failed, 1 warnings"))
    }

    @Test func outputIsByteIdenticalForOneTwoFourAndEightJobsAndAcrossRuns() throws {
        let dev = try Data(contentsOf: RasidBinary.repository.appendingPathComponent("eval/dev.jsonl"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rasid-determinism-\(UUID().uuidString).jsonl")
        // Articles, hostile lines (error records, documents of 600 kB) and blank lines.
        try (dev + Data("\n \n".utf8) + Data(Self.hostileInput().bytes) + Data("\t\n".utf8) + dev).write(to: file)
        let one = try RasidBinary.run(["extract", "--jobs", "1", "--max-document-bytes", "1000000", file.path])
        #expect(one.status == 3)
        #expect(one.stdout.count > 10_000)
        for jobs in ["2", "4", "8", "4"] {
            let other = try RasidBinary.run(["extract", "--jobs", jobs, "--max-document-bytes", "1000000", file.path])
            #expect(other.stdout == one.stdout, "--jobs \(jobs)")
            #expect(other.stderr == one.stderr, "--jobs \(jobs)")
        }
    }

    @Test func malformedGazetteerFilesGiveFileAndLineAndExitStatusTwo() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rasid-badgaz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("person"), withIntermediateDirectories: true)
        var bytes = Data("علاء زيادة\n| x\n".utf8) + Data([0xFF, 0x0A]) + Data("مصر\tk-y=1\n#@ id = late\n".utf8)
        bytes += Data((0..<2000).map { UInt8(truncatingIfNeeded: $0 &* 37) })
        try bytes.write(to: dir.appendingPathComponent("person/bad.lst"))
        try Data("x\n".utf8).write(to: dir.appendingPathComponent("untyped.lst"))
        let result = try RasidBinary.run(["extract", "--gazetteers", dir.path, "-"], stdin: Data("x\n".utf8))
        #expect(result.status == 2)
        for place in ["person/bad.lst:2: empty form", "person/bad.lst:3: invalid UTF-8", "person/bad.lst:4: feature key 'k-y'",
                      "person/bad.lst:5: header", "untyped.lst:1: no type"] {
            #expect(result.stderr.contains(place), "\(place)")
        }
        #expect(result.stdout.isEmpty)
    }

    @Test func aMissingGazetteersFolderIsAClearError() throws {
        let result = try RasidBinary.run(["extract", "--gazetteers", "/no/such/rasid-folder", "-"], stdin: Data("x\n".utf8))
        #expect(result.status == 64)
        #expect(result.stderr.contains("--gazetteers /no/such/rasid-folder: no such folder"))
        #expect(result.stdout.isEmpty)
    }
}
