import Foundation

/// Finds gazetteer files in folders and compiles them.
public enum GazetteerLoader {
    /// A gazetteer file found under a root folder.
    public struct File: Sendable {
        public var url: URL
        /// The path shown in errors and sources (`gazetteers/place/egypt.lst`).
        public var displayPath: String
        /// The type its folder names, if it sits in one.
        public var folderType: String?
    }

    /// Every `.lst` file under `root`, sorted by path so loading is deterministic.
    public static func files(in root: URL, displayName: String) throws -> [File] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DataFileError(file: root.path, "gazetteer folder not found")
        }
        let base = root.standardizedFileURL.resolvingSymlinksInPath().path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var found: [File] = []
        for case let relative as String in walker where relative.hasSuffix(".lst") {
            let parts = relative.split(separator: "/")
            let folderType = parts.count > 1 ? String(parts[0]).uppercased() : nil
            found.append(File(url: URL(fileURLWithPath: base).appendingPathComponent(relative),
                              displayPath: displayName + "/" + relative, folderType: folderType))
        }
        return found.sorted { $0.displayPath < $1.displayPath }
    }

    /// Every `.lst` file under each of `roots`, root by root, in loading order.
    static func files(in roots: [(url: URL, displayName: String)]) throws -> [File] {
        try roots.flatMap { try files(in: $0.url, displayName: $0.displayName) }
    }

    /// Parses and compiles the gazetteers under `roots`, throwing every malformed line at once.
    public static func load(roots: [(url: URL, displayName: String)]) throws -> Gazetteer {
        try load(files(in: roots), hashing: false).gazetteer
    }

    /// Parses and compiles `files`. With `hashing`, also says what was read for the cache's key:
    /// each file's path, size and content hash, from the very bytes parsed, and its stamp when it
    /// was settled, taken through the descriptor they are read from: a file edited while loading
    /// then gives a key that the next start will not match, never a stale cache.
    static func load(_ files: [File], hashing: Bool) throws -> (gazetteer: Gazetteer, sources: [GazetteerCache.Source]) {
        let (builder, sources) = try compile(files, hashing: hashing)
        return (builder.build(), sources)
    }

    /// `load`, up to the built gazetteer: the builder holding every entry of `files`.
    static func compile(_ files: [File], hashing: Bool) throws -> (builder: GazetteerBuilder, sources: [GazetteerCache.Source]) {
        let builder = try GazetteerBuilder()
        var errors: [DataFileError] = []
        var sources: [GazetteerCache.Source] = []
        for file in files {
            let bytes: [UInt8]
            // The stamp before the bytes, and of the file they are read from, through one
            // descriptor (see `FileStamp`): a write after it gives another stamp.
            let readStart = hashing ? FileStamp.Time.now : nil
            var stamp: FileStamp?
            do {
                let reader = try BinaryFileReader(path: file.url.path)
                stamp = hashing ? reader.stamp() : nil
                bytes = try reader.contents()
            } catch {
                errors.append(DataFileError(file: file.displayPath, "cannot read: \(error)"))
                continue
            }
            if hashing {
                sources.append(GazetteerCache.Source(path: file.displayPath, bytes: bytes, stamp: stamp, readStart: readStart))
            }
            let parsed = try GazetteerFileParser.parse(bytes, path: file.displayPath, folderType: file.folderType) {
                try builder.add($0)
            }
            errors += parsed.errors
        }
        errors += builder.errors
        if !errors.isEmpty { throw DataFileErrors(errors: errors) }
        return (builder, sources)
    }
}
