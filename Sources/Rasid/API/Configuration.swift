import Foundation

/// What a pipeline loads.
public struct Configuration: Sendable {
    /// Load the gazetteers that ship with Rasid.
    public var useBundledData = true
    /// More gazetteer folders (`--gazetteers DIR`), loaded after the bundled ones.
    public var gazetteerDirectories: [URL] = []
    /// The folder holding the bundled data; found by `BundledData.root()` when nil.
    public var dataRoot: URL?

    public init(useBundledData: Bool = true, gazetteerDirectories: [URL] = [], dataRoot: URL? = nil) {
        self.useBundledData = useBundledData
        self.gazetteerDirectories = gazetteerDirectories
        self.dataRoot = dataRoot
    }

    /// The gazetteer roots to load, with the names shown in sources and errors.
    func gazetteerRoots() throws -> [(url: URL, displayName: String)] {
        var roots: [(url: URL, displayName: String)] = []
        if useBundledData {
            guard let root = dataRoot ?? BundledData.root() else {
                throw DataFileError(file: "gazetteers", "bundled data not found: set RASID_DATA to the folder holding gazetteers/ and rules/")
            }
            roots.append((root.appendingPathComponent("gazetteers"), "gazetteers"))
        }
        // Sources read as the user wrote the folder: relative to the working directory where it is inside it.
        let cwd = FileManager.default.currentDirectoryPath + "/"
        for dir in gazetteerDirectories {
            var name = dir.standardizedFileURL.path
            if name.hasPrefix(cwd) { name.removeFirst(cwd.count) }
            if name.hasSuffix("/") { name.removeLast() }
            roots.append((dir, name))
        }
        return roots
    }
}
