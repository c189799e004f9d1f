import ArgumentParser
import Foundation
import RasidReport

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render extraction results (rasid extract's JSON Lines) as one self-contained HTML report.",
        discussion: """
        The report is right-to-left and needs no network: the documents with their entities highlighted \
        by type (hover for source, canonical form and features), a table of relations, and each party's \
        structure (party → bodies → people, with their posts and places). Error records are skipped with \
        a warning.
        """
    )

    @Argument(help: "rasid extract's output, JSON Lines; - for standard input.")
    var input: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The HTML file to write.", valueName: "file"))
    var output: String

    @Option(help: "The report's title.")
    var title = "تقرير راصد"

    func validate() throws {
        if input != "-" && !FileManager.default.isReadableFile(atPath: input) {
            throw ValidationError("\(input): no such readable file")
        }
    }

    func run() throws {
        let documents = try FoundReader.read(path: input) { FileHandle.standardError.write(Data("rasid: warning: \($0)\n".utf8)) }
        let html = HTMLReport(documents: documents, title: title).render()
        do { try Data(html.utf8).write(to: URL(fileURLWithPath: output)) } catch {
            throw ValidationError("\(output): cannot write")
        }
    }
}
