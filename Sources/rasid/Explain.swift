import ArgumentParser
import Foundation
import Rasid

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show the decision trace for one document: tokens, gazetteer hits, rules, overlaps, relations.",
        discussion: "Give the text, or --doc ID with a JSON Lines FILE to explain one of its documents."
    )

    @Argument(help: "The text to explain, or with --doc the JSON Lines file holding the document.")
    var input: String

    @Option(help: "The id of the document to explain in the JSON Lines file given as input.")
    var doc: String?

    @OptionGroup var data: DataOptions

    func run() throws {
        var text = input
        if let doc {
            guard let found = try Self.document(doc, in: input) else {
                throw ValidationError("\(input): no document with id \(doc)")
            }
            text = found
        }
        print(try data.loadPipeline().makeWorker().explain(text).report, terminator: "")
    }

    /// The text of the document with this id (string or number) in a JSON Lines file.
    static func document(_ id: String, in path: String) throws -> String? {
        let reader = try LineReader(path: path)
        while let line = try reader.next() {
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] else { continue }
            let value = object["id"].map { "\($0)" }
            if value == id, let text = object["text"] as? String { return text }
        }
        return nil
    }
}
