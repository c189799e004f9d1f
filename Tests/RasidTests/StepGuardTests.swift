import Foundation
import Testing
@testable import Rasid

/// The rule VM skips a thread whose step's guard shows it would fail. On real documents every
/// rule must find the same matches, captures and proclitics left out as with no guards at all.
@Suite struct StepGuardTests {
    static let pipeline = try! Pipeline()

    static func describe(_ matches: [RuleMatch]) -> [String] {
        matches.map { m in "\(m.start)-\(m.end) \(Array(m.captures)) \(m.clitics.map { "\($0.token):\($0.start)" })" }
    }

    @Test func guardedMatchesAreThePlainOnes() throws {
        let worker = try Self.pipeline.makeWorker()
        let engine = Self.pipeline.engine
        let plain = engine.matchers.joined().map {
            RuleMatcher(program: $0.program, tests: $0.tests, table: engine.tests, vocabulary: engine.vocabulary, guarded: false)
        }
        var compared = 0, matched = 0, leftOut = 0
        for text in try EvalTexts.dev() {
            let (tokenized, facts) = try EvalTexts.factsWithEntities(text, worker)
            let sentences = try worker.sentenceSplitter.sentences(tokenized)
            let scratch = MatcherScratch()
            for (guarded, unguarded) in zip(engine.matchers.joined(), plain) {
                for sentence in sentences where !sentence.isEmpty {
                    // Every token a start: more threads at once than the candidate starts give.
                    let starts = sentence.map(Int32.init)[...]
                    let expected = Self.describe(unguarded.matches(in: facts, range: sentence, starts: starts, scratch: scratch))
                    let found = Self.describe(guarded.matches(in: facts, range: sentence, starts: starts, scratch: scratch))
                    #expect(found == expected)
                    compared += 1
                    matched += expected.count
                    leftOut += expected.filter { !$0.hasSuffix("[]") }.count
                }
            }
        }
        #expect(compared > 1000 && matched > 100 && leftOut > 0)
    }

    /// A step's condition holds wherever its test passes, its push guard too, and an exact one
    /// holds exactly where the test passes as written.
    @Test func conditionsHoldWhereTestsPass() throws {
        let worker = try Self.pipeline.makeWorker()
        let engine = Self.pipeline.engine
        let roots = Array(Set(engine.matchers.joined().flatMap(\.tests))).sorted()
        let conditions = roots.map { StepGuard(test: $0, in: engine.tests) }
        var violations = 0, rejected = 0, answeredExactly = 0
        for text in try EvalTexts.dev() {
            let tokenized = try worker.tokenize(text)
            let facts = DocumentFacts(tokenized, original: text, vocabulary: engine.vocabulary, tests: engine.tests, entries: worker.entries)
            _ = worker.gazetteerCandidates(Self.pipeline.matcher.matches(in: tokenized), facts: facts)
            for i in facts.tokens.indices {
                let token = facts.guardToken(i)
                for (root, condition) in zip(roots, conditions) {
                    let answer = facts.passes(root, at: i)
                    let admitted = condition.admits(token, shape: { facts.shape(i) })
                    if answer != nil && (!admitted || !condition.pushGuard.admitsMasks(token)) { violations += 1 }
                    if condition.exact {
                        if admitted != (answer == -1) { violations += 1 }
                        answeredExactly += 1
                    }
                    if !admitted { rejected += 1 }
                }
            }
        }
        #expect(violations == 0)
        #expect(rejected > 100_000 && answeredExactly > 10_000)
    }
}
