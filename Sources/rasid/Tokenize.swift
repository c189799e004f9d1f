import ArgumentParser
import Foundation
import Rasid

struct Tokenize: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Show the tokens of a text: original span, text and normalised form."
    )

    @Argument(help: "The text.")
    var text: String

    func run() throws {
        let worker = try Pipeline(Configuration(useBundledData: false)).makeWorker()
        let tokenized = try worker.tokenize(text)
        let scalars = Array(text.unicodeScalars)
        for (i, t) in tokenized.tokens.enumerated() {
            let original = String(String.UnicodeScalarView(scalars[Int(t.start)..<Int(t.end)]))
            print("\(t.start)\t\(t.end)\t\(t.kind)\t\(original)\t\(tokenized.normalized(i))")
        }
    }
}
