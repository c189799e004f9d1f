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
        #expect(second.gazetteer.lexicon.count == parsed.gazetteer.lexicon.count)
    }

    @Test func editingAddingAndDeletingASourceRebuilds() throws {
        let s = try Setup()
        defer { s.removeCache() }
        _ = try s.pipeline()
        #expect(try s.pipeline().gazetteerCacheOutcome == .loaded(s.cacheFile))

        // The same size, one letter changed: only the content hash can tell.
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
