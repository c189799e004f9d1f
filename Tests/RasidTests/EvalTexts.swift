import Foundation
@testable import Rasid

/// The texts of the bundled annotated samples, for tests that check a shortcut against the plain
/// path on real documents.
enum EvalTexts {
    static func dev() throws -> [String] {
        let url = BundledData.root()!.appendingPathComponent("eval/dev.jsonl")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["text"] as? String
        }
    }

    /// The facts rules read in `text`: its gazetteer hits, and as annotations the entities the whole
    /// pipeline finds there (what later phases open on).
    static func factsWithEntities(_ text: String, _ worker: PipelineWorker) throws -> (TokenizedText, DocumentFacts) {
        let engine = worker.pipeline.engine
        let tokenized = try worker.tokenize(text)
        let facts = DocumentFacts(tokenized, original: text, vocabulary: engine.vocabulary, tests: engine.tests, entries: worker.entries)
        _ = worker.gazetteerCandidates(worker.pipeline.matcher.matches(in: tokenized), facts: facts)
        for e in try worker.extract(text).entities {
            guard let first = facts.tokens.lastIndex(where: { Int($0.start) <= e.start }),
                  let last = facts.tokens.firstIndex(where: { Int($0.end) >= e.end }), first <= last else { continue }
            facts.add(type: e.type, tokens: first..<(last + 1), start: e.start, end: e.end, features: e.features)
        }
        return (tokenized, facts)
    }
}
