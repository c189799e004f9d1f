import Foundation

/// Runs the built `rasid` binary, as a user would.
enum RasidBinary {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var url: URL {
        // The test bundle sits beside the products of the same build.
        var candidates: [URL] = []
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent()) }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        candidates.append(Bundle.main.bundleURL)
        for dir in candidates {
            let url = dir.appendingPathComponent("rasid")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return repository.appendingPathComponent(".build/debug/rasid")
    }

    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: String
        var lines: [[String: Any]] {
            String(decoding: stdout, as: UTF8.self).split(separator: "\n").map {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:]
            }
        }
    }

    /// A gazetteer cache folder of this test run's own, so no test reads or writes the user's cache.
    static let cacheDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("rasid-cli-cache-\(UUID().uuidString)")

    /// The environment the binary runs in: this process's, with the test cache folder.
    static var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["RASID_CACHE_DIR"] = cacheDirectory.path
        return env
    }

    static func run(_ arguments: [String], stdin: Data? = nil, cwd: URL? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = Self.environment.merging(environment) { $1 }
        if let cwd { process.currentDirectoryURL = cwd }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        // Read before waiting, so a full pipe cannot block the child.
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: stdoutData,
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }

    static func temporaryFile(_ contents: String, suffix: String = ".jsonl") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rasid-cli-\(UUID().uuidString)\(suffix)")
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}
