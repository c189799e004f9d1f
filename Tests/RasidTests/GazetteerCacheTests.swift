import Foundation
import Testing
@testable import Rasid

/// The compiled gazetteer cache: same results as parsing, never stale, never trusted when damaged.
/// Every test keeps its cache in its own temporary folder, never in the user's.
@Suite struct GazetteerCacheTests {
    static let files = [
        "title/titles.lst": "#@ source = test\nالمهندس\tcategory=engineer\nالدكتور | د.\tcategory=doctor\n",
        "place/places.lst": "#@ subtype = governorate\n#@ country = EG\nالإسكندرية | الاسكندريه\tid=EG-ALX\nالقاهرة\tid=EG-C\tcanonical=القاهرة الكبرى\n",
        "party/parties.lst": "حزب مستقبل وطن | مستقبل وطن\tid=mostaqbal-watan\n",
        "bodies.lst": "#@ type = org\nأمانة شئون الإسكان والمرافق\n",
    ]
    static let texts = [
        "قال المهندس محمد إن حزب مستقبل وطن بالإسكندرية والقاهرة",
        "د. سعيد من الاسكندريه ومستقبل وطن وأمانة شئون الإسكان والمرافق",
    ]

    /// A gazetteer folder, a cache folder, and a pipeline maker over them.
    struct Setup {
        let gazetteers: URL
        let cache: URL

        init(_ files: [String: String] = GazetteerCacheTests.files) throws {
            gazetteers = try TestGazetteers.folder(files)
            cache = FileManager.default.temporaryDirectory.appendingPathComponent("rasid-cache-test-\(UUID().uuidString)")
        }

        func pipeline(cached: Bool = true) throws -> Pipeline {
            try Pipeline(Configuration(useBundledData: false, gazetteerDirectories: [gazetteers],
                                       gazetteerCacheDirectory: cached ? cache : nil))
        }

        var cacheFile: URL {
            GazetteerCache(directory: cache).fileURL(for: [(gazetteers, Configuration.displayName(gazetteers))])
        }

        func removeCache() { try? FileManager.default.removeItem(at: cache) }

