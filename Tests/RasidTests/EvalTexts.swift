import Foundation
@testable import Rasid

/// The texts of the bundled annotated samples, for tests that check a shortcut against the plain
/// path on real documents.
enum EvalTexts {
    static func dev() throws -> [String] {
        let url = BundledData.root()!.appendingPathComponent("eval/dev.jsonl")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["text"] as? String
        }
    }
}
