import Foundation
import Testing
@testable import RasidEvaluation

@Suite struct EvaluationReportTests {
    let gold = [
        syntheticDocument(id: "a", length: 20, [(0, 5, "PERSON"), (10, 15, "PLACE")]),
        syntheticDocument(id: "b", length: 20, [(0, 5, "ORG")]),
    ]

    @Test func pairsPredictionsByIdAndWarnsAboutStrays() {
        let predicted = [
            syntheticDocument(id: "b", length: 20, [(0, 5, "ORG")]),
            syntheticDocument(id: "zz", length: 20, [(0, 5, "ORG")]),
        ]
        let report = EvaluationReport(gold: gold, predicted: predicted, goldName: "g", predictionsName: "p")
        // "a" has no prediction: its two entities are missed; "zz" is ignored.
        let strict = report.entities.overall(.strict)
        #expect(strict.correct == 1 && strict.missed == 2 && strict.spurious == 0)
        #expect(report.warnings.contains { $0.contains("document a has no prediction") })
        #expect(report.warnings.contains { $0.contains("document zz is not in gold") })
        #expect(report.errors.filter { $0.category == .missing }.count == 2)
    }

    @Test func jsonReadsBackEqual() throws {
        let report = EvaluationReport(gold: gold, predicted: [syntheticDocument(id: "a", length: 20, [(0, 4, "PERSON")])],
                                      goldName: "g", predictionsName: "p")
        let url = try temporaryFolder().appendingPathComponent("r.json")
        try report.json().write(to: url, atomically: true, encoding: .utf8)
        #expect(try EvaluationReport.read(path: url.path) == report)
    }

    @Test func tableShowsEachSchemeAndType() {
        let report = EvaluationReport(gold: gold, predicted: gold, goldName: "g", predictionsName: "p")
        let table = report.table(errors: true)
        for name in ["strict", "exact", "partial", "ent_type", "PERSON", "PLACE", "ORG", "Relations"] {
            #expect(table.contains(name), "\(name) missing from the table")
        }
        #expect(table.contains("1.0000"))
    }

    @Test func comparisonListsChangedFiguresAndDocuments() {
        let before = EvaluationReport(gold: gold, predicted: [syntheticDocument(id: "a", length: 20, [(0, 5, "PERSON")]),
                                                              syntheticDocument(id: "b", length: 20, [(0, 5, "ORG")])],
                                      goldName: "g", predictionsName: "p")
        let after = EvaluationReport(gold: gold, predicted: [syntheticDocument(id: "a", length: 20, [(0, 5, "PERSON"), (10, 15, "PLACE")]),
                                                             syntheticDocument(id: "b", length: 20, [])],
                                     goldName: "g", predictionsName: "p")
        let comparison = ReportComparison(before: before, after: after)
        // Strict: before 2 correct of 3 gold, 2 predicted; after the same counts by another route — so the
        // overall F1 is unchanged, but the per-type figures and the documents moved.
        #expect(!comparison.changes.contains { $0.name == "entities.strict.f1" })
        #expect(comparison.changes.contains { $0.name == "entities.PLACE.strict.recall" && $0.before == 0 && $0.after == 1 })
        #expect(comparison.changes.contains { $0.name == "entities.ORG.strict.correct" && $0.before == 1 && $0.after == 0 })
        #expect(comparison.documents.map(\.id) == ["a", "b"])
        #expect(comparison.documents[0].gained.map(\.type) == ["PLACE"] && comparison.documents[0].lost.isEmpty)
        #expect(comparison.documents[1].lost.map(\.type) == ["ORG"] && comparison.documents[1].gained.isEmpty)
        #expect(comparison.text.contains("+ PLACE 10-15"))
        #expect(ReportComparison(before: before, after: before).text == "No differences.\n")
    }
}