        func write(_ path: String, _ contents: String) throws {
            try contents.write(to: gazetteers.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
    }

    /// Everything a pipeline's gazetteer gives back: every entry, and what extraction and lookup report.
    static func observable(_ p: Pipeline) throws -> [String] {
        func describe(_ e: GazetteerEntry) -> String {
            "\(e.type) \(e.forms) \(e.canonical) \(e.source) \(e.features.sorted { $0.key < $1.key })"
        }
        var out = (0..<p.gazetteer.entryCount).map { describe(p.gazetteer.entry(at: $0)) }
        out.append("types \(p.gazetteer.types.sorted())")
        let worker = try p.makeWorker()
        for text in texts {
            out += try worker.extract(text).entities.map { "\($0.start) \($0.end) \($0.type) \($0.canonical ?? "") \($0.source) \($0.features.sorted { $0.key < $1.key })" }
            out += try worker.lookup(text).map { "\($0.start) \($0.form) \($0.reasons) \($0.entry.source)" }
        }
        return out
    }

    /// Whether a key read from a cache describes `files` now.
    static func isMatched(_ key: GazetteerCache.Key, by files: [GazetteerLoader.File]) -> Bool {
        var check = GazetteerCache.KeyCheck(files: files, readStart: .now)
        return check.matches(key)
    }

    /// A source hashed on a start (not settled when the cache was written, or touched since) has
    /// its stamp put into the cache's key once it has settled, so later starts do not hash it;
    /// the cache file is rewritten only when a source gains a stamp.
    @Test func aSourceThatHasSettledIsHashedOnceMore() throws {
        let s = try Setup()
        defer { s.removeCache() }
        let cache = GazetteerCache(directory: s.cache)
        let roots = [(url: s.gazetteers, displayName: Configuration.displayName(s.gazetteers))]
        let files = try GazetteerLoader.files(in: roots)
        let g = try s.pipeline(cached: false).gazetteer
        // A key of hashes alone, as for sources written just before the cache.
        try cache.write(g, key: GazetteerCache.Key(sources: files.map { try GazetteerCache.Source(reading: $0) }), to: s.cacheFile)
        let written = try #require(Self.stamp(s.cacheFile))
        let never = FileStamp.Time(seconds: 0, nanoseconds: 0)  // nothing is settled yet at this time
        for _ in 0..<2 {
            let l = try cache.load(roots: roots, at: never)
            #expect(l.outcome == .loaded(s.cacheFile) && l.hashed == files.count)
        }
        #expect(Self.stamp(s.cacheFile) == written)  // not rewritten: no source gained a stamp

        let later = FileStamp.Time(seconds: FileStamp.Time.now.seconds + 60, nanoseconds: 0)
        var l = try cache.load(roots: roots, at: later)
        #expect(l.outcome == .loaded(s.cacheFile) && l.hashed == files.count)
        #expect(Self.stamp(s.cacheFile)?.inode != written.inode)  // rewritten, under stamps
        l = try cache.load(roots: roots, at: later)
        #expect(l.outcome == .loaded(s.cacheFile) && l.hashed == 0)
        #expect(try cache.load(roots: roots, at: .now).hashed == 0)
        #expect(try Self.observable(s.pipeline()) == Self.observable(s.pipeline(cached: false)))

        // One source touched (another stamp, the same bytes): hashed once more, then not.
        let touched = files[1].url.path
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: touched)
        l = try cache.load(roots: roots, at: later)
        #expect(l.outcome == .loaded(s.cacheFile) && l.hashed == 1)
        l = try cache.load(roots: roots, at: later)
        #expect(l.outcome == .loaded(s.cacheFile) && l.hashed == 0)

        // Its bytes then changed: rebuilt, as ever.
        try s.write("party/parties.lst", "حزب آخر\n")
        l = try cache.load(roots: roots, at: later)
        #expect(l.outcome == .written(s.cacheFile))
        #expect(try TestGazetteers.found(s.pipeline(), "حزب آخر") == ["PARTY:حزب آخر"])
    }

    /// A forged cache whose checksums are right (the writer made them): wild steps (nodes past the
    /// trie's, negative ones, the terminal bit set on nodes without entries), word offsets past
    /// the edges' words, the first tokens' terminal bits flipped. It loads (steps are not checked
    /// on load) and runs through the pipeline, extraction and lookup, without a crash or a read
    /// out of bounds.
    @Test func aForgedCacheRunsThroughThePipeline() throws {
        let s = try Setup()
        defer { s.removeCache() }
        let g = try s.pipeline(cached: false).gazetteer
        let files = try GazetteerLoader.files(in: [(s.gazetteers, Configuration.displayName(s.gazetteers))])
        let key = GazetteerCache.Key(sources: try files.map { try GazetteerCache.Source(reading: $0) })
        let texts = Self.texts + [Self.texts.joined(separator: " "), "حزب مستقبل وطن مستقبل وطن الإسكندرية القاهرة"]
        var rng = SystemRandomNumberGenerator()
        for round in 0..<24 {
            var slots = g.edges.slots
            for k in stride(from: 0, to: slots.count, by: 2) where slots[k] != .max {
                let real = slots[k + 1]
                let at = round % 3 == 0 ? real >> 32 : UInt64(UInt32.random(in: 0...UInt32.max, using: &rng))
                let step: Int32 = switch Int.random(in: 0..<5, using: &rng) {
                case 0: Int32(truncatingIfNeeded: real) ^ 1
                case 1: Int32.random(in: Int32.min...Int32.max, using: &rng)
                case 2: Int32.max
                case 3: Int32(g.nodeCount) << 1 | 1
                default: Int32(truncatingIfNeeded: real)
                }
                slots[k + 1] = at << 32 | UInt64(UInt32(bitPattern: step))
            }
            let edges = try #require(EdgeTable(slots: slots, words: g.edges.words, count: g.edges.count))
            let forged = Gazetteer(entries: g.entries, edges: edges, starts: g.starts,
                                   startSteps: round % 2 == 0 ? g.startSteps.map { $0 ^ 1 } : g.startSteps,
                                   terminalOffsets: g.terminalOffsets, terminalEntries: g.terminalEntries)
            try GazetteerCache(directory: s.cache).write(forged, key: key, to: s.cacheFile)
            let p = try s.pipeline()
            #expect(p.gazetteerCacheOutcome == .loaded(s.cacheFile))
            let worker = try p.makeWorker()
            for text in texts {
                _ = try worker.extract(text)
                _ = try worker.lookup(text)
            }
        }
    }

