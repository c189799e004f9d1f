import Testing
@testable import Rasid

/// Every example and counter-example written beside a rule in `rules/*.rules` (Duckling's corpus
/// idea): adding a rule with its examples is a data change that this one test checks.
@Suite struct RuleExampleTests {
    static let pipeline = try! Pipeline()

    struct Case: Sendable, CustomTestStringConvertible {
        var rule: String
        var example: RuleExample
        var testDescription: String { "\(example.source) \(rule): \(example.text)" }
    }

    static let cases: [Case] = pipeline.rules.rules.flatMap { rule in rule.examples.map { Case(rule: rule.name, example: $0) } }

    static func holds(_ e: RuleExample.Expectation, in x: Extraction) -> Bool {
        switch e {
        case .entity(let type, let text):
            return x.entities.contains { $0.type == type && ArabicFolding.comparisonKey($0.text) == ArabicFolding.comparisonKey(text) }
        case .relation(let type, let person, let org):
            return x.relations.contains {
                $0.type == type && ArabicFolding.comparisonKey($0.person) == ArabicFolding.comparisonKey(person)
                    && ArabicFolding.comparisonKey($0.org).hasPrefix(ArabicFolding.comparisonKey(org))
            }
        }
    }

    @Test func everyRuleFileHasExamples() {
        #expect(Self.cases.count >= 20)
        for rule in Self.pipeline.rules.rules {
            #expect(rule.examples.contains { !$0.isCounter }, "rule \(rule.name) at \(rule.source) has no example")
        }
    }

    @Test(arguments: cases)
    func example(_ c: Case) throws {
        let x = try Self.pipeline.makeWorker().extract(c.example.text)
        let found = x.entities.map { "\($0.type)(\($0.text)) by \($0.features["rule"] ?? $0.source)" }
            + x.relations.map { "\($0.type)(\($0.person), \($0.org)) by \($0.source ?? "?")" }
        if c.example.isCounter {
            if c.example.expectations.isEmpty {
                let fired = x.entities.contains { $0.source == c.rule || $0.features["rule"] == c.rule } || x.relations.contains { $0.source == c.rule }
                #expect(!fired, "\(c.example.source): rule \(c.rule) fired; found \(found)")
            }
            for e in c.example.expectations {
                #expect(!Self.holds(e, in: x), "\(c.example.source): \(e) should not be found; found \(found)")
            }
        } else {
            for e in c.example.expectations {
                #expect(Self.holds(e, in: x), "\(c.example.source): \(e) not found; found \(found)")
            }
        }
    }
}
