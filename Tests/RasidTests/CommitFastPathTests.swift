import Foundation
import Testing
@testable import Rasid

/// The shortcuts of committing entities against the plain definitions they replace.
@Suite struct CommitFastPathTests {
    static let pipeline = try! Pipeline()

    static func documents() throws -> [String] {
        let url = BundledData.root()!.appendingPathComponent("eval/dev.jsonl")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["text"] as? String
        }
    }

    static func facts(_ text: String, _ worker: PipelineWorker) throws -> DocumentFacts {
        let engine = pipeline.engine
        let tokenized = try worker.tokenize(text)
        return DocumentFacts(tokenized, original: text, vocabulary: engine.vocabulary, tests: engine.tests)
    }

    @Test func localIDsNumberTheNormalisedWordsInOrderOfFirstAppearance() throws {
        let worker = try Self.pipeline.makeWorker()
        for text in try Self.documents() + ["", "و", "حسن حسن وحسن الحسن حسن"] {
            let facts = try Self.facts(text, worker)
            // Keyed by units: equal strings need not be equal units (canonical equivalence).
            var expected: [[UInt16]: Int32] = [:]
            let ids = facts.tokens.indices.map { i in facts.text.withUnits(of: i) { Array($0) } }.map { word in
                if let id = expected[word] { return id }
                expected[word] = Int32(expected.count)
                return Int32(expected.count - 1)
            }
            #expect(facts.localIDs == ids)
            #expect(facts.localLexicon.count == expected.count)
            for (word, id) in expected { #expect(word.withUnsafeBufferPointer { facts.localLexicon.id(of: $0) } == id) }
            for absent in ["", "كلمةغائبة", "x"] where expected[Array(absent.utf16)] == nil {
                #expect(facts.localLexicon.id(of: absent) == -1)
            }
        }
    }
}