    /// A file's stamp as the cache takes it: through a descriptor.
    static func stamp(_ url: URL) -> FileStamp? { try? BinaryFileReader(path: url.path).stamp() }

    /// A source is stamped through the descriptor its bytes are read from, not by its path: a file
    /// renamed over it after the open changes neither the stamp nor the bytes that reader gives,
    /// so the two always describe one file. `contents` reads to the end as it is when read.
    @Test func aSourceIsStampedAndReadThroughOneDescriptor() throws {
        let folder = try TestGazetteers.folder(["a.lst": "أول\n"])
        let url = folder.appendingPathComponent("a.lst")
        let reader = try BinaryFileReader(path: url.path)
        let before = try #require(reader.stamp())
        let replacement = folder.appendingPathComponent("b.tmp")
        try Data("ثاني أطول\n".utf8).write(to: replacement)
        #expect(rename(replacement.path, url.path) == 0)
        let after = try #require(Self.stamp(url))
        #expect(after.inode != before.inode)
        // (The old file's ctime moved as its last link went: that is all that changed.)
        #expect(reader.stamp()?.inode == before.inode && reader.stamp()?.size == before.size)
        #expect(try reader.contents() == Array("أول\n".utf8))

        // Grown after the open: every byte, not only the size the open saw.
        let grown = try BinaryFileReader(path: url.path)
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        let more = [UInt8](repeating: 0x41, count: 100_000)
        try handle.write(contentsOf: Data(more))
        try handle.close()
        #expect(try grown.contents() == Array("ثاني أطول\n".utf8) + more)
        let empty = folder.appendingPathComponent("empty.lst")
        #expect(FileManager.default.createFile(atPath: empty.path, contents: Data()))
        #expect(try BinaryFileReader(path: empty.path).contents() == [])
    }

    /// Stamps are trusted only on local file systems; a source elsewhere is hashed on every start.
    @Test func stampsAreTrustedOnlyOnLocalFileSystems() throws {
        for local: UInt32 in [0xEF53, 0x5846_5342, 0x9123_683E, 0x0102_1994, 0x794C_7630, 0xF2F5_2010, 0x2FC1_2FC1] {
            #expect(FileStamp.trustsFileSystem(type: local))
        }
        // NFS, SMB2, CIFS, FUSE (sshfs, ...), 9p, FAT, exFAT, Ceph, an unknown one.
        for remote: UInt32 in [0x6969, 0xFE53_4D42, 0xFF53_4D42, 0x6573_5546, 0x0102_1997, 0x4D44, 0x2011_BAB0, 0x00C3_6400, 0] {
            #expect(!FileStamp.trustsFileSystem(type: remote))
        }
        // The test's temporary folder is local here (ext4 or tmpfs): the stamp is that of fstat.
        let folder = try TestGazetteers.folder(["a.lst": "أول\n"])
        let fd = open(folder.appendingPathComponent("a.lst").path, O_RDONLY)
        defer { close(fd) }
        #expect(FileStamp.isOnTrustedFileSystem(fd))
        #expect(FileStamp(descriptor: fd)?.size == UInt64("أول\n".utf8.count))
        // A descriptor that is no file's: no stamp.
        #expect(FileStamp(descriptor: -1) == nil && !FileStamp.isOnTrustedFileSystem(-1))
    }

