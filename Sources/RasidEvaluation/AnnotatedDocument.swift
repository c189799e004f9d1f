import Rasid

/// An entity mention of `ANNOTATION.md`: code-point offsets into the document's text, end exclusive.
public struct AnnotatedEntity: Sendable, Equatable, Hashable, Codable {
    public var start: Int
    public var end: Int
    public var type: String
    public var text: String

    public init(start: Int, end: Int, type: String, text: String) {
        self.start = start
        self.end = end
        self.type = type
        self.text = text
    }

    /// Whether the two spans share at least one code point.
    public func overlaps(_ other: AnnotatedEntity) -> Bool { start < other.end && other.start < end }
}

/// A relation of `ANNOTATION.md` (`secretary_of` …), named by the strings of its arguments.
public struct AnnotatedRelation: Sendable, Equatable, Codable {
    public var type: String
    public var person: String
    public var org: String
    public var role: String?
    public var party: String?
    public var place: String?

    public init(type: String, person: String, org: String, role: String? = nil, party: String? = nil, place: String? = nil) {
        self.type = type
        self.person = person
        self.org = org
        self.role = role
        self.party = party
        self.place = place
    }
}

/// One line of annotated JSON Lines: gold, or a prediction to score against it.
public struct AnnotatedDocument: Sendable, Equatable {
    public var id: String
    public var text: String
    public var entities: [AnnotatedEntity]
    public var relations: [AnnotatedRelation]
    /// The line it was read from, for messages; nil when it was made in memory.
    public var line: Int?

    public init(id: String, text: String, entities: [AnnotatedEntity] = [], relations: [AnnotatedRelation] = [], line: Int? = nil) {
        self.id = id
        self.text = text
        self.entities = entities
        self.relations = relations
        self.line = line
    }

    /// A prediction made by the pipeline for `text`.
    public init(id: String, text: String, extraction: Extraction) {
        self.init(id: id, text: text,
                  entities: extraction.entities.map { AnnotatedEntity(start: $0.start, end: $0.end, type: $0.type, text: $0.text) },
                  relations: extraction.relations.map {
                      AnnotatedRelation(type: $0.type, person: $0.person, org: $0.org, role: $0.role, party: $0.party, place: $0.place)
                  })
    }

    /// The document as one line of JSON (without the newline), keys in `ANNOTATION.md`'s order.
    public func jsonLine() -> String {
        var w = JSONWriter()
        w.raw("{\"id\":"); w.string(id)
        w.raw(",\"text\":"); w.string(text)
        w.raw(",\"entities\":")
        ExtractionEncoder.writeEntities(entities.map { Entity(start: $0.start, end: $0.end, type: $0.type, text: $0.text, source: "") },
                                        to: &w, withProvenance: false)
        w.raw(",\"relations\":")
        ExtractionEncoder.writeRelations(relations.map {
            Relation(type: $0.type, person: $0.person, org: $0.org, role: $0.role, party: $0.party, place: $0.place)
        }, to: &w)
        w.raw("}")
        return String(decoding: w.bytes, as: UTF8.self)
    }
}

/// Code-point slicing, as Python's `text[start:end]` (which `ANNOTATION.md`'s offsets follow).
public struct CodePoints: Sendable {
    public let scalars: [Unicode.Scalar]

    public init(_ text: String) { scalars = Array(text.unicodeScalars) }

    public var count: Int { scalars.count }

    /// `text[start:end]`, or nil when the range is not inside the text.
    public func slice(_ start: Int, _ end: Int) -> String? {
        guard 0 <= start, start <= end, end <= scalars.count else { return nil }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }
}
