import Foundation
import GRDB

/// Writes found documents to a new SQLite database: the tables of `ExportTables`, with their indexes,
/// in one transaction.
public enum SQLiteExporter {
    public struct Counts: Sendable, Equatable {
        public var documents = 0
        public var entities = 0
        public var relations = 0
    }

    /// Replaces `path` with a database holding the documents of `input` (`-` for standard input),
    /// read one at a time.
    @discardableResult
    public static func export(input: String, to path: String, warning: (String) -> Void) throws -> Counts {
        try export(to: path) { add in try FoundReader.forEach(path: input, warning: warning, add) }
    }

    /// Replaces `path` with a database holding `documents`.
    @discardableResult
    public static func export(_ documents: [FoundDocument], to path: String) throws -> Counts {
        try export(to: path) { add in for d in documents { try add(d) } }
    }

    /// `produce` hands each document to the closure it is given.
    static func export(to path: String, _ produce: ((FoundDocument) throws -> Void) throws -> Void) throws -> Counts {
        for suffix in ["", "-journal", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.removeItem(atPath: path + suffix)
        }
        let queue = try DatabaseQueue(path: path)
        var counts = Counts()
        try queue.write { db in
            for sql in ExportTables.schemaSQL { try db.execute(sql: sql) }
            func insert(_ table: ExportTables.Table) throws -> Statement {
                let marks = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
                return try db.makeStatement(sql: "INSERT INTO \(table.name) VALUES (\(marks))")
            }
            let documents = try insert(ExportTables.documents)
            let entities = try insert(ExportTables.entities)
            let relations = try insert(ExportTables.relations)
            try produce { d in
                try documents.execute(arguments: arguments(ExportTables.documentRow(d)))
                for row in ExportTables.entityRows(d) { try entities.execute(arguments: arguments(row)) }
                for row in ExportTables.relationRows(d) { try relations.execute(arguments: arguments(row)) }
                counts.documents += 1
                counts.entities += d.entities.count
                counts.relations += d.relations.count
            }
        }
        try queue.close()
        return counts
    }

    static func arguments(_ row: [ExportValue]) -> StatementArguments {
        StatementArguments(row.map { value -> (any DatabaseValueConvertible)? in
            switch value {
            case .text(let s): return s
            case .integer(let n): return n
            case .null: return nil
            }
        })
    }
}
