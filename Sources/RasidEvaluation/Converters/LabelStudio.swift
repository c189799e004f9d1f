import Foundation

/// Label Studio's JSON export: a list of tasks, each with `data.text` and
/// `annotations[0].result[]` — `{"id", "type": "labels", "value": {"start", "end", "labels": ["TYPE"]}}`
/// and `{"type": "relation", "from_id", "to_id", "labels": [...]}`. Offsets are UTF-16 code units
/// (JavaScript's) and are turned into code points. Only the first annotation of a task is read.
public enum LabelStudio {
    public static func read(_ data: Data, file: String) throws -> ConversionResult {
        guard let tasks = (try? JSONSerialization.jsonObject(with: data)) as? [[String: Any]] else {
            throw ConversionError(file, "not a JSON list of tasks (Label Studio's JSON export)")
        }
        var result = ConversionResult()
        for (n, task) in tasks.enumerated() {
            let taskData = task["data"] as? [String: Any] ?? [:]
            // The text is under `text` by default; a project may name it otherwise, so fall back to the only string.
            guard let text = taskData["text"] as? String ?? taskData.values.compactMap({ $0 as? String }).first else {
                throw ConversionError(file, "task \(n + 1): no text in \"data\"")
            }
            let id = (task["id"] as? NSNumber)?.stringValue ?? (task["id"] as? String) ?? String(n + 1)
            let annotations = task["annotations"] as? [[String: Any]] ?? []
            let items = annotations.first?["result"] as? [[String: Any]] ?? []
            var spans: [(id: String?, start: Int, end: Int, label: String)] = []
            var relations: [(from: String, to: String, type: String)] = []
            for item in items {
                if item["type"] as? String == "relation" {
                    guard let from = item["from_id"] as? String, let to = item["to_id"] as? String else { continue }
                    // An unlabelled relation is the only kind Rasid has.
                    relations.append((from, to, (item["labels"] as? [String])?.first ?? "secretary_of"))
                    continue
                }
                guard let value = item["value"] as? [String: Any], let start = value["start"] as? Int,
                      let end = value["end"] as? Int, let label = (value["labels"] as? [String])?.first else { continue }
                spans.append((item["id"] as? String, start, end, label))
            }
            let (document, warnings) = try Doccano.makeDocument(id: id, text: text, spans: spans, relations: relations,
                                                                file: file, line: nil)
            result.documents.append(document)
            result.warnings += warnings
        }
        return result
    }
}
