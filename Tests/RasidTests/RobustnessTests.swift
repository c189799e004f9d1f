import Foundation
import Synchronization
import RasidTestSupport
import Testing
@testable import Rasid

/// Issue 7: hostile input, bounded resources, bad data files, determinism, at the library's entry
/// points (`PipelineWorker.process`, `BatchRunner`, `LineReader`, the gazetteer loader).
@Suite struct RobustnessTests {
    static let party = "حزب الوفد"
    /// A small pipeline (no bundled data): one party, one place, one title.
    static let pipeline: Pipeline = try! TestGazetteers.pipeline([
        "party/p.lst": "حزب الوفد\tid=wafd\n",
        "place/p.lst": "الإسكندرية\n",
        "title/t.lst": "الدكتور\n",
    ])

    /// One processed line, checked against the output contract: exactly one line, valid UTF-8,
    /// a JSON object; an error record names the line; otherwise every entity's `text` is the
    /// code-point slice of the output's `text`. Returns the record.
    @discardableResult
    static func processed(_ line: [UInt8], _ format: InputFormat = .jsonl, number: Int = 1,
                          maximumBytes: Int = 10 << 20) throws -> (record: [String: Any], outcome: RecordOutcome) {
        let outcome = try pipeline.makeWorker().process(line: line, lineNumber: number, format: format, file: "t",
                                                        maximumBytes: maximumBytes)
        let out = outcome.bytes
        #expect(out.last == 0x0A)
        #expect(out.dropLast().firstIndex(of: 0x0A) == nil, "one output line")
        #expect(String(validating: out, as: UTF8.self) != nil, "output is valid UTF-8")
        let record = try #require(try JSONSerialization.jsonObject(with: Data(out)) as? [String: Any])
        if outcome.error != nil {
            let error = try #require(record["error"] as? [String: Any])
            #expect(error["line"] as? Int == number)
        } else {
            let text = try #require(record["text"] as? String)
            let scalars = Array(text.unicodeScalars)
            for e in try #require(record["entities"] as? [[String: Any]]) {
                let start = try #require(e["start"] as? Int), end = try #require(e["end"] as? Int)
                #expect(0 <= start && start < end && end <= scalars.count)
                #expect(String(String.UnicodeScalarView(scalars[start..<end])) == e["text"] as? String)
            }
        }
        return (record, outcome)
    }

    static func jsonLine(_ text: String, id: String = "x") throws -> [UInt8] {
        Array(try JSONSerialization.data(withJSONObject: ["id": id, "text": text]))
    }

    static func entityTexts(_ record: [String: Any]) -> [String] {
        (record["entities"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
    }

    // MARK: Hostile lines: one record each, never a crash or a stall

    @Test func linesThatAreNotDocumentsBecomeErrorRecordsNamingTheLine() throws {
        let cases: [(String, String)] = [
            ("not json", "not a JSON object"),
            (#"{"id": 7, "title": "no text"}"#, "no \"text\""),
            (#"{"id": "d", "text": 42}"#, "not a string"),
            (#"{"id": "d", "text": ["حزب"]}"#, "not a string"),
            (#"{"id": "d", "text": null}"#, "not a string"),
            (#"["text", "x"]"#, "not a JSON object"),
            (#"{"text": "x""#, "not a JSON object"),
            ("{\"text\": \"x\"} \u{0}", "not a JSON object"),
        ]
        for (n, (line, message)) in cases.enumerated() {
            let (record, outcome) = try Self.processed(Array(line.utf8), number: n + 10)
            #expect(outcome.error?.contains(message) == true, "\(line): \(outcome.error ?? "no error")")
            #expect(outcome.error?.hasPrefix("t:\(n + 10): ") == true)
            #expect(record["entities"] == nil)
        }
        // The id, when the line has one, is kept in the error record.
        let (record, _) = try Self.processed(Array(#"{"id": 7, "title": "no text"}"#.utf8))
        #expect(record["id"] as? Int == 7)
    }

    /// Caught: a JSON line with invalid UTF-8 was copied to the output byte for byte, so the output
    /// was not valid UTF-8 (strict JSON readers refused it) and its `text` was not the text the
    /// offsets count in.
    @Test func invalidUTF8InAJSONLineIsReplacedInTheOutputWithAWarning() throws {
        var line = Array(#"{"id": "u", "note": "x"#.utf8) + [0xC3] + Array(#"", "text": ""#.utf8)
        line += [0xFF, 0xFE, 0x20] + Array(Self.party.utf8) + [0x20, 0xE2, 0x82] + Array(#""}"#.utf8)
        let (record, outcome) = try Self.processed(line)
        #expect(outcome.error == nil)
        #expect(record["text"] as? String == "\u{FFFD}\u{FFFD} \(Self.party) \u{FFFD}")
        #expect(record["note"] as? String == "x\u{FFFD}")
        #expect(Self.entityTexts(record) == [Self.party])
        #expect((record["entities"] as? [[String: Any]])?.first?["start"] as? Int == 3)
        #expect(outcome.warnings.count == 1)
        #expect(outcome.warnings.first?.contains("4 invalid UTF-8 sequence(s) replaced by U+FFFD") == true)
    }

    /// Caught: a lone surrogate escape in `text` became U+FFFD for matching but was passed through
    /// as `\ud800`, so readers saw another text than the offsets count in; and a high surrogate
    /// followed by something else was replaced without being counted in the warning.
    @Test func loneSurrogateEscapesInTextAreRewrittenAndCounted() throws {
        let line = Array(#"{"id": "s", "text": "\ud800 حزب الوفد \udc00x \ud83d\ude00"}"#.utf8)
        let (record, outcome) = try Self.processed(line)
        #expect(record["text"] as? String == "\u{FFFD} \(Self.party) \u{FFFD}x 😀")
        #expect(!String(decoding: outcome.bytes, as: UTF8.self).contains("\\ud800"))
        #expect(Self.entityTexts(record) == [Self.party])
        #expect(outcome.warnings.first?.contains("2 invalid UTF-8 sequence(s)") == true)
        // A text without such escapes keeps its exact bytes.
        let plain = Array(#"{"id": "p", "text": "\u062d\u0632\u0628 \"q\""}"#.utf8)
        #expect(String(decoding: try Self.processed(plain).outcome.bytes, as: UTF8.self)
            .contains(#""text": "\u062d\u0632\u0628 \"q\"""#))
    }

    /// Caught: members Rasid passes through untouched were accepted with raw control characters,
    /// invalid escapes or leading zeros, so the output line was invalid JSON.
    @Test(arguments: [
        "{\"id\": \"a\tb\", \"text\": \"x\"}",
        "{\"text\": \"x\u{1}y\"}",
        #"{"text": "x", "z": "\q"}"#,
        #"{"text": "x", "z": "\u12"}"#,
        #"{"text": "x", "z": "\u12G4"}"#,
        #"{"text": "x", "n": 012}"#,
        #"{"text": "x", "n": -01}"#,
    ])
    func malformedPassedThroughMembersAreErrorRecords(_ line: String) throws {
        let (record, outcome) = try Self.processed(Array(line.utf8))
        #expect(outcome.error?.contains("not a JSON object") == true)
        #expect(record["error"] != nil)
    }

    @Test func validNumbersAndEscapesStillPassThrough() throws {
        let line = #"{"text": "حزب الوفد", "n": [0, -0, 0.5, -0e1, 10, 1E+2], "s": "\/\b\f\n\r\t\"\\"}"#
        let (record, outcome) = try Self.processed(Array(line.utf8))
        #expect(outcome.error == nil)
        #expect(String(decoding: outcome.bytes, as: UTF8.self).contains(#""n": [0, -0, 0.5, -0e1, 10, 1E+2]"#))
        #expect(record["s"] as? String == "/\u{8}\u{C}\n\r\t\"\\")
    }

    @Test func deeplyNestedJSONIsAnErrorRecord() throws {
        for depth in [600, 200_000] {
            let line = #"{"x": "# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + #", "text": "x"}"#
            let (_, outcome) = try Self.processed(Array(line.utf8), number: 3)
            #expect(outcome.error?.contains("nested deeper than") == true)
        }
        // Nesting within the limit is fine and passes through.
        let ok = #"{"x": "# + String(repeating: "{\"a\":", count: 300) + "1" + String(repeating: "}", count: 300) + #", "text": "حزب الوفد"}"#
        let (record, outcome) = try Self.processed(Array(ok.utf8))
        #expect(outcome.error == nil)
        #expect(Self.entityTexts(record) == [Self.party])
    }

    @Test func aDocumentOverTheLimitIsAnErrorRecord() throws {
        let line = try Self.jsonLine(String(repeating: "ب", count: 600))
        let (_, outcome) = try Self.processed(line, maximumBytes: 1000)
        #expect(outcome.error?.contains("document of \(line.count) bytes is larger than the limit of 1000") == true)
        #expect(try Self.processed(line, maximumBytes: line.count).outcome.error == nil)
    }

    /// Texts that stress normalisation, tokenisation and matching. Each entry: the text, and the
    /// entities that must still be found (with the party or place spelt inside the hostile part).
    static let hostileTexts: [(name: String, text: String, found: [String])] = [
        ("a 300,000-letter token", String(repeating: "ب", count: 300_000) + " " + party, [party]),
        ("a 300,000-letter token of clitics", String(repeating: "وب", count: 150_000), []),
        ("10,000 combining marks", "حزب" + String(repeating: "\u{0651}", count: 10_000) + " الوفد", ["حزب" + String(repeating: "\u{0651}", count: 10_000) + " الوفد"]),
        ("10,000 combining marks on a Latin letter", "a" + String(repeating: "\u{0301}", count: 10_000) + " " + party, [party]),
        ("NULs", "\u{0}حزب الوفد\u{0}\u{0}ب\u{0}", [party]),
        ("bidi controls", "\u{202B}حزب\u{200F} الوفد\u{202C} \u{2067}الإسكندرية\u{2069}\u{200E}", ["حزب\u{200F} الوفد", "الإسكندرية"]),
        ("zero-width and BOM", "ح\u{200D}زب\u{FEFF} ال\u{200C}وفد", ["ح\u{200D}زب\u{FEFF} ال\u{200C}وفد"]),
        ("presentation forms", "ﺣﺰﺏ ﺍﻟﻮﻓﺪ ﷺ ﷽ ﻻ", ["ﺣﺰﺏ ﺍﻟﻮﻓﺪ"]),
        ("emoji and ZWJ sequences", "👨‍👩‍👧‍👦 حزب الوفد 🏳️‍🌈 🇪🇬", [party]),
        ("20,000 flags", String(repeating: "🇪🇬", count: 20_000) + " " + party, [party]),
        ("300,000 full stops", String(repeating: ".", count: 300_000), []),
        ("150,000 abbreviated titles", String(repeating: "د.", count: 150_000), []),
        ("20,000 repeated names", String(repeating: party + " ", count: 20_000), Array(repeating: party, count: 20_000)),
        ("lone surrogate-free private use and noncharacters", "\u{E000}\u{FFFF}\u{10FFFF} \(party)", [party]),
        ("every kind of space", "حزب\u{00A0}الوفد\u{2028}حزب\u{3000}الوفد", ["حزب\u{00A0}الوفد", "حزب\u{3000}الوفد"]),
    ]

    @Test(arguments: hostileTexts.indices)
    func hostileTextsCompleteWithExactSpansInBothFormats(_ k: Int) throws {
        let (name, text, found) = Self.hostileTexts[k]
        let (record, outcome) = try Self.processed(try Self.jsonLine(text, id: name))
        #expect(outcome.error == nil, "\(name)")
        #expect(record["text"] as? String == text, "\(name)")
        #expect(Self.entityTexts(record) == found, "\(name)")
        // The text format: the same text, when it holds no line break.
        if !text.contains("\u{2028}") {
            let (plain, _) = try Self.processed(Array(text.utf8), .text)
            #expect(plain["text"] as? String == text)
            #expect(Self.entityTexts(plain) == found, "\(name)")
        }
    }

    @Test func invalidUTF8InTheTextFormatIsReplacedWithAWarning() throws {
        let line: [UInt8] = [0xFF] + Array(" \(Self.party)".utf8) + [0xED, 0xA0, 0x80]
        let (record, outcome) = try Self.processed(line, .text)
        #expect(record["text"] as? String == "\u{FFFD} \(Self.party)\u{FFFD}\u{FFFD}\u{FFFD}")
        #expect(Self.entityTexts(record) == [Self.party])
        #expect(outcome.warnings.count == 1)
    }

    // MARK: Bounded reading

    static func temporaryFile(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rasid-robust-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        return url
    }

    /// Caught: a line was read whole into memory before its size was checked, so one huge line
    /// without a newline could exhaust memory; now the reader keeps only `maximumLineBytes + 1`.
    @Test func theLineReaderKeepsOnlyThePrefixOfAnOverlongLine() throws {
        let long = [UInt8](repeating: 0x61, count: 100_000)
        let file = try Self.temporaryFile(long + [0x0D, 0x0A] + Array("ok\r\n".utf8) + long)
        let reader = try LineReader(path: file.path, chunkSize: 7)
        reader.maximumLineBytes = 10
        let first = try #require(try reader.next())
        #expect(first.count == 11)
        #expect(reader.lastLineLength == 100_000)
        #expect(try reader.next() == Array("ok".utf8))
        #expect(reader.lastLineLength == 2)
        let last = try #require(try reader.next())
        #expect(last.count == 11)
        #expect(reader.lastLineLength == 100_000)
        #expect(try reader.next() == nil)
    }

    @Test func theLineReaderSplitsLinesAcrossChunks() throws {
        let text = "a\r\n\nbc\nd\u{0}e\r\nحزب\n\r\nlast"
        let file = try Self.temporaryFile(Array(text.utf8))
        for chunk in [1, 2, 3, 5, 1 << 20] {
            let reader = try LineReader(path: file.path, chunkSize: chunk)
            var lines: [String] = []
            while let line = try reader.next() { lines.append(String(decoding: line, as: UTF8.self)) }
            #expect(lines == ["a", "", "bc", "d\u{0}e", "حزب", "", "last"], "chunk \(chunk)")
        }
    }

    // MARK: The batch runner: nothing lost, bounded, deterministic

    static var hostileFile: [UInt8] {
        var lines: [[UInt8]] = []
        lines.append(Array(#"{"id": "a", "text": "رئيس حزب الوفد الدكتور سعيد بالإسكندرية"}"#.utf8))
        lines.append(Array("not json".utf8))
        lines.append(Array(#"{"id": "t", "text": 42}"#.utf8))
        lines.append(Array(#"{"id": "u", "text": "\#(party) "#.utf8) + [0xFF] + Array(#""}"#.utf8))
        lines.append(Array(#"{"id": "big", "text": "\#(String(repeating: "ب", count: 3000))"}"#.utf8))
        lines.append(Array(#"{"id": "n", "text": "\u0000\#(party)\u200f"}"#.utf8))
        for k in 0..<40 { lines.append(Array(#"{"id": \#(k), "text": "\#(k) في حزب الوفد و\#(String(repeating: "ﻻ", count: k))"}"#.utf8)) }
        return Array(lines.joined(separator: [0x0A])) + [0x0A]
    }

    static func run(_ input: URL, jobs: Int, inFlight: Int = 512, bytesInFlight: Int = 64 << 20, maximumBytes: Int = 10 << 20,
                    configure: (BatchRunner) -> Void = { _ in })
        throws -> (output: [UInt8], summary: BatchRunner.Summary, diagnostics: [String]) {
        let runner = try BatchRunner(pipeline: pipeline, jobs: jobs)
        runner.maximumDocumentsInFlight = inFlight
        runner.maximumBytesInFlight = bytesInFlight
        runner.maximumDocumentBytes = maximumBytes
        configure(runner)
        let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("rasid-robust-out-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        let handle = try FileHandle(forWritingTo: outURL)
        var diagnostics: [String] = []
        let summary = try runner.run(paths: [input.path], format: .jsonl, output: handle) { diagnostics.append($0) }
        try handle.close()
        return ([UInt8](try Data(contentsOf: outURL)), summary, diagnostics)
    }

    @Test func theRunnerWritesOneLinePerInputLineInOrderAndCountsFailures() throws {
        let input = try Self.temporaryFile(Self.hostileFile)
        let (output, summary, diagnostics) = try Self.run(input, jobs: 3, inFlight: 4, maximumBytes: 5000)
        let lines = output.split(separator: 0x0A)
        #expect(lines.count == 46)
        #expect(summary.documents == 46)
        #expect(summary.failed == 3)
        #expect(summary.warnings == 1)
        let records = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any]) }
        #expect((records[1]["error"] as? [String: Any])?["line"] as? Int == 2)
        #expect((records[2]["error"] as? [String: Any])?["line"] as? Int == 3)
        #expect(((records[4]["error"] as? [String: Any])?["message"] as? String)?.contains("larger than the limit of 5000") == true)
        #expect(records[3]["text"] as? String == "\(Self.party) \u{FFFD}")
        #expect(records[5]["id"] as? String == "n")
        #expect(records[6...].map { $0["id"] as? Int } == Array(0..<40))
        #expect(diagnostics.filter { $0.hasPrefix("error: ") }.count == 3)
        #expect(diagnostics.contains { $0.hasPrefix("warning: ") && $0.contains(":4:") })
    }

    @Test func theRunnerRejectsAnOverlongLineWithItsFullLength() throws {
        let long = Array(#"{"id": "long", "text": ""#.utf8) + [UInt8](repeating: 0x61, count: 300_000) + Array(#""}"#.utf8)
        let input = try Self.temporaryFile(long + [0x0A] + Array(#"{"text": "حزب الوفد"}"#.utf8))
        let (output, summary, _) = try Self.run(input, jobs: 2, maximumBytes: 1000)
        let lines = output.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
        #expect(lines.count == 2)
        #expect(lines[0] == #"{"id":null,"error":{"line":1,"message":"document of \#(long.count) bytes is larger than the limit of 1000"}}"#)
        #expect(lines[1].contains(#""type":"PARTY""#))
        #expect(summary.failed == 1)
    }

    /// Blank lines, error records (one too large at a limit of 10,000 bytes), and documents from
    /// a few bytes to several kilobytes, so that workers finish out of order.
    static var mixedFile: [UInt8] {
        let long = #"{"id": "long", "text": "\#(String(repeating: "رئيس حزب الوفد الدكتور سعيد بالإسكندرية. ", count: 100))"}"#
        var bytes = Array("\n  \n".utf8) + Array(long.utf8) + [0x0A] + hostileFile + Array("\t\n".utf8)
        bytes += Array(#"{"id": "medium", "text": "\#(String(repeating: "في حزب الوفد ", count: 300))"}"#.utf8) + [0x0A, 0x0A]
        bytes += Array(#"{"id": "huge", "text": "\#(String(repeating: "ب", count: 6000))"}"#.utf8) + [0x0A]
        return bytes + hostileFile + Array(long.utf8)
    }

    @Test func outputIsByteIdenticalForAnyNumberOfJobsAndAnyBoundAndAcrossRuns() throws {
        let input = try Self.temporaryFile(Self.mixedFile)
        let reference = try Self.run(input, jobs: 1, maximumBytes: 10_000)
        #expect(reference.output.split(separator: 0x0A).count == 96)
        #expect(reference.summary.documents == 96)
        #expect(reference.summary.failed == 5)
        // Documents, then bytes in flight: the defaults, small windows, and a byte bound below one document.
        for (jobs, documents, bytes) in [(2, 512, 64 << 20), (4, 512, 64 << 20), (8, 512, 64 << 20), (4, 3, 64 << 20),
                                         (2, 1, 64 << 20), (8, 2, 64 << 20), (2, 512, 1000), (4, 512, 1), (1, 1, 1)] {
            let run = try Self.run(input, jobs: jobs, inFlight: documents, bytesInFlight: bytes, maximumBytes: 10_000)
            let label = "jobs \(jobs), \(documents) documents, \(bytes) bytes in flight"
            #expect(run.output == reference.output, "\(label)")
            #expect(run.diagnostics == reference.diagnostics, "\(label)")
            #expect(run.summary.failed == reference.summary.failed, "\(label)")
            #expect(run.summary.warnings == reference.summary.warnings, "\(label)")
        }
    }

    /// Many documents through many workers and a small window: what ThreadSanitizer watches.
    @Test func parallelRunsMatchSerialProcessing() throws {
        var lines: [String] = []
        for k in 0..<300 { lines.append(#"{"id": \#(k), "text": "\#(k) الدكتور في حزب الوفد بالإسكندرية"}"#) }
        let input = try Self.temporaryFile(Array((lines.joined(separator: "\n") + "\n").utf8))
        let serial = try Self.run(input, jobs: 1)
        let parallel = try Self.run(input, jobs: 4, inFlight: 7)
        #expect(parallel.output == serial.output)
        #expect(parallel.summary.documents == 300)
        #expect(parallel.summary.failed == 0)
    }

    /// Holds the first document on its worker until the reader has filled what the bounds allow.
    final class Hold: Sendable {
        let released = DispatchSemaphore(value: 0)
        let timedOut = Atomic<Bool>(false)
    }

    /// Reading runs ahead of a document still being processed, and no further than the bounds. The
    /// first document is held on its worker until the reader has the most documents in flight that
    /// the bounds allow; nothing can be written meanwhile, so a reader that ignored the bounds would
    /// read on. No timing is involved: the 60 s limit on the hold only keeps a broken runner from
    /// hanging the test.
    @Test(arguments: [(documents: 5, lines: 1000, expected: 5), (documents: 512, lines: 3, expected: 3)])
    func readingRunsAheadOfASlowDocumentOnlyAsFarAsTheBounds(_ bounds: (documents: Int, lines: Int, expected: Int)) throws {
        // Lines of one length; the byte bound is `bounds.lines` and a half of them.
        let lines = (0..<40).map { #"{"id": "\#(1000 + $0)", "text": "حزب الوفد \#(1000 + $0)"}"# }
        let size = lines[0].utf8.count
        #expect(lines.allSatisfy { $0.utf8.count == size })
        let bytesInFlight = bounds.lines * size + size / 2
        let input = try Self.temporaryFile(Array((lines.joined(separator: "\n") + "\n").utf8))
        let hold = Hold()
        var peakDocuments = 0, peakBytes = 0
        let run = try Self.run(input, jobs: 2, inFlight: bounds.documents, bytesInFlight: bytesInFlight) { runner in
            runner.inFlightObserver = { documents, bytes in
                peakDocuments = max(peakDocuments, documents)
                peakBytes = max(peakBytes, bytes)
                if documents == bounds.expected { hold.released.signal() }
            }
            runner.processingObserver = { index in
                if index == 0 && hold.released.wait(timeout: .now() + 60) == .timedOut {
                    hold.timedOut.store(true, ordering: .relaxed)
                }
            }
        }
        let timedOut = hold.timedOut.load(ordering: .relaxed)
        #expect(!timedOut, "reading ran ahead while the first document was processed")
        #expect(peakDocuments == bounds.expected)
        #expect(peakBytes <= bytesInFlight)
        #expect(run.output == (try Self.run(input, jobs: 1)).output)
    }

    // MARK: Bad data files

    @Test func malformedGazetteerLinesAreReportedWithFileAndLine() throws {
        var bytes = Array("#@ type = PLACE\nمصر\n#@ id = x\n| بلد\nمكان\tnokey\nمكان\tk-y=x\nok\n".utf8)
        bytes += [0xFF, 0xFE, 0x0A] + Array("\u{0}\n\t\t\n|\n".utf8)
        let parsed = GazetteerFileParser.parse(bytes, path: "bad.lst", folderType: nil)
        let lines = parsed.errors.map { $0.line }
        #expect(lines == [3, 4, 5, 6, 8, 11])
        #expect(parsed.errors.allSatisfy { $0.file == "bad.lst" && $0.description.hasPrefix("bad.lst:\($0.line!): ") })
        #expect(parsed.entries.map(\.canonical) == ["مصر", "ok", "\u{0}"])
    }

    @Test func aFileWithoutATypeIsReportedPerLine() {
        let parsed = GazetteerFileParser.parse(Array("a\nb\n".utf8), path: "untyped.lst", folderType: nil)
        #expect(parsed.errors.map(\.line) == [1, 2])
        #expect(parsed.errors.first?.message.contains("no type") == true)
    }

    /// Random bytes in gazetteer files: every problem is a `file:line` error, never a crash.
    @Test func randomGazetteerFilesNeverCrashTheLoader() throws {
        var rng = SplitMix64(seed: 7)
        let alphabet: [[UInt8]] = ["\n", "\r\n", "\t", "|", "=", "#", "#@", " ", "type", "PLACE", "a", "0", "_", "\u{0}",
                                   "مصر", "ال", "\u{200F}", "\u{FEFF}", "ﻻ", "🇪🇬", ".", "،"].map { Array($0.utf8) }
            + [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xEF, 0xBB, 0xBF]]
        var files: [String: [UInt8]] = [:]
        for k in 0..<60 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(rng.next() % 200) { bytes += alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let parsed = GazetteerFileParser.parse(bytes, path: "r\(k).lst", folderType: k % 2 == 0 ? "PLACE" : nil)
            let lineCount = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count
            for error in parsed.errors {
                let line = try #require(error.line)
                #expect(error.file == "r\(k).lst" && line >= 1 && line <= lineCount)
            }
            files["place/r\(k).lst"] = bytes
        }
        // The loader over all of them: an error listing file:line for each, or a pipeline.
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("rasid-random-gaz-\(UUID().uuidString)")
        for (path, bytes) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        do {
            let pipeline = try Pipeline(Configuration(useBundledData: false, gazetteerDirectories: [root]))
            _ = try pipeline.makeWorker().extract("مصر ال")
        } catch let errors as DataFileErrors {
            #expect(!errors.errors.isEmpty)
            for error in errors.errors {
                #expect(error.description.range(of: #"^\Q\#(root.path)\E/place/r[0-9]+\.lst:[0-9]+: "#, options: .regularExpression) != nil,
                        "\(error)")
            }
        }
    }

    @Test func aMissingGazetteerFolderIsAClearError() throws {
        let missing = URL(fileURLWithPath: "/no/such/rasid-gazetteers")
        #expect {
            try Pipeline(Configuration(useBundledData: false, gazetteerDirectories: [missing]))
        } throws: { error in
            (error as? DataFileError)?.description == "/no/such/rasid-gazetteers: gazetteer folder not found"
        }
    }

    @Test func anUnreadableGazetteerFileIsAnErrorNotACrash() throws {
        // A folder named like a gazetteer file cannot be read as one.
        let root = try TestGazetteers.folder(["place/ok.lst": "مصر\n"])
        try FileManager.default.createDirectory(at: root.appendingPathComponent("place/dir.lst"), withIntermediateDirectories: true)
        #expect(throws: DataFileErrors.self) {
            try Pipeline(Configuration(useBundledData: false, gazetteerDirectories: [root]))
        }
    }
}

