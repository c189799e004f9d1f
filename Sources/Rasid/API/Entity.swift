/// A named mention committed by the resolver, in original code-point offsets.
///
/// Its type, canonical form, source and features are held in the `EntityCandidate.Label` of the
/// candidate it was committed from, shared: made with four reference-counted fields of their own,
/// each entity's were retained when it was made, and its copies and destruction retained and
/// released them again. The fields read and write as before; a write gives the entity a label of
/// its own.
public struct Entity: Sendable, Equatable {
    public var start: Int
    public var end: Int
    /// The original text of the span.
    public var text: String
    var label: EntityCandidate.Label
    /// The provenance fields' JSON, when the entity is a gazetteer entry's hit.
    var prewritten: PrewrittenProvenance

    public var type: String {
        get { label.type }
        set { label = label.with(type: newValue) }
    }

    /// The canonical form of the gazetteer entry (or the rule's normalisation).
    public var canonical: String? {
        get { label.canonical }
        set { label = label.with(canonical: newValue) }
    }

    /// Where it came from: a gazetteer `file:line` or a rule's name.
    public var source: String {
        get { label.source }
        set { label = label.with(source: newValue) }
    }

    /// Features of the entry or rule (`id`, `subtype`, `category`, `title` …), output as fields.
    public var features: [String: String] {
        get { label.features }
        set { label = label.with(features: newValue) }
    }

    public init(start: Int, end: Int, type: String, text: String, canonical: String? = nil,
                source: String, features: [String: String] = [:]) {
        self.init(start: start, end: end, text: text,
                  label: EntityCandidate.Label(type: type, canonical: canonical, source: source, features: features),
                  prewritten: PrewrittenProvenance())
    }

    /// With a candidate's label and the gazetteer entry's provenance JSON.
    init(start: Int, end: Int, text: String, label: EntityCandidate.Label, prewritten: PrewrittenProvenance) {
        self.start = start
        self.end = end
        self.text = text
        self.label = label
        self.prewritten = prewritten
    }

    /// Field by field, as the plain struct compared (neither the label's object nor the
    /// provenance JSON, a cache of what the encoder writes, is part of it).
    public static func == (a: Self, b: Self) -> Bool {
        a.start == b.start && a.end == b.end && a.text == b.text
            && EntityCandidate.Label.sameFields(a.label, b.label)
    }

    /// The entity types of `ANNOTATION.md`: the ones Rasid outputs.
    public static let outputTypes: Set<String> = ["PERSON", "TITLE", "PARTY", "PLACE", "ORG"]
}
