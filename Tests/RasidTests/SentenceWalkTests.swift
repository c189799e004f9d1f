import Foundation
import Testing
@testable import Rasid

/// `RuleEngine.run` finds each candidate start's sentence by reading on through the sentences
/// (in order and apart): against running the phase on each sentence alone, with empty sentences
/// among them and sentences cut in two (adjacent ones).
@Suite struct SentenceWalkTests {
    static let pipeline = try! Pipeline()

    static func describe(_ out: RuleEngine.Output) -> [String] {
        // Sorted: the whole run lists candidates rule by rule, the runs per sentence sentence by
        // sentence. Without `order`, which counts within a run.
        let entities = out.entities.map { e in
            "\(e.start)-\(e.end) \(e.firstToken)-\(e.endToken) \(e.type) \(e.source) \(e.priority) \(e.features.sorted { $0.key < $1.key })"
        }
        let relations = out.relations.map { r in
            "\(r.type) \(r.rule) \(r.priority) \(r.arguments.sorted { $0.key < $1.key }) \(r.sentence) \(r.match)"
        }
        return (entities + relations).sorted()
    }

    @Test func runFindsWhatEachSentenceAloneFinds() throws {
        let worker = try Self.pipeline.makeWorker()
        let engine = Self.pipeline.engine
        var found = 0, empty = 0
        for text in try EvalTexts.dev().prefix(40) {
            let (tokenized, facts) = try EvalTexts.factsWithEntities(text, worker)
            let real = try worker.sentenceSplitter.sentences(tokenized)
            // Empty sentences before each and at the end; each sentence cut in two at its middle.
            let withEmpty = real.flatMap { [$0.lowerBound..<$0.lowerBound, $0] } + [tokenized.tokens.count..<tokenized.tokens.count]
            let cut = real.flatMap { s in [s.lowerBound..<(s.lowerBound + s.count / 2), (s.lowerBound + s.count / 2)..<s.upperBound] }
            for sentences in [real, withEmpty, cut] {
                empty += sentences.filter(\.isEmpty).count
                for phase in engine.matchers.indices {
                    let whole = engine.run(phase: phase, facts: facts, sentences: sentences, orderBase: 0)
                    var alone = RuleEngine.Output()
                    for sentence in sentences {
                        let out = engine.run(phase: phase, facts: facts, sentences: [sentence], orderBase: 0)
                        alone.entities += out.entities
                        alone.relations += out.relations
                    }
                    #expect(Self.describe(whole) == Self.describe(alone))
                    found += whole.entities.count + whole.relations.count
                }
            }
        }
        #expect(found > 100 && empty > 100)
    }
}