    @Test func roundTripGivesWhatParsingGives() throws {
        let s = try Setup()
        defer { s.removeCache() }
        let parsed = try s.pipeline(cached: false)
        #expect(parsed.gazetteerCacheOutcome == nil)
        let first = try s.pipeline()
        #expect(first.gazetteerCacheOutcome == .written(s.cacheFile))
        let second = try s.pipeline()
        #expect(second.gazetteerCacheOutcome == .loaded(s.cacheFile))

        let expected = try Self.observable(parsed)
        #expect(expected.count > 20)
        #expect(expected.contains { $0.contains("القاهرة الكبرى") && $0.contains("place/places.lst:4") })
        #expect(try Self.observable(first) == expected)
        #expect(try Self.observable(second) == expected)
        #expect(second.gazetteer.nodeCount == parsed.gazetteer.nodeCount)
        #expect(second.gazetteer.edges.count == parsed.gazetteer.edges.count)
        #expect(second.gazetteer.startSteps == parsed.gazetteer.startSteps)
    }

    @Test func editingAddingAndDeletingASourceRebuilds() throws {
        let s = try Setup()
        defer { s.removeCache() }
        _ = try s.pipeline()
        #expect(try s.pipeline().gazetteerCacheOutcome == .loaded(s.cacheFile))

        // The same size, one letter changed: the file is replaced (another inode, so another
        // stamp; in place, a later ctime), and just written, so unstamped: its hash tells.
        let edited = Self.files["party/parties.lst"]!.replacingOccurrences(of: "mostaqbal-watan", with: "mostaqbal-watax")
        try s.write("party/parties.lst", edited)
        var p = try s.pipeline()
        #expect(p.gazetteerCacheOutcome == .written(s.cacheFile))
        #expect(try p.makeWorker().extract("حزب مستقبل وطن").entities.first?.features["id"] == "mostaqbal-watax")

        try s.write("place/more.lst", "طنطا\tid=EG-GH\n")
        p = try s.pipeline()
        #expect(p.gazetteerCacheOutcome == .written(s.cacheFile))
        #expect(try TestGazetteers.found(p, "في طنطا") == ["PLACE:طنطا"])
        #expect(try s.pipeline().gazetteerCacheOutcome == .loaded(s.cacheFile))

        try FileManager.default.removeItem(at: s.gazetteers.appendingPathComponent("place/more.lst"))
        p = try s.pipeline()
        #expect(p.gazetteerCacheOutcome == .written(s.cacheFile))
        #expect(try TestGazetteers.found(p, "في طنطا") == [])
        #expect(try Self.observable(p) == Self.observable(s.pipeline(cached: false)))
    }

    @Test func aCacheFromAnotherProgramBuildIsNotUsed() throws {
        let s = try Setup()
        defer { s.removeCache() }
        let g = try s.pipeline(cached: false).gazetteer
        let files = try GazetteerLoader.files(in: [(s.gazetteers, "g")])
        let sources = try files.map { try GazetteerCache.Source(reading: $0) }
        let cache = GazetteerCache(directory: s.cache)
        let url = s.cache.appendingPathComponent("x.cache")
        try cache.write(g, key: GazetteerCache.Key(program: 1, sources: sources), to: url)
        #expect(try GazetteerCache.read(url, key: GazetteerCache.Key(program: 1, sources: sources)) != nil)
        #expect(try GazetteerCache.read(url, key: GazetteerCache.Key(program: 2, sources: sources)) == nil)
        var other = sources
        other[0].path += "x"
        #expect(try GazetteerCache.read(url, key: GazetteerCache.Key(program: 1, sources: other)) == nil)
    }

