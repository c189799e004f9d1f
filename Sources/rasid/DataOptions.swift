import ArgumentParser
import Foundation
import Rasid

/// Options every command that loads data shares.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("gazetteers"), help: ArgumentHelp("A folder of more gazetteer files (repeatable).", valueName: "dir"))
    var gazetteerDirectories: [String] = []

    @Option(name: .customLong("rules"), help: ArgumentHelp("A folder of .rules files to use instead of the bundled rules.", valueName: "dir"))
    var rulesDirectory: String?

    @Flag(name: .customLong("no-bundled"), help: "Do not load the gazetteers and rules that ship with Rasid.")
    var noBundled = false

    @Flag(name: .customLong("no-cache"), help: ArgumentHelp(
        "Parse the gazetteer files without reading or writing the compiled cache.",
        discussion: "The cache lives in $RASID_CACHE_DIR, else $XDG_CACHE_HOME/rasid, else ~/.cache/rasid."))
    var noCache = false

    func validate() throws {
        for dir in gazetteerDirectories {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--gazetteers \(dir): no such folder")
            }
        }
        if let dir = rulesDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--rules \(dir): no such folder")
            }
        }
    }

    var configuration: Configuration {
        Configuration(useBundledData: !noBundled,
                      gazetteerDirectories: gazetteerDirectories.map { URL(fileURLWithPath: $0) },
                      rulesDirectory: rulesDirectory.map { URL(fileURLWithPath: $0) },
                      gazetteerCacheDirectory: noCache ? nil : GazetteerCache.defaultDirectory())
    }

    /// Loads the pipeline, turning data-file errors into a clean exit with every `file:line`. A
    /// cache that cannot be written costs speed, not results: one warning, and the run goes on.
    func loadPipeline() throws -> Pipeline {
        let pipeline: Pipeline
        do { pipeline = try Pipeline(configuration) } catch {
            FileHandle.standardError.write(Data("rasid: \(error)\n".utf8))
            throw ExitCode(2)
        }
        if case .notWritten(_, let reason) = pipeline.gazetteerCacheOutcome {
            FileHandle.standardError.write(Data("rasid: warning: gazetteer cache not written (\(reason)); --no-cache skips it\n".utf8))
        }
        return pipeline
    }
}
