import Foundation
import Rasid
import Testing
@testable import RasidEvaluation

/// The regression gate: the pipeline on `eval/test.jsonl` must score at least the accepted figures
/// in `eval/scores/test.json` (strict micro-F1 of entities, F1 of relations).
@Suite struct RegressionGateTests {
    @Test func testSetScoresAtLeastTheAcceptedFigures() throws {
        let goldPath = repositoryRoot.appendingPathComponent("eval/test.jsonl").path
        let acceptedPath = repositoryRoot.appendingPathComponent("eval/scores/test.json").path
        guard FileManager.default.fileExists(atPath: acceptedPath) else {
            Issue.record("""
                eval/scores/test.json is missing: accept the current figures with
                `swift run rasid eval --gold eval/test.jsonl --json > eval/scores/test.json` and commit it
                """)
            return
        }
        let accepted = try EvaluationReport.read(path: acceptedPath)
        let gold = try AnnotatedCorpus.read(path: goldPath)
        let problems = GoldValidator.validate(gold, file: "eval/test.jsonl")
        try #require(problems.isEmpty, "invalid gold:\n\(problems.map(\.description).joined(separator: "\n"))")

        let worker = try Pipeline(Configuration()).makeWorker()
        let report = EvaluationReport(gold: gold, predicted: try Evaluation.extract(gold, using: worker),
                                      goldName: "eval/test.jsonl", predictionsName: "rasid extract")
        #expect(report.strictF1 >= accepted.strictF1 - 1e-9,
                "strict micro-F1 fell from \(accepted.strictF1) to \(report.strictF1); see `rasid eval --gold eval/test.jsonl --errors`")
        #expect(report.relations.f1 >= accepted.relations.f1 - 1e-9,
                "relation F1 fell from \(accepted.relations.f1) to \(report.relations.f1)")
    }
}
