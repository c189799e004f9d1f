import ArgumentParser
import Foundation
import RasidReport

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export extraction results (rasid extract's JSON Lines) to SQLite and/or CSV.",
        discussion: """
        Tables: documents(id, line, text, fields), entities(document_id, start, end, type, text, canonical, \
        source, features), relations(document_id, type, person, org, role, party, place, source, \
        evidence_start, evidence_end, trigger_start, trigger_end); fields and features are JSON objects. \
        --sqlite replaces the database file and indexes entities(type) and relations(party, org, person); \
        --csv writes documents.csv, entities.csv and relations.csv (RFC 4180, UTF-8) into a folder. \
        Error records are skipped with a warning.
        """
    )

    @Argument(help: "rasid extract's output, JSON Lines; - for standard input.")
    var input: String

    @Option(help: ArgumentHelp("The SQLite database to write (replaced if it exists).", valueName: "file"))
    var sqlite: String?

    @Option(help: ArgumentHelp("A folder to write the CSV files into.", valueName: "dir"))
    var csv: String?

    @Flag(help: "Begin each CSV file with a UTF-8 byte-order mark (for spreadsheets).")
    var bom = false

    func validate() throws {
        guard sqlite != nil || csv != nil else { throw ValidationError("name an output: --sqlite FILE and/or --csv DIR") }
        guard input != "-" || (sqlite == nil || csv == nil) else {
            throw ValidationError("standard input can be read once: write --sqlite and --csv from a file")
        }
        if input != "-" && !FileManager.default.isReadableFile(atPath: input) {
            throw ValidationError("\(input): no such readable file")
        }
    }

    func run() throws {
        let warn = { (message: String) in FileHandle.standardError.write(Data("rasid: warning: \(message)\n".utf8)) }
        do {
            if let sqlite { try SQLiteExporter.export(input: input, to: sqlite, warning: warn) }
            // The warnings of one reading are enough.
            if let csv { try CSVExporter(byteOrderMark: bom).export(input: input, to: csv, warning: sqlite == nil ? warn : { _ in }) }
        } catch {
            FileHandle.standardError.write(Data("rasid: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
