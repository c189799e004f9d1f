import Foundation
import Testing
@testable import Rasid

/// The opener filter lets the rule VM skip tokens and whole sentences. It must never skip a token
/// where a match starts: on real documents, every rule finds the same matches from the filtered
/// candidate starts as from every token.
@Suite struct OpenerFilterTests {
    static let pipeline = try! Pipeline()

    static func documents() throws -> [String] {
        let url = BundledData.root()!.appendingPathComponent("eval/dev.jsonl")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["text"] as? String
        }
    }

    @Test func candidateStartsLoseNoMatch() throws {
        let worker = try Self.pipeline.makeWorker()
        let engine = Self.pipeline.engine
        var compared = 0, matched = 0, skipped = 0
        for text in try Self.documents() {
            let tokenized = try worker.tokenize(text)
            let facts = DocumentFacts(tokenized, original: text, vocabulary: engine.vocabulary, tests: engine.tests)
            _ = worker.gazetteerCandidates(Self.pipeline.matcher.matches(in: tokenized), facts: facts)
            let sentences = try worker.sentenceSplitter.sentences(tokenized)
            let scratch = MatcherScratch()
            for matcher in engine.matchers.joined() {
                let filtered = matcher.candidateStarts(in: facts)
                skipped += facts.tokens.count - filtered.count
                let all = facts.tokens.indices.map(Int32.init)
                for sentence in sentences where !sentence.isEmpty {
                    let slice = { (starts: [Int32]) in starts[...].filter { sentence.contains(Int($0)) }[...] }
                    let expected = matcher.matches(in: facts, range: sentence, starts: slice(all), scratch: scratch)
                    let found = matcher.matches(in: facts, range: sentence, starts: slice(filtered), scratch: scratch)
                    #expect(found.map { "\($0.start)-\($0.end) \($0.captures)" } == expected.map { "\($0.start)-\($0.end) \($0.captures)" })
                    compared += 1
                    matched += expected.count
                }
            }
        }
        // The comparison saw real work: matches to keep, and tokens the filter did skip.
        #expect(compared > 100 && matched > 50 && skipped > 1000)
    }
}
