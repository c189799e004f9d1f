import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A compiled copy of the loaded gazetteers on disk, read instead of parsing the `.lst` files when
/// it still matches them: a million entries load in a fraction of a second instead of several.
///
/// One cache file holds everything loaded from one list of roots (bundled + `--gazetteers` folders),
/// not one file per root: the roots share one token lexicon and one trie, so per-root caches would
/// have to be merged edge by edge at every start, which is the work the cache exists to skip. The
/// price is that editing any root rebuilds the whole cache once, no slower than a load without it.
///
/// A cache is used only when its key matches: the format version, the running program (see
/// `programFingerprint`), and every source file's display path, size and content hash, so an
/// edited, added, removed or renamed `.lst` file is never answered from a stale cache. (A source
/// whose settled `FileStamp` is unchanged since it was read is known to hold the same bytes
/// without hashing them.) Any problem
/// reading it (missing, other key, truncated, damaged) means a silent rebuild from the sources;
/// failing to write it (read-only folder, full disk) leaves a working pipeline without a cache.
public struct GazetteerCache: Sendable {
    /// The folder holding the cache files.
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    /// `$RASID_CACHE_DIR`, else `$XDG_CACHE_HOME/rasid`, else `~/.cache/rasid`; nil without a home.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let dir = environment["RASID_CACHE_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        // The XDG spec: an empty or relative XDG_CACHE_HOME is to be ignored.
        if let dir = environment["XDG_CACHE_HOME"], dir.hasPrefix("/") {
            return URL(fileURLWithPath: dir).appendingPathComponent("rasid")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".cache/rasid")
    }

    /// What a load did with the cache.
    public enum Outcome: Sendable, Equatable {
        /// Read from the cache file.
        case loaded(URL)
        /// Loaded from the sources (no cache yet, or an outdated or damaged one), then cached.
        case written(URL)
        /// Loaded from the sources; the cache file could not be written, for `reason`.
        case notWritten(URL, reason: String)
    }

    /// Loads the gazetteers under `roots` from the cache when it matches them, else from the
    /// sources, then writes the cache. Throws only what a load without a cache throws.
    public func load(roots: [(url: URL, displayName: String)]) throws -> (gazetteer: Gazetteer, outcome: Outcome) {
        let (gazetteer, outcome, _) = try load(roots: roots, at: .now)
        return (gazetteer, outcome)
    }

    /// `load(roots:)`, with `readStart` the time the sources are taken as read at (now, but for
    /// tests), also saying how many sources the check of the cache's key read and hashed.
    ///
    /// A source that was not settled when the cache was written (generated just before
    /// `rasid gazetteer compile`, or copied just before a run), or whose stamp changed with its
    /// bytes the same (touch, chmod, a checkout), has no stamp in the key that vouches for it,
    /// so every start would hash it. Once such a source has settled, a start that hashes it
    /// writes the cache again under a key with its new stamp (once: 1M entries, a 170 MB file,
    /// written as `write` does, so a reader sees the old file or the new one), and later starts
    /// take it on its stamp.
    func load(roots: [(url: URL, displayName: String)], at readStart: FileStamp.Time) throws
        -> (gazetteer: Gazetteer, outcome: Outcome, hashed: Int) {
        let files = try GazetteerLoader.files(in: roots)
        let url = fileURL(for: roots)
        var check = KeyCheck(files: files, readStart: readStart)
        if let cached = try? Self.read(url, accepting: { check.matches($0) }) {
            if let renewed = check.renewed { try? write(cached, key: renewed, to: url) }
            return (cached, .loaded(url), check.hashed)
        }
        let (gazetteer, sources) = try GazetteerLoader.load(files, hashing: true)
        do {
            try write(gazetteer, key: Key(sources: sources), to: url)
            return (gazetteer, .written(url), check.hashed)
        } catch {
            return (gazetteer, .notWritten(url, reason: "\(error)"), check.hashed)
        }
    }

    /// The cache file for a list of roots: named by their absolute paths and display names (which
    /// appear in every entry's `source`), so each set of folders keeps its own cache.
    public func fileURL(for roots: [(url: URL, displayName: String)]) -> URL {
        var name = ""
        for root in roots {
            name += root.url.standardizedFileURL.resolvingSymlinksInPath().path + "\u{0}" + root.displayName + "\u{0}"
        }
        let hash = ContentHash.xxh64(Array(name.utf8))
        return directory.appendingPathComponent("gazetteers-" + String(hash, radix: 16) + ".cache")
    }

    /// Writes to a temporary file beside the cache, then renames it over the cache: a reader sees
    /// the old file or the new one, never half of one, and a crash leaves at worst a stray
    /// temporary file. No fsync: a cache lost or damaged by a power cut is detected and rebuilt.
    func write(_ gazetteer: Gazetteer, key: Key, to url: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        do {
            let writer = try BinaryFileWriter(creating: temporary.path)
            try Self.write(gazetteer, key: key, to: writer)
            try writer.finish()
            guard rename(temporary.path, url.path) == 0 else { throw BinaryFileError.system(url.path, "cannot rename into place") }
        } catch {
            unlink(temporary.path)
            throw error
        }
    }

    /// The cached gazetteer when `url` holds one under `key`; nil when it holds another key; throws
    /// when it cannot be read or is damaged.
    static func read(_ url: URL, key: Key) throws -> Gazetteer? {
        try read(url, accepting: { $0 == key })
    }

    /// The cached gazetteer when `url` holds one whose key `accept` takes; nil when it holds
    /// another; throws when it cannot be read or is damaged.
    static func read(_ url: URL, accepting accept: (Key) -> Bool) throws -> Gazetteer? {
        try read(BinaryFileReader(path: url.path), accepting: accept)
    }
}

