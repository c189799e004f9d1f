import Foundation
import Testing
@testable import Rasid

/// Spelling tests (kind, affixes, the article, `conj`) are answered from per-token shape bits and
/// folded into the masks of the `and` and `or` tests holding them. On the eval documents every
/// rule test must answer at every token as the same test evaluated as written.
@Suite struct SpellingShapeTests {
    @Test func foldedTestsAnswerAsWritten() throws {
        let pipeline = try Pipeline()
        let worker = try pipeline.makeWorker()
        let engine = pipeline.engine
        // The engine added every rule's tests in this order: phases, rules, each program's tests.
        var vocabulary = engine.vocabulary
        var plain = TestTable(foldsSpelling: false)
        let written = engine.rules.rules.flatMap(\.program.tests).map { plain.add($0, &vocabulary) }
        let folded = engine.matchers.joined().flatMap(\.tests)
        #expect(written.count == folded.count)
        #expect(engine.tests.nodes.contains { $0.op == .shape } && !plain.nodes.contains { $0.op == .shape })
        var compared = 0, passed = 0, mismatches = 0
        for text in try EvalTexts.dev() {
            let tokenized = try worker.tokenize(text)
            let fast = DocumentFacts(tokenized, original: text, vocabulary: engine.vocabulary, tests: engine.tests, entries: worker.entries)
            let slow = DocumentFacts(tokenized, original: text, vocabulary: vocabulary, tests: plain, entries: worker.entries)
            // Shapes worked out before the gazetteer marks whole words must follow the marks.
            for i in fast.tokens.indices { for k in folded { _ = fast.passes(k, at: i) } }
            let hits = pipeline.matcher.matches(in: tokenized)
            _ = worker.gazetteerCandidates(hits, facts: fast)
            _ = worker.gazetteerCandidates(hits, facts: slow)
            for i in fast.tokens.indices {
                for (a, b) in zip(folded, written) {
                    let answer = fast.passes(a, at: i)
                    if answer != slow.passes(b, at: i) { mismatches += 1 }
                    if answer != nil { passed += 1 }
                    compared += 1
                }
            }
        }
        #expect(mismatches == 0)
        #expect(compared > 100_000 && passed > 10_000 && passed < compared)
    }
}