    /// A source whose stamp was settled when it was read is taken on its stamp, its bytes unread;
    /// once the file is written to (in place: same inode, same size), its stamp changes and its
    /// bytes are hashed again, so an edit is never answered from the stale cache.
    @Test func aSettledStampVouchesUntilTheFileIsWritten() throws {
        let s = try Setup()
        defer { s.removeCache() }
        let g = try s.pipeline(cached: false).gazetteer
        let files = try GazetteerLoader.files(in: [(s.gazetteers, "g")])
        let url = s.cache.appendingPathComponent("x.cache")
        func write(_ sources: [GazetteerCache.Source]) throws {
            try GazetteerCache(directory: s.cache).write(g, key: GazetteerCache.Key(sources: sources), to: url)
        }
        func accepted() throws -> Bool { try GazetteerCache.read(url, accepting: { Self.isMatched($0, by: files) }) != nil }

        // As if read long ago: each file's stamp as it is now, taken as settled.
        let read = try files.map { try GazetteerCache.Source(reading: $0) }
        var stamped = read
        for k in stamped.indices { stamped[k].stamp = Self.stamp(files[k].url) }
        try write(stamped)
        #expect(try accepted())
        // The hashes made wrong: still taken, on the stamps alone (the bytes were not read).
        var wrongHashes = stamped
        for k in wrongHashes.indices { wrongHashes[k].hash ^= 1 }
        try write(wrongHashes)
        #expect(try accepted())
        // Without stamps the hashes are checked.
        var unstamped = wrongHashes
        for k in unstamped.indices { unstamped[k].stamp = nil }
        try write(unstamped)
        #expect(try !accepted())
        try write(read)
        #expect(try accepted())
        // Another program, another file list, another path: refused.
        #expect(try GazetteerCache.read(url, accepting: { Self.isMatched($0, by: Array(files.dropLast())) }) == nil)
        var renamed = files
        renamed[0].displayPath += "x"
        #expect(try GazetteerCache.read(url, accepting: { Self.isMatched($0, by: renamed) }) == nil)
        try GazetteerCache(directory: s.cache).write(g, key: GazetteerCache.Key(program: 1, sources: stamped), to: url)
        #expect(try !accepted())

        // One file rewritten in place with other bytes of the same size: its stamp changes (ctime
        // is set by the kernel; written again until the clock's coarse tick has moved on), so its
        // bytes are hashed, and the cache, although its stamp for it was settled, is refused.
        try write(stamped)
        let target = files.firstIndex { $0.displayPath.hasSuffix("parties.lst") }!
        let original = try Data(contentsOf: files[target].url)
        let edited = Data(Self.files["party/parties.lst"]!.replacingOccurrences(of: "mostaqbal-watan", with: "mostaqbal-watax").utf8)
        #expect(edited.count == original.count)
        let handle = try FileHandle(forWritingTo: files[target].url)
        defer { try? handle.close() }
        for _ in 0..<10_000 where Self.stamp(files[target].url) == stamped[target].stamp {
            try handle.seek(toOffset: 0)
            try handle.write(contentsOf: edited)
            usleep(100)
        }
        #expect(Self.stamp(files[target].url)?.inode == stamped[target].stamp?.inode)
        #expect(Self.stamp(files[target].url) != stamped[target].stamp)
        #expect(try !accepted())
        // Its old bytes put back: the stamp still differs, the hash is right again.
        try handle.seek(toOffset: 0)
        try handle.write(contentsOf: original)
        #expect(try accepted())
    }

