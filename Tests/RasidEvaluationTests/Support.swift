import Foundation
@testable import RasidEvaluation

/// The repository root, from this file's place in it.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func entity(_ start: Int, _ end: Int, _ type: String, _ text: String = "") -> AnnotatedEntity {
    AnnotatedEntity(start: start, end: end, type: type, text: text)
}

/// A fresh folder under the temporary directory.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rasid-eval-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A document of `length` letters, with entities whose text is their slice.
func syntheticDocument(id: String, length: Int, _ spans: [(Int, Int, String)]) -> AnnotatedDocument {
    let text = String(repeating: "ب", count: length)
    let points = CodePoints(text)
    return AnnotatedDocument(id: id, text: text, entities: spans.map {
        AnnotatedEntity(start: $0.0, end: $0.1, type: $0.2, text: points.slice(max(0, $0.0), min(length, $0.1)) ?? "")
    })
}
