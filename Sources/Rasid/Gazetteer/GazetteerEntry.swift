/// One line of a gazetteer file: a named thing, its spellings and its features.
public struct GazetteerEntry: Sendable, Equatable {
    /// The entity or lexical type (`PLACE`, `TITLE`, `GIVEN_NAME` …).
    public var type: String
    /// The spellings written on the line, the first one first.
    public var forms: [String]
    /// The canonical form: the `canonical=` feature, else the first spelling.
    public var canonical: String
    /// The line's own features and its file's defaults (`id`, `subtype`, `category` …).
    public var features: [String: String]
    /// `file:line` where the entry is written.
    public var source: String
}

/// A gazetteer file's headers: its type, default features and provenance.
public struct GazetteerFileHeader: Sendable, Equatable {
    public var type: String?
    public var defaults: [String: String] = [:]
    public var provenance: String?
    public var licence: String?
}
