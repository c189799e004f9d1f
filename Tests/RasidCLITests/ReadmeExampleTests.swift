import Foundation
import Testing

/// The README's worked examples run as written, with the built `rasid` first on PATH.
@Suite struct ReadmeExampleTests {
    static func example(_ name: String) throws -> String {
        let readme = try String(contentsOf: RasidBinary.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let marker = try #require(readme.range(of: "<!-- example: \(name) -->"))
        let rest = readme[marker.upperBound...]
        let open = try #require(rest.range(of: "```sh\n"))
        let close = try #require(rest[open.upperBound...].range(of: "```"))
        return String(rest[open.upperBound..<close.lowerBound])
    }

    @Test func extendingTheGazetteers() throws {
        let script = try Self.example("extending")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rasid-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-euo", "pipefail", "-c", script]
        process.currentDirectoryURL = dir
        var env = RasidBinary.environment
        env["PATH"] = RasidBinary.url.deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        #expect(lines.contains("0 errors, 0 warnings"))
        let record = try #require(lines.last.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        let entities = try #require(record["entities"] as? [[String: Any]])
        let person = try #require(entities.first { $0["type"] as? String == "PERSON" })
        #expect(person["text"] as? String == "علاء زيادة")
        #expect(person["id"] as? String == "alaa-ziada")
        #expect(person["source"] as? String == "my-gazetteers/person/officials.lst:3")
    }
}