    @Test func aStampIsSettledOnlyWellBeforeTheRead() {
        let t = FileStamp.Time(seconds: 1_000_000, nanoseconds: 500)
        let stamp = FileStamp(device: 3, inode: 77, size: 12, modified: t, changed: t)
        #expect(stamp.isSettled(at: FileStamp.Time(seconds: t.seconds + FileStamp.settleTime, nanoseconds: 501)))
        #expect(!stamp.isSettled(at: FileStamp.Time(seconds: t.seconds + FileStamp.settleTime, nanoseconds: 500)))
        #expect(!stamp.isSettled(at: FileStamp.Time(seconds: t.seconds + 1, nanoseconds: 999_999_999)))
        #expect(!stamp.isSettled(at: FileStamp.Time(seconds: t.seconds - 5, nanoseconds: 0)))  // dated in the future
        #expect(FileStamp(words: stamp.words[...]) == stamp)
        let negative = FileStamp(device: 0, inode: .max, size: 0, modified: FileStamp.Time(seconds: -3, nanoseconds: 7), changed: t)
        #expect(FileStamp(words: negative.words[...]) == negative)

        // A source keeps the stamp taken before its bytes only when it was settled and has their size.
        let bytes = [UInt8](repeating: 65, count: 12)
        let long = FileStamp.Time(seconds: t.seconds + 60, nanoseconds: 0)
        #expect(GazetteerCache.Source(path: "p", bytes: bytes, stamp: stamp, readStart: long).stamp == stamp)
        #expect(GazetteerCache.Source(path: "p", bytes: bytes, stamp: stamp, readStart: t).stamp == nil)
        #expect(GazetteerCache.Source(path: "p", bytes: bytes + [1], stamp: stamp, readStart: long).stamp == nil)
        #expect(GazetteerCache.Source(path: "p", bytes: bytes).stamp == nil)
        #expect(GazetteerCache.Source(path: "p", bytes: bytes, stamp: stamp, readStart: long).hash == GazetteerCache.Source(path: "p", bytes: bytes).hash)
    }

    @Test func aNewlyWrittenSourceIsKeyedByItsHash() throws {
        // The sources were written just now: not settled, so the cache keeps no stamp for them.
        let s = try Setup()
        defer { s.removeCache() }
        let files = try GazetteerLoader.files(in: [(s.gazetteers, "g")])
        let (_, sources) = try GazetteerLoader.load(files, hashing: true)
        #expect(sources.count == files.count)
        for (source, file) in zip(sources, files) {
            // (Unless this machine took two seconds to get here.)
            if Self.stamp(file.url)?.isSettled(at: .now) == false { #expect(source.stamp == nil) }
            #expect(try GazetteerCache.Source(reading: file) == GazetteerCache.Source(path: source.path, size: source.size, hash: source.hash))
        }
    }

    /// The checks a cached table passes on each start, written as vector code, against plain models.
    @Test func tableChecksAgreeWithPlainModels() {
        var rng = SystemRandomNumberGenerator()
        for n in [0, 1, 2, 3, 17, 64, 257] {
            for _ in 0..<40 {
                var values = (0..<n).map { _ in Int32.random(in: -2...40, using: &rng) }
                if Bool.random(using: &rng) { values.sort() }
                let limit = Int.random(in: -1...45, using: &rng)
                let rising = values.isEmpty ? limit == 0
                    : values[0] >= 0 && zip(values, values.dropFirst()).allSatisfy { $0 <= $1 } && Int(values.last!) == limit
                #expect(EntryTable.isRising(values, to: limit) == rising, "\(values) \(limit)")
                #expect(EntryTable.all(values, below: limit) == values.allSatisfy { $0 >= 0 && Int($0) < limit }, "\(values) \(limit)")
                let bytes = [UInt8](repeating: 0, count: max(0, limit))
                let pool = values.isEmpty || (values[0] >= 0 && zip(values, values.dropFirst()).allSatisfy { $0 <= $1 }
                                              && Int(values.last!) <= bytes.count)
                #expect((StringPool(bytes: bytes, ends: values) != nil) == pool, "\(values) \(limit)")
            }
        }
    }

    @Test func sectionChecksumsArePiecewise() {
        // The writer's checksum over a whole array equals the reader's, taken piece by piece as it lands.
        var bytes = [UInt8](repeating: 0, count: 2 * BinaryFileWriter.piece + 999)
        for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: i &* 2_654_435_761 >> 11) }
        for n in [0, 1, BinaryFileWriter.piece, BinaryFileWriter.piece + 1, bytes.count] {
            var h: UInt64 = 0, start = 0
            bytes.withUnsafeBytes { all in
                repeat {
                    let end = min(start + BinaryFileWriter.piece, n)
                    h = ContentHash.xxh64(UnsafeRawBufferPointer(rebasing: all[start..<end]), seed: h)
                    start = end
                } while start < n
            }
            #expect(bytes.withUnsafeBytes { BinaryFileWriter.checksum(UnsafeRawBufferPointer(rebasing: $0[..<n])) } == h)
            if n <= BinaryFileWriter.piece {
                #expect(h == bytes.withUnsafeBytes { ContentHash.xxh64(UnsafeRawBufferPointer(rebasing: $0[..<n])) })
            }
        }
    }

