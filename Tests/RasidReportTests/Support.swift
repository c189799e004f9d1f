import Foundation
import Rasid
@testable import RasidReport

/// The repository root, from this file's place in it.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The bundled pipeline, loaded once; each use makes its own worker.
let sharedPipeline: Pipeline = try! Pipeline()

/// What `rasid extract` writes for these JSON Lines input lines, read back.
func extract(_ inputLines: [String]) -> [FoundDocument] {
    let worker = try! sharedPipeline.makeWorker()
    var out: [UInt8] = []
    for (i, line) in inputLines.enumerated() {
        out += worker.process(line: Array(line.utf8), lineNumber: i + 1, format: .jsonl, file: "test").bytes
    }
    return FoundReader.read(Data(out), file: "found") { _ in }
}

/// An input line for `text`, with `id`.
func inputLine(_ id: String, _ text: String) -> String {
    let data = try! JSONSerialization.data(withJSONObject: ["id": id, "text": text])
    return String(decoding: data, as: UTF8.self)
}

/// The input lines of a bundled annotated sample (`eval/test.jsonl` …), texts and ids only.
func sampleLines(_ name: String) throws -> [String] {
    try String(contentsOf: repositoryRoot.appendingPathComponent(name), encoding: .utf8)
        .split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return inputLine(object["id"] as! String, object["text"] as! String)
        }
}

/// A fresh folder under the temporary directory.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rasid-report-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
