/// A named mention committed by the resolver, in original code-point offsets.
public struct Entity: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var type: String
    /// The original text of the span.
    public var text: String
    /// The canonical form of the gazetteer entry (or the rule's normalisation).
    public var canonical: String?
    /// Where it came from: a gazetteer `file:line` or a rule's name.
    public var source: String
    /// Features of the entry or rule (`id`, `subtype`, `category`, `title` …), output as fields.
    public var features: [String: String]
    /// The provenance fields' JSON, when the entity is a gazetteer entry's hit.
    var prewritten = PrewrittenProvenance()

    public init(start: Int, end: Int, type: String, text: String, canonical: String? = nil,
                source: String, features: [String: String] = [:]) {
        self.start = start
        self.end = end
        self.type = type
        self.text = text
        self.canonical = canonical
        self.source = source
        self.features = features
    }

    /// With the gazetteer entry's provenance JSON, in one go: made and then given it, each entity
    /// cost 0.9M more instructions on c1. (The compiled initialisers still copy the entity they
    /// make and destroy the original, about 4.6M on c1; not found how to avoid.)
    init(start: Int, end: Int, type: String, text: String, canonical: String?, source: String,
         features: [String: String], prewritten: PrewrittenProvenance) {
        self.start = start
        self.end = end
        self.type = type
        self.text = text
        self.canonical = canonical
        self.source = source
        self.features = features
        self.prewritten = prewritten
    }

    /// The entity types of `ANNOTATION.md`: the ones Rasid outputs.
    public static let outputTypes: Set<String> = ["PERSON", "TITLE", "PARTY", "PLACE", "ORG"]
}
