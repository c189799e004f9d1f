import Foundation

/// What a pipeline loads.
public struct Configuration: Sendable {
    /// Load the gazetteers that ship with Rasid.
    public var useBundledData = true
    /// More gazetteer folders (`--gazetteers DIR`), loaded after the bundled ones.
    public var gazetteerDirectories: [URL] = []
    /// A rules folder used instead of the bundled `rules/` (`--rules DIR`).
    public var rulesDirectory: URL?
    /// The folder holding the bundled data; found by `BundledData.root()` when nil.
    public var dataRoot: URL?
    /// Where to keep the compiled gazetteer cache (`GazetteerCache`); nil loads without one. Off
    /// unless asked for, so a library user's program writes no files it did not choose to; the
    /// command-line tool sets `GazetteerCache.defaultDirectory()` unless given `--no-cache`.
    public var gazetteerCacheDirectory: URL?

    public init(useBundledData: Bool = true, gazetteerDirectories: [URL] = [], rulesDirectory: URL? = nil, dataRoot: URL? = nil,
                gazetteerCacheDirectory: URL? = nil) {
        self.useBundledData = useBundledData
        self.gazetteerDirectories = gazetteerDirectories
        self.rulesDirectory = rulesDirectory
        self.dataRoot = dataRoot
        self.gazetteerCacheDirectory = gazetteerCacheDirectory
    }

    /// The rules folder to load, if any: `rulesDirectory`, else the bundled one.
    func rulesRoot() throws -> (url: URL, displayName: String)? {
        if let dir = rulesDirectory { return (dir, Self.displayName(dir)) }
        guard useBundledData else { return nil }
        guard let root = dataRoot ?? BundledData.root() else {
            throw DataFileError(file: "rules", "bundled data not found: set RASID_DATA to the folder holding gazetteers/ and rules/")
        }
        return (root.appendingPathComponent("rules"), "rules")
    }

    /// A folder as the user wrote it: relative to the working directory where it is inside it.
    static func displayName(_ dir: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        var name = dir.standardizedFileURL.path
        if name.hasPrefix(cwd) { name.removeFirst(cwd.count) }
        if name.hasSuffix("/") { name.removeLast() }
        return name
    }

    /// The gazetteer roots to load, with the names shown in sources and errors.
    public func gazetteerRoots() throws -> [(url: URL, displayName: String)] {
        var roots: [(url: URL, displayName: String)] = []
        if useBundledData {
            guard let root = dataRoot ?? BundledData.root() else {
                throw DataFileError(file: "gazetteers", "bundled data not found: set RASID_DATA to the folder holding gazetteers/ and rules/")
            }
            roots.append((root.appendingPathComponent("gazetteers"), "gazetteers"))
        }
        for dir in gazetteerDirectories { roots.append((dir, Self.displayName(dir))) }
        return roots
    }
}
