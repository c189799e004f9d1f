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
    public var text: String {
        get {
            document.utf8.withContiguousStorageIfAvailable { UTF8Validation.string(validated: UnsafeBufferPointer(rebasing: $0[textBytes])) }
                ?? String(decoding: Array(document.utf8)[textBytes], as: UTF8.self)
        }
        set {
            document = newValue
            textBytes = 0..<newValue.utf8.count
        }
    }
    /// The text as bytes `textBytes` of the UTF-8 of `document`, the text of the document the
    /// entity was found in (shared, not copied), cut at code-point boundaries: a `String` of its
    /// own cost an allocation, a copy and a free per entity (about 450 instructions; 13k entities
    /// on c1 with rules), and a `Substring` checked its bounds' scalar alignment when made and
    /// read its bytes through the generic `Slice`. An entity made with its own text holds it
    /// whole.
    var document: String
    var textBytes: Range<Int>
    var label: EntityCandidate.Label

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
        self.init(start: start, end: end, document: text, textBytes: 0..<text.utf8.count,
                  label: EntityCandidate.Label(type: type, canonical: canonical, source: source, features: features))
    }

    /// With a candidate's label, its text as bytes of the document's text, and the gazetteer
    /// entry's provenance JSON.
    init(start: Int, end: Int, document: String, textBytes: Range<Int>, label: EntityCandidate.Label) {
        self.start = start
        self.end = end
        self.document = document
        self.textBytes = textBytes
        self.label = label
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
