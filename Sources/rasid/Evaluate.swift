import ArgumentParser
import Foundation
import Rasid
import RasidEvaluation

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score extraction against annotated gold (ANNOTATION.md), or compare two reports.",
        discussion: """
        Entities are scored under the four schemes of SemEval-2013 task 9.1 exactly as nervaluate 1.2.1 \
        computes them (strict, exact, partial, ent_type), per type, micro and macro; relations as \
        (person, org) pairs with attribute accuracy. Strings are compared after ANNOTATION.md's \
        normalisation. Without --pred, extraction runs on the gold texts. Exit status 1 when strict \
        micro-F1 is below --min-f1, 2 on invalid gold or unreadable files.
        """
    )

    @Option(help: ArgumentHelp("Gold annotation, JSON Lines.", valueName: "file"))
    var gold: String?

    @Option(help: ArgumentHelp("Predictions, JSON Lines (rasid extract's output); default: run extraction.", valueName: "file"))
    var pred: String?

    @Flag(help: "List every miss and false alarm with its context.")
    var errors = false

    @Flag(help: "Write the report as JSON (the input of --compare).")
    var json = false

    @Option(name: .customLong("min-f1"), help: ArgumentHelp("Exit with status 1 when strict micro-F1 is below this.", valueName: "x"))
    var minF1: Double?

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Compare two JSON reports instead of scoring.", valueName: "a.json b.json"))
    var compare: [String] = []

    @OptionGroup var data: DataOptions

    func validate() throws {
        if !compare.isEmpty {
            guard compare.count == 2 else { throw ValidationError("--compare takes two reports, before and after") }
            guard gold == nil, pred == nil else { throw ValidationError("--compare does not score: leave out --gold and --pred") }
            return
        }
        guard let gold else { throw ValidationError("--gold is required (or --compare A.json B.json)") }
        for file in [gold, pred].compactMap({ $0 }) where file != "-" && !FileManager.default.isReadableFile(atPath: file) {
            throw ValidationError("\(file): no such readable file")
        }
        if let minF1, !(0...1).contains(minF1) { throw ValidationError("--min-f1 must be between 0 and 1") }
    }

    func run() throws {
        if !compare.isEmpty { return try runComparison() }
        let goldPath = gold!
        let goldDocuments: [AnnotatedDocument]
        do {
            goldDocuments = try AnnotatedCorpus.read(path: goldPath)
        } catch {
            fail("\(error)")
        }
        let problems = GoldValidator.validate(goldDocuments, file: goldPath)
        if !problems.isEmpty {
            fail(problems.map(\.description).joined(separator: "\n") + "\nrasid: \(problems.count) problem(s) in the gold file")
        }

        let predictions: [AnnotatedDocument]
        if let pred {
            do { predictions = try AnnotatedCorpus.read(path: pred, requireText: false) } catch { fail("\(error)") }
        } else {
            let worker = try data.loadPipeline().makeWorker()
            predictions = try Evaluation.extract(goldDocuments, using: worker)
        }

        let report = EvaluationReport(gold: goldDocuments, predicted: predictions, goldName: goldPath,
                                      predictionsName: pred ?? "rasid extract")
        print(json ? try report.json() : report.table(errors: errors), terminator: "")
        if let minF1, report.strictF1 < minF1 {
            FileHandle.standardError.write(Data(
                "rasid: strict micro-F1 \(String(format: "%.4f", report.strictF1)) is below --min-f1 \(minF1)\n".utf8))
            throw ExitCode(1)
        }
    }

    func runComparison() throws {
        do {
            let before = try EvaluationReport.read(path: compare[0])
            let after = try EvaluationReport.read(path: compare[1])
            print(ReportComparison(before: before, after: after).text, terminator: "")
        } catch let error as ReportError {
            fail(error.description)
        }
    }

    /// Reports bad input and exits with status 2.
    private func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("rasid: \(message)\n".utf8))
        Self.exit(withError: ExitCode(2))
    }
}
