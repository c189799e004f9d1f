import Foundation
import Rasid

/// Writes gazetteer files into a fresh temporary folder and loads a pipeline over them alone.
enum TestGazetteers {
    static func folder(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("rasid-test-\(UUID().uuidString)")
        for (path, contents) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    static func pipeline(_ files: [String: String]) throws -> Pipeline {
        try Pipeline(Configuration(useBundledData: false, gazetteerDirectories: [folder(files)]))
    }

    /// `(text, type)` of every entity found in `text`.
    static func found(_ pipeline: Pipeline, _ text: String) throws -> [String] {
        try pipeline.makeWorker().extract(text).entities.map { "\($0.type):\($0.text)" }
    }
}

/// Code-point slicing, as Python's `text[start:end]`.
func slice(_ text: String, _ start: Int, _ end: Int) -> String {
    let scalars = Array(text.unicodeScalars)
    return String(String.UnicodeScalarView(scalars[start..<end]))
}
