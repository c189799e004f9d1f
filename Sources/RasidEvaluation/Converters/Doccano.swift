import Foundation

/// Doccano's JSON Lines export, in either of its shapes:
/// `{"text", "label": [[start, end, "TYPE"], …]}` or
/// `{"text", "entities": [{"id", "start_offset", "end_offset", "label"}], "relations": [{"from_id", "to_id", "type"}]}`.
/// Offsets are UTF-16 code units, as the browser editor counts them, and are turned into code points.
public enum Doccano {
    public static func read(_ data: Data, file: String) throws -> ConversionResult {
        var result = ConversionResult()
        var lineNumber = 0
        for raw in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if raw.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(raw))) as? [String: Any] else {
                throw ConversionError(file, line: lineNumber, "not a JSON object")
            }
            guard let text = object["text"] as? String else { throw ConversionError(file, line: lineNumber, "no \"text\"") }
            let id = (object["id"] as? NSNumber)?.stringValue ?? (object["id"] as? String) ?? String(lineNumber)
            var spans: [(id: String?, start: Int, end: Int, label: String)] = []
            if let labels = object["label"] as? [[Any]] {
                for l in labels {
                    guard l.count >= 3, let s = l[0] as? Int, let e = l[1] as? Int, let label = l[2] as? String else {
                        throw ConversionError(file, line: lineNumber, "a \"label\" item is not [start, end, \"TYPE\"]")
                    }
                    spans.append((nil, s, e, label))
                }
            }
            for e in object["entities"] as? [[String: Any]] ?? [] {
                guard let s = e["start_offset"] as? Int, let end = e["end_offset"] as? Int, let label = e["label"] as? String else {
                    throw ConversionError(file, line: lineNumber, "an entity lacks start_offset, end_offset or label")
                }
                spans.append(((e["id"] as? NSNumber)?.stringValue ?? e["id"] as? String, s, end, label))
            }
            var relations: [(from: String, to: String, type: String)] = []
            for r in object["relations"] as? [[String: Any]] ?? [] {
                func key(_ v: Any?) -> String? { (v as? NSNumber)?.stringValue ?? v as? String }
                guard let from = key(r["from_id"]), let to = key(r["to_id"]) else { continue }
                relations.append((from, to, r["type"] as? String ?? "secretary_of"))
            }
            let (document, warnings) = try makeDocument(id: id, text: text, spans: spans, relations: relations,
                                                        file: file, line: lineNumber)
            result.documents.append(document)
            result.warnings += warnings
        }
        return result
    }

    /// Builds a document from UTF-16 spans; shared with Label Studio.
    static func makeDocument(id: String, text: String, spans: [(id: String?, start: Int, end: Int, label: String)],
                             relations: [(from: String, to: String, type: String)], file: String, line: Int?)
        throws -> (AnnotatedDocument, [String]) {
        let offsets = UTF16Offsets(text)
        let content = CodePoints(text)
        var document = AnnotatedDocument(id: id, text: text)
        var byId: [String: AnnotatedEntity] = [:]
        var warnings: [String] = []
        for span in spans {
            guard let start = offsets.codePoint(span.start), let end = offsets.codePoint(span.end), start < end else {
                throw ConversionError(file, line: line, "document \(id): offsets \(span.start)-\(span.end) are not a span of the text")
            }
            switch LabelMapping.map(span.label) {
            case .type(let type):
                let e = AnnotatedEntity(start: start, end: end, type: type, text: content.slice(start, end)!)
                document.entities.append(e)
                if let key = span.id { byId[key] = e }
            case .dropped:
                warnings.append("document \(id): a \(span.label) entity has no Rasid type; left out")
            case .unknown:
                throw ConversionError(file, line: line, "document \(id): unknown entity label \(span.label)")
            }
        }
        for r in relations {
            guard let a = byId[r.from], let b = byId[r.to] else {
                warnings.append("document \(id): a relation names an entity that is not converted; left out")
                continue
            }
            document.relations.append(makeRelation(type: r.type, a, b))
        }
        document.entities.sort { ($0.start, $0.end) < ($1.start, $1.end) }
        return (document, warnings)
    }
}
