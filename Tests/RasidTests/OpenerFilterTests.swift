import Foundation
import Testing
@testable import Rasid

/// The opener and required-token filters let the rule VM skip tokens and whole sentences. They
/// must never skip a token where a match starts: on real documents, every rule finds the same
/// matches from the filtered candidate starts as from every token.
@Suite struct OpenerFilterTests {
    static let pipeline = try! Pipeline()

    @Test func candidateStartsLoseNoMatch() throws {
        let worker = try Self.pipeline.makeWorker()
        let engine = Self.pipeline.engine
        var compared = 0, matched = 0, skipped = 0, relationMatches = 0
        for text in try EvalTexts.dev() {
            let (tokenized, facts) = try EvalTexts.factsWithEntities(text, worker)
            let sentences = try worker.sentenceSplitter.sentences(tokenized)
            let scratch = MatcherScratch()
            let unions = facts.unionsToSentenceEnd(sentences)
            // The one pass over a phase's tokens finds each rule's starts as the rule's own filters do.
            for phase in engine.matchers.indices {
                let together = engine.candidateStarts(phase: phase, facts: facts, sentences: sentences)
                #expect(together == engine.matchers[phase].map { $0.candidateStarts(in: facts, sentences: sentences, unions: unions) })
            }
            for matcher in engine.matchers.joined() {
                let filtered = matcher.candidateStarts(in: facts, sentences: sentences, unions: unions)
                skipped += facts.tokens.count - filtered.count
                let all = facts.tokens.indices.map(Int32.init)
                for sentence in sentences where !sentence.isEmpty {
                    let slice = { (starts: [Int32]) in starts[...].filter { sentence.contains(Int($0)) }[...] }
                    let expected = matcher.matches(in: facts, range: sentence, starts: slice(all), scratch: scratch)
                    let found = matcher.matches(in: facts, range: sentence, starts: slice(filtered), scratch: scratch)
                    #expect(found.map { "\($0.start)-\($0.end) \($0.captures)" } == expected.map { "\($0.start)-\($0.end) \($0.captures)" })
                    compared += 1
                    matched += expected.count
                    if matcher.program.captures.contains("person") { relationMatches += expected.count }
                }
            }
        }
        // The comparison saw real work: matches to keep (relations' among them), and tokens the filters did skip.
        #expect(compared > 100 && matched > 50 && skipped > 1000)
        #expect(relationMatches > 20)
    }

    /// The required reaches skip starts that the required filters up to the sentence's end let
    /// through (the comparison above shows they lose no match).
    @Test func requiredReachesSkipStarts() throws {
        let worker = try Self.pipeline.makeWorker()
        let engine = Self.pipeline.engine
        var withoutReach = 0, withReach = 0
        for text in try EvalTexts.dev() {
            let (tokenized, facts) = try EvalTexts.factsWithEntities(text, worker)
            let sentences = try worker.sentenceSplitter.sentences(tokenized)
            let unions = facts.unionsToSentenceEnd(sentences)
            for matcher in engine.matchers.joined() where !matcher.requiredReaches.isEmpty {
                withReach += matcher.candidateStarts(in: facts, sentences: sentences, unions: unions).count
                for sentence in sentences {
                    let limit = matcher.startLimit(in: sentence, facts: facts, unions: unions)
                    withoutReach += (sentence.lowerBound..<limit).filter { facts.admits(matcher.openerFilter, at: $0) }.count
                }
            }
        }
        // Of the rules with reaches, 1,452 starts kept of 2,671 on the dev documents.
        #expect(withReach * 3 < withoutReach * 2)
    }
}

/// Which instructions every match passes through, on small patterns.
@Suite struct MandatoryStepTests {
    static func mandatoryTests(_ pattern: String) throws -> [String] {
        let rules = try RuleFileParser().parse([("t.rules", ["rule r", "  match \(pattern)", "  entity PERSON"])])
        let program = rules.rules[0].program
        return program.mandatoryInstructions().map { pc in
            switch program.instructions[pc] {
            case .test(let t), .peek(let t, _): return "\(program.tests[t])"
            case .annotation(let f): return "@\(f.type)"
            default: return "?"
            }
        }
    }

    @Test func sequencesAreMandatoryAndOptionsAreNot() throws {
        let found = try Self.mandatoryTests(#""قال" "أن"? ("في" | "من") @PLACE (?= "و") (?! "ثم")"#)
        #expect(found.count == 3)
        #expect(found[0].contains("قال"))
        #expect(found[1] == "@PLACE")
        #expect(found[2].contains("و"))
    }

    /// The most tokens and annotation steps before each mandatory instruction.
    static func reaches(_ pattern: String) throws -> [String] {
        let rules = try RuleFileParser().parse([("t.rules", ["rule r", "  match \(pattern)", "  entity PERSON"])])
        let program = rules.rules[0].program
        let reaches = program.reaches()
        return program.mandatoryInstructions().map { pc in
            guard let reach = reaches[pc] else { return "-" }
            return "\(reach.tokens)" + reach.annotations.sorted { $0.key < $1.key }.map { " \($0.value)@\($0.key)" }.joined()
        }
    }

    @Test func reachesCountTokensAndAnnotationSteps() throws {
        #expect(try Self.reaches(#""قال" "أن"? ("في" | "من" "ثم") @PLACE @PLACE? (?= "و")"#) == ["0", "4", "4 2@PLACE"])
        #expect(try Self.reaches(#"("قال" | @TITLE+) "أن""#) == ["-"])
        #expect(try Self.reaches(#""قال"{1,3} "أن"*"#) == ["0"])
        #expect(try Self.reaches(#""قال"* "أن""#) == ["-"])
    }

    @Test func repeatsNeedTheirMinimum() throws {
        #expect(try Self.mandatoryTests(#""قال"* @PLACE+"#) == ["@PLACE"])
        #expect(try Self.mandatoryTests(#"("قال" | @PLACE){2}"#).isEmpty)
    }
}
