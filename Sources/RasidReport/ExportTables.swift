import Rasid

/// A value of an exported cell.
public enum ExportValue: Sendable, Equatable {
    case text(String)
    case integer(Int)
    case null
}

/// The three tables `rasid export` writes, the same for SQLite and CSV: their columns, and the rows
/// of one document.
public enum ExportTables {
    public struct Table: Sendable {
        public let name: String
        /// Column names and SQLite types, in order.
        public let columns: [(name: String, type: String)]
    }

    public static let documents = Table(name: "documents", columns: [
        ("id", "TEXT NOT NULL"), ("line", "INTEGER"), ("text", "TEXT NOT NULL"), ("fields", "TEXT"),
    ])
    public static let entities = Table(name: "entities", columns: [
        ("document_id", "TEXT NOT NULL"), ("start", "INTEGER NOT NULL"), ("end", "INTEGER NOT NULL"),
        ("type", "TEXT NOT NULL"), ("text", "TEXT NOT NULL"), ("canonical", "TEXT"), ("source", "TEXT"),
        ("features", "TEXT"),
    ])
    public static let relations = Table(name: "relations", columns: [
        ("document_id", "TEXT NOT NULL"), ("type", "TEXT NOT NULL"), ("person", "TEXT NOT NULL"),
        ("org", "TEXT NOT NULL"), ("role", "TEXT"), ("party", "TEXT"), ("place", "TEXT"), ("source", "TEXT"),
        ("evidence_start", "INTEGER"), ("evidence_end", "INTEGER"), ("trigger_start", "INTEGER"), ("trigger_end", "INTEGER"),
    ])
    public static let all = [documents, entities, relations]

    /// Index name → table and columns.
    public static let indexes: [(name: String, table: String, columns: [String])] = [
        ("documents_id", "documents", ["id"]),
        ("entities_document", "entities", ["document_id"]),
        ("entities_type", "entities", ["type"]),
        ("relations_document", "relations", ["document_id"]),
        ("relations_party", "relations", ["party"]),
        ("relations_org", "relations", ["org"]),
        ("relations_person", "relations", ["person"]),
    ]

    public static func documentRow(_ d: FoundDocument) -> [ExportValue] {
        [.text(d.id), .integer(d.line), .text(d.text), optional(d.fieldsJSON)]
    }

    public static func entityRows(_ d: FoundDocument) -> [[ExportValue]] {
        d.entities.map { e in
            [.text(d.id), .integer(e.start), .integer(e.end), .text(e.type), .text(e.text), optional(e.canonical),
             e.source.isEmpty ? .null : .text(e.source), .text(e.featuresJSON)]
        }
    }

    public static func relationRows(_ d: FoundDocument) -> [[ExportValue]] {
        d.relations.map { r in
            [.text(d.id), .text(r.type), .text(r.person), .text(r.org), optional(r.role), optional(r.party),
             optional(r.place), optional(r.source), optional(r.evidence?.lowerBound), optional(r.evidence?.upperBound),
             optional(r.trigger?.lowerBound), optional(r.trigger?.upperBound)]
        }
    }

    static func optional(_ s: String?) -> ExportValue { s.map { .text($0) } ?? .null }
    static func optional(_ n: Int?) -> ExportValue { n.map { .integer($0) } ?? .null }

    /// `CREATE TABLE` and `CREATE INDEX` statements, identifiers quoted (`end` is an SQL keyword).
    public static var schemaSQL: [String] {
        all.map { t in
            "CREATE TABLE \(t.name) (" + t.columns.map { "\"\($0.name)\" \($0.type)" }.joined(separator: ", ") + ")"
        } + indexes.map { i in
            "CREATE INDEX \(i.name) ON \(i.table) (" + i.columns.map { "\"\($0)\"" }.joined(separator: ", ") + ")"
        }
    }
}
