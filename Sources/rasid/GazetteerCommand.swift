import ArgumentParser
import Foundation
import Rasid

struct GazetteerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazetteer",
        abstract: "Check, query, compile and import gazetteers.",
        subcommands: [Check.self, Lookup.self, Compile.self, Import.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check gazetteer folders: format, duplicates, types, unmatchable entries, invisible characters.",
            discussion: "Exits 1 when there are errors; warnings alone exit 0."
        )

        @Argument(help: "Folders to check (default: the bundled gazetteers).")
        var folders: [String] = []

        @Flag(help: "Print errors only.")
        var quiet = false

        func run() throws {
            let roots: [(url: URL, displayName: String)]
            if folders.isEmpty {
                guard let root = BundledData.root() else { throw ValidationError("bundled data not found; name a folder") }
                roots = [(root.appendingPathComponent("gazetteers"), "gazetteers")]
            } else {
                roots = folders.map { (URL(fileURLWithPath: $0), $0.hasSuffix("/") ? String($0.dropLast()) : $0) }
            }
            let findings: [GazetteerChecker.Finding]
            do { findings = try GazetteerChecker().check(roots: roots) } catch {
                FileHandle.standardError.write(Data("rasid: \(error)\n".utf8))
                throw ExitCode(2)
            }
            let errors = findings.filter { $0.severity == .error }
            for f in findings where !quiet || f.severity == .error { print(f) }
            print("\(errors.count) errors, \(findings.count - errors.count) warnings")
            if !errors.isEmpty { throw ExitCode(1) }
        }
    }

    struct Lookup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lookup",
            abstract: "Show which gazetteer entries a word or phrase matches, and why."
        )

        @Argument(help: "The word or phrase.")
        var text: String

        @OptionGroup var data: DataOptions

        func run() throws {
            let results = try data.loadPipeline().makeWorker().lookup(text)
            if results.isEmpty { print("no entry matches '\(text)'") }
            for r in results {
                let features = r.entry.features.keys.sorted().map { "\($0)=\(r.entry.features[$0]!)" }.joined(separator: " ")
                print("\(r.start)–\(r.end)\t\(r.text)\t\(r.entry.type)\t\(r.entry.canonical)\t\(r.entry.source)")
                print("\t\tmatched '\(r.form)': \(r.reasons.joined(separator: "; "))" + (features.isEmpty ? "" : "\t[\(features)]"))
            }
        }
    }

    struct Compile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compile",
            abstract: "Compile the gazetteers into the cache now, so the next command starts fast.",
            discussion: """
            Any command that loads data does this by itself when the cache is missing or out of date; \
            this only does it ahead of time. Prints the cache file and the number of entries.
            """
        )

        @OptionGroup var data: DataOptions

        func validate() throws {
            if data.noCache { throw ValidationError("--no-cache: there is nothing to compile without the cache") }
            if GazetteerCache.defaultDirectory() == nil { throw ValidationError("no cache folder: set RASID_CACHE_DIR") }
        }

        func run() throws {
            let pipeline = try data.loadPipeline()
            let entries = pipeline.gazetteer.entryCount
            switch pipeline.gazetteerCacheOutcome {
            case .loaded(let url): print("\(url.path): up to date, \(entries) entries")
            case .written(let url): print("\(url.path): compiled \(entries) entries")
            case .notWritten, nil: throw ExitCode(1)  // loadPipeline has said why
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Convert GATE, spaCy or CoreNLP RegexNER gazetteers into Rasid's format.",
            discussion: "Writes DIR/<type>/NAME.lst; load them with --gazetteers DIR."
        )

        @Option(help: "gate (a lists.def), spacy (patterns.jsonl) or regexner (TSV).")
        var from: GazetteerImporter.Format

        @Argument(help: "The lists.def, patterns.jsonl or TSV file.")
        var input: String

        @Option(name: .shortAndLong, help: "Output folder.")
        var output: String

        @Option(help: "Name of the written files (default: the input's name).")
        var name: String?

        @Option(help: "GATE's feature separator in .lst files.")
        var separator = "&"

        func run() throws {
            let url = URL(fileURLWithPath: input)
            let result = try GazetteerImporter.load(from, from: url, featureSeparator: separator)
            let base = name ?? url.deletingPathExtension().lastPathComponent
            try GazetteerImporter.write(result, to: URL(fileURLWithPath: output), name: base,
                                        source: "imported from \(from.rawValue) file \(url.lastPathComponent)")
            for s in result.skipped { FileHandle.standardError.write(Data("rasid: skipped \(s)\n".utf8)) }
            print("imported \(result.count) entries of \(result.lines.count) types, skipped \(result.skipped.count)")
        }
    }
}

extension GazetteerImporter.Format: ExpressibleByArgument {}