extension GazetteerCache {
    /// One source file as the key records it.
    struct Source: Equatable, Sendable {
        var path: String
        var size: UInt64
        var hash: UInt64
        /// The file's stamp when it was read, if it was settled then (see `FileStamp`): a file that
        /// still has it holds the bytes `hash` was taken of, and is not read to check the key.
        var stamp: FileStamp?

        /// The hash runs over 1 MiB pieces in turn, each seeded with the hash so far: the same value
        /// whether the bytes are in memory (after a parse) or read piece by piece (to check a cache
        /// without holding or mapping a whole file).
        static let piece = 1 << 20

        init(path: String, size: UInt64, hash: UInt64, stamp: FileStamp? = nil) {
            (self.path, self.size, self.hash, self.stamp) = (path, size, hash, stamp)
        }

        /// `stamp` is kept only if it describes `bytes`: the file's stamp taken before they were
        /// read, settled at `readStart`, a time taken before the stamp.
        init(path: String, bytes: [UInt8], stamp: FileStamp? = nil, readStart: FileStamp.Time? = nil) {
            self.path = path
            if let stamp, let readStart, stamp.vouches(forSize: UInt64(bytes.count), readAt: readStart) {
                self.stamp = stamp
            }
            size = UInt64(bytes.count)
            hash = bytes.withUnsafeBytes { ContentHash.xxh64($0, piece: Self.piece) }
        }

        init(reading file: GazetteerLoader.File) throws {
            try self.init(reading: BinaryFileReader(path: file.url.path), path: file.displayPath)
        }

        /// The source `reader` has open, read from its start.
        init(reading reader: BinaryFileReader, path: String) throws {
            var buffer = [UInt8](repeating: 0, count: min(Self.piece, reader.size))
            var h: UInt64 = 0
            try buffer.withUnsafeMutableBytes { buffer in
                repeat {
                    let piece = UnsafeMutableRawBufferPointer(rebasing: buffer[..<min(Self.piece, reader.size - reader.position)])
                    try reader.readFully(into: piece)
                    h = ContentHash.xxh64(UnsafeRawBufferPointer(piece), seed: h)
                } while !reader.atEnd
            }
            self.path = path
            size = UInt64(reader.size)
            hash = h
        }
    }

    /// What a cache file must have been made from to be used.
    struct Key: Equatable, Sendable {
        var program = GazetteerCache.programFingerprint
        var sources: [Source]
    }

    /// Whether a key read from a cache file describes `files` as they are now, and the running
    /// program. A source whose settled stamp is unchanged is taken as is (no read); any other is
    /// read and hashed, and must have the size and hash the key records.
    struct KeyCheck {
        let files: [GazetteerLoader.File]
        /// A time taken before any source is stamped (see `FileStamp.isSettled`).
        let readStart: FileStamp.Time
        /// How many sources `matches` read and hashed.
        private(set) var hashed = 0
        /// After a match: the key to write in its place, when a source it hashed was settled by
        /// `readStart` and now has a stamp to vouch for it; nil when none gained one.
        private(set) var renewed: Key?

        init(files: [GazetteerLoader.File], readStart: FileStamp.Time) { (self.files, self.readStart) = (files, readStart) }

        mutating func matches(_ key: Key) -> Bool {
            renewed = nil
            guard key.program == GazetteerCache.programFingerprint, key.sources.count == files.count else { return false }
            var sources = key.sources, gained = false
            for (k, file) in files.enumerated() {
                let source = sources[k]
                guard source.path == file.displayPath else { return false }
                // Stamped and hashed through one descriptor (see `FileStamp.init(descriptor:)`).
                guard let reader = try? BinaryFileReader(path: file.url.path) else { return false }
                let stamp = reader.stamp()
                if let stamp, stamp == source.stamp { continue }
                hashed += 1
                guard let now = try? Source(reading: reader, path: file.displayPath),
                      now.size == source.size, now.hash == source.hash else { return false }
                // The stamp was taken before the bytes hashed, as the loader takes it.
                if let stamp, stamp.vouches(forSize: source.size, readAt: readStart) {
                    sources[k].stamp = stamp
                    gained = true
                }
            }
            if gained { renewed = Key(program: key.program, sources: sources) }
            return true
        }
    }

    /// The running executable's path, size and modification time. The cache holds entries already
    /// normalised and tokenised, so a rebuilt Rasid, whose normalisation or tokenisation may have
    /// changed without a change of cache format, must not trust a cache an older build wrote.
    /// (Rasid links statically into its executables, so the executable changes with the library.)
    static let programFingerprint: UInt64 = {
        guard let path = Bundle.main.executableURL?.path,
              let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return 0 }
        let size = (attributes[.size] as? NSNumber)?.uint64Value ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return ContentHash.xxh64(Array("\(path)\u{0}\(size)\u{0}\(modified)".utf8))
    }()
}
