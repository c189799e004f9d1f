import ArgumentParser
import Foundation
import RasidEvaluation

struct Convert: ParsableCommand {
    enum From: String, ExpressibleByArgument, CaseIterable { case conll, brat, doccano, labelstudio, jsonl }
    enum To: String, ExpressibleByArgument, CaseIterable { case jsonl, conll }

    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert annotation between CoNLL/BIO, brat, Doccano, Label Studio and Rasid's JSON Lines.",
        discussion: """
        IN is a file; for brat a .ann or .txt file (its partner beside it) or a folder of such pairs. \
        Labels are mapped to Rasid's types (PERS → PERSON, LOC → PLACE, ORG → ORG; MISC is left out). \
        Offsets of Doccano and Label Studio (UTF-16) become code points. The result is checked against \
        ANNOTATION.md and problems are printed as warnings. Output goes to OUT or standard output.
        """
    )

    @Option(help: "Input format: \(From.allCases.map(\.rawValue).joined(separator: ", ")).")
    var from: From

    @Option(help: "Output format: jsonl or conll.")
    var to: To

    @Argument(help: "Input file or (brat) folder.")
    var input: String

    @Argument(help: "Output file; standard output when left out.")
    var output: String?

    func validate() throws {
        guard FileManager.default.fileExists(atPath: input) else { throw ValidationError("\(input): no such file or folder") }
        if from == .jsonl && to == .jsonl { throw ValidationError("nothing to convert: --from jsonl --to jsonl") }
    }

    func run() throws {
        let result: ConversionResult
        do { result = try read() } catch {
            FileHandle.standardError.write(Data("rasid: \(error)\n".utf8))
            throw ExitCode(2)
        }
        var warnings = result.warnings
        warnings += GoldValidator.validate(result.documents, file: input).map(\.description)
        let text: String
        switch to {
        case .jsonl:
            text = AnnotatedCorpus.jsonLines(result.documents)
        case .conll:
            let written = CoNLL.write(result.documents)
            text = written.text
            warnings += written.warnings
        }
        for warning in warnings { FileHandle.standardError.write(Data("rasid: warning: \(warning)\n".utf8)) }
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: Data(text.utf8)) else {
                throw ValidationError("\(output): cannot write")
            }
        } else {
            print(text, terminator: "")
        }
    }

    private func read() throws -> ConversionResult {
        switch from {
        case .jsonl:
            return ConversionResult(documents: try AnnotatedCorpus.read(path: input, requireText: false))
        case .conll:
            return try CoNLL.read(try String(contentsOfFile: input, encoding: .utf8), file: input)
        case .doccano:
            return try Doccano.read(try Data(contentsOf: URL(fileURLWithPath: input)), file: input)
        case .labelstudio:
            return try LabelStudio.read(try Data(contentsOf: URL(fileURLWithPath: input)), file: input)
        case .brat:
            return try readBrat()
        }
    }

    /// One pair, or every pair of a folder in name order; a document's id is its file name without extension.
    private func readBrat() throws -> ConversionResult {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory)
        let base = URL(fileURLWithPath: input)
        let stems: [URL]
        if isDirectory.boolValue {
            stems = try FileManager.default.contentsOfDirectory(atPath: input).filter { $0.hasSuffix(".txt") }.sorted()
                .map { base.appendingPathComponent($0).deletingPathExtension() }
        } else {
            stems = [base.deletingPathExtension()]
        }
        var result = ConversionResult()
        for stem in stems {
            let txt = stem.appendingPathExtension("txt"), ann = stem.appendingPathExtension("ann")
            let text = try String(contentsOf: txt, encoding: .utf8)
            // A text without annotation is a document without entities.
            let annotations = (try? String(contentsOf: ann, encoding: .utf8)) ?? ""
            let one = try Brat.read(text: text, annotations: annotations, id: stem.lastPathComponent, file: ann.path)
            result.documents += one.documents
            result.warnings += one.warnings
        }
        return result
    }
}
