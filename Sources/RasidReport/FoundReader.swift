import Foundation
import Rasid

/// Reads the JSON Lines that `rasid extract` writes. Error records and lines that are not such a
/// document are skipped with a warning naming `file:line`; so are entities whose offsets do not
/// fit the text (a report never slices outside it).
public enum FoundReader {
    /// Calls `body` with each document of `path` (`-` for standard input), in file order, holding
    /// one line in memory at a time.
    public static func forEach(path: String, warning: (String) -> Void,
                               _ body: (FoundDocument) throws -> Void) throws {
        let reader = try LineReader(path: path)
        let name = path == "-" ? "<stdin>" : path
        var number = 0
        while let line = try reader.next() {
            number += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            if let document = parse(line: line, number: number, file: name, warning: warning) {
                try body(document)
            }
        }
    }

    /// Every document of `path`, in file order.
    public static func read(path: String, warning: (String) -> Void) throws -> [FoundDocument] {
        var documents: [FoundDocument] = []
        try forEach(path: path, warning: warning) { documents.append($0) }
        return documents
    }

    /// Every document of JSON Lines held in memory.
    public static func read(_ data: Data, file: String = "<data>", warning: (String) -> Void) -> [FoundDocument] {
        var documents: [FoundDocument] = []
        for (i, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            var bytes = Array(line)
            if bytes.last == 0x0D { bytes.removeLast() }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            if let document = parse(line: bytes, number: i + 1, file: file, warning: warning) {
                documents.append(document)
            }
        }
        return documents
    }

    /// One line, or nil (with a warning) when it is no document.
    static func parse(line: [UInt8], number: Int, file: String, warning: (String) -> Void) -> FoundDocument? {
        let place = "\(file):\(number)"
        guard let object = (try? JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed])) as? [String: Any] else {
            warning("\(place): not a JSON object; skipped")
            return nil
        }
        let givenID = object["id"].flatMap { $0 is NSNull ? nil : scalarText($0) }
        if let error = object["error"] {
            let message = ((error as? [String: Any])?["message"] as? String) ?? "no message"
            warning("\(place): error record\(givenID.map { " for document \($0)" } ?? "") (\(message)); skipped")
            return nil
        }
        let id = givenID ?? String(number)
        guard let text = object["text"] as? String else {
            warning("\(place): no \"text\"; skipped")
            return nil
        }
        let length = text.unicodeScalars.count
        var entities: [Entity] = []
        for (k, value) in ((object["entities"] as? [Any]) ?? []).enumerated() {
            guard let e = value as? [String: Any], let start = integer(e["start"]), let end = integer(e["end"]),
                  let type = e["type"] as? String else {
                warning("\(place): entity \(k + 1) has no start, end or type; skipped")
                continue
            }
            guard 0 <= start, start <= end, end <= length else {
                warning("\(place): entity \(k + 1) [\(start), \(end)) lies outside the text (\(length) code points); skipped")
                continue
            }
            var features: [String: String] = [:]
            for (key, v) in e where !entityKeys.contains(key) { features[key] = scalarText(v) }
            entities.append(Entity(start: start, end: end, type: type,
                                   text: (e["text"] as? String) ?? slice(text, start, end),
                                   canonical: e["canonical"] as? String, source: (e["source"] as? String) ?? "",
                                   features: features))
        }
        var relations: [Relation] = []
        for (k, value) in ((object["relations"] as? [Any]) ?? []).enumerated() {
            guard let r = value as? [String: Any], let type = r["type"] as? String,
                  let person = r["person"] as? String, let org = r["org"] as? String else {
                warning("\(place): relation \(k + 1) has no type, person or org; skipped")
                continue
            }
            let evidence = r["evidence"] as? [String: Any]
            func range(_ a: String, _ b: String) -> Range<Int>? {
                guard let s = integer(evidence?[a]), let t = integer(evidence?[b]), s <= t else { return nil }
                return s..<t
            }
            relations.append(Relation(type: type, person: person, org: org, role: r["role"] as? String,
                                      party: r["party"] as? String, place: r["place"] as? String,
                                      source: r["source"] as? String, evidence: range("start", "end"),
                                      trigger: range("trigger_start", "trigger_end")))
        }
        var fields: [String: Any] = object
        for key in documentKeys { fields.removeValue(forKey: key) }
        return FoundDocument(id: id, text: text, fieldsJSON: fields.isEmpty ? nil : json(fields),
                             entities: entities, relations: relations, line: number)
    }

    static let documentKeys = ["id", "text", "entities", "relations"]
    static let entityKeys: Set<String> = ["start", "end", "type", "text", "canonical", "source"]

    /// A JSON number that is a whole number.
    static func integer(_ value: Any?) -> Int? {
        if value is String { return nil }
        if let i = value as? Int { return i }
        guard let d = value as? Double, d == d.rounded(), abs(d) < 1e15 else { return nil }
        return Int(d)
    }

    /// A scalar as text: strings as they are, everything else as JSON.
    static func scalarText(_ value: Any) -> String {
        if let s = value as? String { return s }
        if let n = integer(value) { return String(n) }
        return json(value)
    }

    static func json(_ value: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: value,
                                                     options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes]) else {
            return String(describing: value)
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func jsonObject(_ features: [String: String]) -> String { json(features) }

    static func slice(_ text: String, _ start: Int, _ end: Int) -> String {
        let scalars = text.unicodeScalars
        let a = scalars.index(scalars.startIndex, offsetBy: start)
        return String(scalars[a..<scalars.index(a, offsetBy: end - start)])
    }
}
