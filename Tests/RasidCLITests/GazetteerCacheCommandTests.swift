import Foundation
import Testing

/// The gazetteer cache from the command line: where it goes, `--no-cache`, `gazetteer compile`, and a
/// cache folder that cannot be written.
@Suite struct GazetteerCacheCommandTests {
    // Computed, not a stored global: LeakSanitizer reports a static `Data` it cannot follow as leaked.
    static var input: Data { Data(#"{"id": "a", "text": "زار حزب الوفد القاهرة وعلاء زيادة"}"#.utf8 + [0x0A]) }

    /// A fresh cache folder and a small gazetteer folder of the user's.
    static func setUp() throws -> (cache: URL, gazetteers: URL) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("rasid-cli-cache-test-\(UUID().uuidString)")
        let gazetteers = base.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: gazetteers.appendingPathComponent("person"), withIntermediateDirectories: true)
        try "علاء زيادة\tid=alaa-ziada\n".write(to: gazetteers.appendingPathComponent("person/officials.lst"), atomically: true, encoding: .utf8)
        return (base.appendingPathComponent("cache"), gazetteers)
    }

    static func cacheFiles(_ dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }

    @Test func extractWritesThenReadsTheCacheWithTheSameOutput() throws {
        let (cache, gazetteers) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: gazetteers.deletingLastPathComponent()) }
        let env = ["RASID_CACHE_DIR": cache.path]
        let args = ["extract", "--gazetteers", gazetteers.path, "-"]
        let cold = try RasidBinary.run(args, stdin: Self.input, environment: env)
        #expect(cold.status == 0)
        #expect(cold.stderr.isEmpty)
        let files = Self.cacheFiles(cache)
        #expect(files.count == 1 && files[0].hasPrefix("gazetteers-") && files[0].hasSuffix(".cache"))
        let warm = try RasidBinary.run(args, stdin: Self.input, environment: env)
        let uncached = try RasidBinary.run(args + ["--no-cache"], stdin: Self.input, environment: env)
        #expect(warm.stdout == cold.stdout)
        #expect(uncached.stdout == cold.stdout)
        #expect(String(decoding: cold.stdout, as: UTF8.self).contains(#""id":"alaa-ziada""#))
        #expect(Self.cacheFiles(cache) == files)
    }

    @Test func noCacheWritesNothing() throws {
        let (cache, gazetteers) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: gazetteers.deletingLastPathComponent()) }
        let result = try RasidBinary.run(["extract", "--no-cache", "--gazetteers", gazetteers.path, "-"], stdin: Self.input,
                                         environment: ["RASID_CACHE_DIR": cache.path])
        #expect(result.status == 0)
        #expect(!FileManager.default.fileExists(atPath: cache.path))
    }

    @Test func compileSaysWhereAndHowMany() throws {
        let (cache, gazetteers) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: gazetteers.deletingLastPathComponent()) }
        let env = ["RASID_CACHE_DIR": cache.path]
        let first = try RasidBinary.run(["gazetteer", "compile", "--no-bundled", "--gazetteers", gazetteers.path], environment: env)
        #expect(first.status == 0)
        let out = String(decoding: first.stdout, as: UTF8.self)
        #expect(out.hasPrefix(cache.path + "/gazetteers-"))
        #expect(out.hasSuffix(": compiled 1 entries\n"))
        let second = try RasidBinary.run(["gazetteer", "compile", "--no-bundled", "--gazetteers", gazetteers.path], environment: env)
        #expect(String(decoding: second.stdout, as: UTF8.self).hasSuffix(": up to date, 1 entries\n"))
        #expect(try RasidBinary.run(["gazetteer", "compile", "--no-cache"]).status != 0)
    }

    @Test func anUnwritableCacheFolderWarnsOnceAndCarriesOn() throws {
        let (cache, gazetteers) = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: gazetteers.deletingLastPathComponent()) }
        // A folder under a regular file cannot be made, even by root.
        try FileManager.default.createDirectory(at: cache.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: cache)
        let args = ["extract", "--gazetteers", gazetteers.path, "-"]
        let result = try RasidBinary.run(args, stdin: Self.input, environment: ["RASID_CACHE_DIR": cache.appendingPathComponent("sub").path])
        #expect(result.status == 0)
        #expect(result.stderr.components(separatedBy: "warning: gazetteer cache not written").count == 2)
        #expect(result.stdout == (try RasidBinary.run(args + ["--no-cache"], stdin: Self.input)).stdout)
    }
}