    /// Cut short, bytes flipped anywhere, empty, or not a cache at all: rebuilt silently, same results.
    @Test func aDamagedCacheIsRebuilt() throws {
        let s = try Setup()
        defer { s.removeCache() }
        let expected = try Self.observable(s.pipeline(cached: false))
        _ = try s.pipeline()
        let good = try Data(contentsOf: s.cacheFile)
        #expect(good.count > 1000)

        var damaged: [Data] = [Data(), Data("not a cache".utf8), good.prefix(good.count / 2), good.dropLast()]
        for offset in stride(from: 0, to: good.count, by: max(1, good.count / 97)) + [good.count - 1] {
            var flipped = good
            flipped[offset] ^= 0x10
            damaged.append(flipped)
        }
        for bytes in damaged {
            try bytes.write(to: s.cacheFile)
            let p = try s.pipeline()
            #expect(p.gazetteerCacheOutcome == .written(s.cacheFile))
            #expect(try Self.observable(p) == expected)
            #expect(try Data(contentsOf: s.cacheFile) == good)
        }
    }

    @Test func anUnwritableCacheFolderStillLoads() throws {
        let s = try Setup()
        defer { s.removeCache() }
        // A folder under a regular file cannot be made, even by root (who ignores permission bits).
        let blocker = s.cache.appendingPathExtension("file")
        try Data("x".utf8).write(to: blocker)
        defer { try? FileManager.default.removeItem(at: blocker) }
        let p = try Pipeline(Configuration(useBundledData: false, gazetteerDirectories: [s.gazetteers],
                                           gazetteerCacheDirectory: blocker.appendingPathComponent("cache")))
        guard case .notWritten(_, let reason) = p.gazetteerCacheOutcome else {
            Issue.record("expected notWritten, got \(String(describing: p.gazetteerCacheOutcome))")
            return
        }
        #expect(!reason.isEmpty)
        #expect(try Self.observable(p) == Self.observable(s.pipeline(cached: false)))
    }

    @Test func bundledGazetteersRoundTrip() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("rasid-cache-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let plain = try Pipeline(Configuration())
        _ = try Pipeline(Configuration(gazetteerCacheDirectory: cache))
        let cached = try Pipeline(Configuration(gazetteerCacheDirectory: cache))
        guard case .loaded = cached.gazetteerCacheOutcome else {
            Issue.record("expected loaded, got \(String(describing: cached.gazetteerCacheOutcome))")
            return
        }
        #expect(cached.gazetteer.entryCount == plain.gazetteer.entryCount)
        #expect(plain.gazetteer.entryCount > 1000)
        for i in 0..<plain.gazetteer.entryCount where plain.gazetteer.entry(at: i) != cached.gazetteer.entry(at: i) {
            Issue.record("entry \(i) differs: \(plain.gazetteer.entry(at: i)) vs \(cached.gazetteer.entry(at: i))")
            break
        }
    }

