import Foundation
import Rasid

/// Reads annotated JSON Lines (`ANNOTATION.md`) into documents.
///
/// Every malformed line is reported, as `file:line: message`, so that a file can be fixed in one go.
public enum AnnotatedCorpus {
    /// Reads a file; `-` is standard input.
    public static func read(path: String, requireText: Bool = true) throws -> [AnnotatedDocument] {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw DataFileError(file: path, "cannot read the file")
            }
            data = contents
        }
        return try parse(data, file: path == "-" ? "<stdin>" : path, requireText: requireText)
    }

    /// Parses JSON Lines. Blank lines are skipped. Without `requireText` (predictions), a line without
    /// `text` is accepted: scoring needs only offsets and types. Extraction's error records
    /// (`{"id", "error"}`) become documents without entities.
    public static func parse(_ data: Data, file: String, requireText: Bool = true) throws -> [AnnotatedDocument] {
        var documents: [AnnotatedDocument] = []
        var errors: [DataFileError] = []
        let bytes = [UInt8](data)
        var lineStart = 0
        var lineNumber = 0
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            lineNumber += 1
            var line = bytes[lineStart..<lineEnd]
            if line.last == 0x0D { line = line.dropLast() }
            lineStart = lineEnd + 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            do {
                documents.append(try parseLine(Data(line), line: lineNumber, file: file, requireText: requireText))
            } catch {
                // parseLine throws only DataFileError.
                errors.append(error as? DataFileError ?? DataFileError(file: file, line: lineNumber, "\(error)"))
            }
        }
        if errors.count == 1 { throw errors[0] }
        if !errors.isEmpty { throw DataFileErrors(errors: errors) }
        return documents
    }

    static func parseLine(_ data: Data, line: Int, file: String, requireText: Bool) throws -> AnnotatedDocument {
        func fail(_ message: String) -> DataFileError { DataFileError(file: file, line: line, message) }
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw fail("not a JSON object")
            }
            object = parsed
        } catch let error as DataFileError {
            throw error
        } catch {
            throw fail("not valid JSON: \(error.localizedDescription)")
        }

        let id: String
        switch object["id"] {
        case let s as String: id = s
        case let n as NSNumber: id = n.stringValue
        case nil: throw fail("no \"id\"")
        default: throw fail("\"id\" is neither a string nor a number")
        }
        var document = AnnotatedDocument(id: id, text: "", line: line)
        if object["error"] != nil && object["text"] == nil && !requireText { return document }
        switch object["text"] {
        case let s as String: document.text = s
        case nil where !requireText: break
        case nil: throw fail("document \(id): no \"text\"")
        default: throw fail("document \(id): \"text\" is not a string")
        }

        if let raw = object["entities"] {
            guard let list = raw as? [Any] else { throw fail("document \(id): \"entities\" is not a list") }
            for (n, item) in list.enumerated() {
                let name = "document \(id): entity \(n + 1)"
                guard let e = item as? [String: Any] else { throw fail("\(name) is not an object") }
                guard let start = integer(e["start"]) else { throw fail("\(name): \"start\" is not an integer") }
                guard let end = integer(e["end"]) else { throw fail("\(name): \"end\" is not an integer") }
                guard let type = e["type"] as? String else { throw fail("\(name): \"type\" is not a string") }
                // A prediction may leave the text out; gold needs it (the validator compares it with the span).
                let text = e["text"] as? String
                if text == nil && requireText { throw fail("\(name): \"text\" is not a string") }
                document.entities.append(AnnotatedEntity(start: start, end: end, type: type, text: text ?? ""))
            }
        } else if requireText {
            throw fail("document \(id): no \"entities\"")
        }

        if let raw = object["relations"] {
            guard let list = raw as? [Any] else { throw fail("document \(id): \"relations\" is not a list") }
            for (n, item) in list.enumerated() {
                let name = "document \(id): relation \(n + 1)"
                guard let r = item as? [String: Any] else { throw fail("\(name) is not an object") }
                guard let type = r["type"] as? String else { throw fail("\(name): \"type\" is not a string") }
                guard let person = r["person"] as? String else { throw fail("\(name): \"person\" is not a string") }
                guard let org = r["org"] as? String else { throw fail("\(name): \"org\" is not a string") }
                func optional(_ key: String) throws -> String? {
                    switch r[key] {
                    case nil, is NSNull: return nil
                    case let s as String: return s
                    default: throw fail("\(name): \"\(key)\" is not a string")
                    }
                }
                document.relations.append(AnnotatedRelation(type: type, person: person, org: org, role: try optional("role"),
                                                            party: try optional("party"), place: try optional("place")))
            }
        }
        return document
    }

    /// An integer JSON number (`3`, not `3.5`).
    private static func integer(_ value: Any?) -> Int? {
        guard let number = value as? NSNumber else { return nil }
        let int = number.intValue
        return Double(int) == number.doubleValue ? int : nil
    }

    /// Writes documents as JSON Lines.
    public static func jsonLines(_ documents: [AnnotatedDocument]) -> String {
        documents.map { $0.jsonLine() + "\n" }.joined()
    }
}
