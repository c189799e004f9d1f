import ArgumentParser
import Foundation
import Rasid
import RasidReport

extension InputFormat: ExpressibleByArgument {}

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract entities and relations from documents, writing JSON Lines.",
        discussion: """
        Reads JSON Lines ({"id": …, "text": …}, other fields passed through) or plain text (one document \
        per line), from files or standard input (-). Writes one line per input document, in input order; \
        a line that cannot be processed becomes an error record. Exit status 0 when every document was \
        processed, 3 when some were not, 2 on bad data files.
        """
    )

    @Argument(help: "Input files; - or none for standard input.")
    var inputs: [String] = []

    @Option(help: "Input format: jsonl or text.")
    var format: InputFormat = .jsonl

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @Option(help: "Documents processed in parallel (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Largest document in bytes; larger ones become error records.")
    var maxDocumentBytes: Int = 10 << 20

    @OptionGroup var data: DataOptions

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard maxDocumentBytes >= 1 else { throw ValidationError("--max-document-bytes must be at least 1") }
        for input in inputs where input != "-" && !FileManager.default.isReadableFile(atPath: input) {
            throw ValidationError("\(input): no such readable file")
        }
    }

    func run() throws {
        let pipeline = try data.loadPipeline()
        let sink: FileHandle
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil), let h = FileHandle(forWritingAtPath: output) else {
                throw ValidationError("\(output): cannot write")
            }
            sink = h
        } else {
            sink = FileHandle.standardOutput
        }
        let runner = try BatchRunner(pipeline: pipeline, jobs: jobs)
        runner.maximumDocumentBytes = maxDocumentBytes
        // The pipeline and the workers live until the process ends, and are never freed: the
        // exit returns their memory at once, where freeing the loaded rules, the gazetteer and
        // each worker's caches object by object cost about 3.9M instructions (c1 with rules,
        // 0.6% of the run) for nothing.
        _ = Unmanaged.passRetained(pipeline)
        _ = Unmanaged.passRetained(runner)
        // A progress line when standard error is a terminal; silent otherwise.
        let progress = ProgressReporter.onTerminal(inputs: inputs)
        let summary = try runner.run(paths: inputs.isEmpty ? ["-"] : inputs, format: format, output: sink, diagnostics: {
            progress?.clearLine()
            FileHandle.standardError.write(Data("rasid: \($0)\n".utf8))
        }, progress: progress?.update)
        progress?.finish()
        if summary.failed > 0 || summary.warnings > 0 {
            FileHandle.standardError.write(Data(
                "rasid: \(summary.documents) documents, \(summary.failed) failed, \(summary.warnings) warnings\n".utf8))
        }
        if summary.failed > 0 { throw ExitCode(3) }
    }
}
