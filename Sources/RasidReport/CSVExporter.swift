import Foundation

/// Writes found documents as three CSV files (`documents.csv`, `entities.csv`, `relations.csv`) per
/// RFC 4180: a header row, CRLF line ends, fields with a comma, quote, CR or LF quoted with quotes
/// doubled; NULL is an empty field. UTF-8, with a byte-order mark only when asked (spreadsheets
/// want one to read Arabic right; most other readers do not).
public struct CSVExporter {
    public var byteOrderMark = false

    public init(byteOrderMark: Bool = false) { self.byteOrderMark = byteOrderMark }

    /// Writes the tables of `input` (`-` for standard input) into `folder`, created if missing,
    /// replacing files of the same names.
    @discardableResult
    public func export(input: String, to folder: String, warning: (String) -> Void) throws -> SQLiteExporter.Counts {
        try export(to: folder) { add in try FoundReader.forEach(path: input, warning: warning, add) }
    }

    @discardableResult
    public func export(_ documents: [FoundDocument], to folder: String) throws -> SQLiteExporter.Counts {
        try export(to: folder) { add in for d in documents { try add(d) } }
    }

    func export(to folder: String, _ produce: ((FoundDocument) throws -> Void) throws -> Void) throws -> SQLiteExporter.Counts {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        func open(_ table: ExportTables.Table) throws -> FileHandle {
            let path = (folder as NSString).appendingPathComponent(table.name + ".csv")
            guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
                throw CSVError(path: path)
            }
            var header = byteOrderMark ? "\u{FEFF}" : ""
            header += Self.record(table.columns.map { .text($0.name) })
            h.write(Data(header.utf8))
            return h
        }
        let documents = try open(ExportTables.documents)
        let entities = try open(ExportTables.entities)
        let relations = try open(ExportTables.relations)
        defer { for h in [documents, entities, relations] { try? h.close() } }
        var counts = SQLiteExporter.Counts()
        try produce { d in
            documents.write(Data(Self.record(ExportTables.documentRow(d)).utf8))
            entities.write(Data(ExportTables.entityRows(d).map(Self.record).joined().utf8))
            relations.write(Data(ExportTables.relationRows(d).map(Self.record).joined().utf8))
            counts.documents += 1
            counts.entities += d.entities.count
            counts.relations += d.relations.count
        }
        return counts
    }

    /// One CSV record with its CRLF.
    public static func record(_ values: [ExportValue]) -> String {
        values.map { value in
            switch value {
            case .null: return ""
            case .integer(let n): return String(n)
            case .text(let s): return field(s)
            }
        }.joined(separator: ",") + "\r\n"
    }

    /// A field, quoted when it holds a comma, a quote, CR or LF.
    public static func field(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

public struct CSVError: Error, CustomStringConvertible {
    public let path: String
    public var description: String { "\(path): cannot write" }
}