    @Test func eachSetOfRootsHasItsOwnFile() {
        let cache = GazetteerCache(directory: URL(fileURLWithPath: "/c"))
        let a = URL(fileURLWithPath: "/data/a"), b = URL(fileURLWithPath: "/data/b")
        let one = cache.fileURL(for: [(a, "a")])
        #expect(one == cache.fileURL(for: [(a, "a")]))
        #expect(one.deletingLastPathComponent().path == "/c")
        #expect(one != cache.fileURL(for: [(a, "other name")]))
        #expect(one != cache.fileURL(for: [(a, "a"), (b, "b")]))
        #expect(cache.fileURL(for: [(a, "a"), (b, "b")]) != cache.fileURL(for: [(b, "b"), (a, "a")]))
    }

    @Test func defaultDirectoryFollowsTheEnvironment() {
        func dir(_ env: [String: String]) -> String? { GazetteerCache.defaultDirectory(environment: env)?.path }
        #expect(dir(["RASID_CACHE_DIR": "/r", "XDG_CACHE_HOME": "/x", "HOME": "/h"]) == "/r")
        #expect(dir(["XDG_CACHE_HOME": "/x", "HOME": "/h"]) == "/x/rasid")
        #expect(dir(["RASID_CACHE_DIR": "", "XDG_CACHE_HOME": "relative", "HOME": "/h"]) == "/h/.cache/rasid")
        #expect(dir([:]) == nil)
    }

    @Test func sourceHashIsTheSameFromMemoryAndFromTheFile() throws {
        // Over several 1 MiB pieces and a ragged end, and for an empty file.
        var bytes = [UInt8](repeating: 0, count: 3 * GazetteerCache.Source.piece + 12345)
        for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: i &* 2_654_435_761 >> 13) }
        for content in [bytes, []] {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("rasid-hash-\(UUID().uuidString).lst")
            try Data(content).write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            let file = GazetteerLoader.File(url: url, displayPath: "d/x.lst", folderType: nil)
            #expect(try GazetteerCache.Source(reading: file) == GazetteerCache.Source(path: "d/x.lst", bytes: content))
        }
        var changed = bytes
        changed[2 * GazetteerCache.Source.piece + 7] ^= 1
        #expect(GazetteerCache.Source(path: "p", bytes: changed) != GazetteerCache.Source(path: "p", bytes: bytes))
    }

    @Test func xxh64MatchesTheReferenceVectors() {
        func h(_ s: String) -> String { String(ContentHash.xxh64(Array(s.utf8)), radix: 16) }
        #expect(h("") == "ef46db3751d8e999")
        #expect(h("a") == "d24ec4f1a98c6e5b")
        #expect(h("abc") == "44bc2cf5ad770999")
        #expect(h("Nobody inspects the spammish repetition") == "fbcea83c8a378bf1")
    }

    @Test func sourcesSplitIntoFileAndLineAndBackExactly() {
        #expect(EntryTable.splitSource("g/place/x.lst:12") == ("g/place/x.lst", 12))
        #expect(EntryTable.splitSource("c:/a:b.lst:3") == ("c:/a:b.lst", 3))
        for odd in ["manual", "x.lst:", "x.lst:012", "x.lst:0", "x.lst:-1", "x.lst:99999999999"] {
            #expect(EntryTable.splitSource(odd) == (odd, 0))
            var table = EntryTable()
            table.append(GazetteerEntry(type: "X", forms: ["a"], canonical: "a", features: [:], source: odd))
            #expect(table.entry(at: 0).source == odd)
        }
        // `source(at:)` writes the line's digits itself: every length, and file names not ASCII.
        var table = EntryTable()
        let sources = ["g/x.lst:1", "g/x.lst:9", "g/x.lst:10", "ج/قائمة.lst:305", "c:/a:b.lst:1000000", "x:2147483647",
                       "a-file-name-longer-than-fifteen-bytes.lst:42"]
        for source in sources { table.append(GazetteerEntry(type: "X", forms: ["a"], canonical: "a", features: [:], source: source)) }
        #expect(sources.indices.map { table.source(at: $0) } == sources)
    }
}
