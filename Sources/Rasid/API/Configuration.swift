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
        for dir in gazetteerDirectories {
            roots.append((dir, dir.path.hasSuffix("/") ? String(dir.path.dropLast()) : dir.path))
        }
        return roots
    }
}
