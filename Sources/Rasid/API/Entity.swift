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
    /// The original text of the span, made as a `String` when read.
    ///
    /// An entity found in a document holds that document's whole text (shared, not copied) and
    /// its span's bytes in it: as long as an entity is kept, so is the text of its document. Where
    /// many entities are kept after their documents, keep their `text` and fields, not the entities.
    /// Setting it gives the entity the new text as a document of its own.
    public var text: String {
        get { document.withUTF8Bytes { UTF8Validation.string(validated: UnsafeBufferPointer(rebasing: $0[textBytes])) } }
        set {
            document = newValue
            document.makeContiguousUTF8()
            textBytes = 0..<document.utf8.count
        }
    }
    /// The text as bytes `textBytes` of the UTF-8 of `document`, the text of the document the
    /// entity was found in (shared, not copied, and contiguous: made so once per document), cut at
    /// code-point boundaries: a `String` of its own cost an allocation, a copy and a free per
    /// entity (about 450 instructions; 13k entities on c1 with rules), and a `Substring` checked
    /// its bounds' scalar alignment when made and read its bytes through the generic `Slice`. An
    /// entity made with its own text holds it whole. Not shown by reflection (`customMirror`):
    /// `dump` and test failures show `text`, not the document.
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
        var text = text
        text.makeContiguousUTF8()
        self.init(start: start, end: end, document: text, textBytes: 0..<text.utf8.count,
                  label: EntityCandidate.Label(type: type, canonical: canonical, source: source, features: features))
    }

    /// With a candidate's label and its text as bytes `textBytes` of `document` (contiguous UTF-8:
    /// see `document`).
    init(start: Int, end: Int, document: String, textBytes: Range<Int>, label: EntityCandidate.Label) {
        self.start = start
        self.end = end
        self.document = document
        self.textBytes = textBytes
        self.label = label
    }

    /// Field by field, as the plain struct compared (the label's object and its provenance
    /// JSON, a cache of what the encoder writes, are no part of it). The texts are compared as
    /// bytes in their documents, without making either `String`; bytes that differ may still be
    /// canonically equivalent text, which `String`'s `==` (the plain struct's) says is equal.
    public static func == (a: Self, b: Self) -> Bool {
        guard a.start == b.start && a.end == b.end && EntityCandidate.Label.sameFields(a.label, b.label) else { return false }
        let sameBytes = a.textBytes.count == b.textBytes.count && a.document.withUTF8Bytes { x in
            b.document.withUTF8Bytes { y in
                UnsafeBufferPointer(rebasing: x[a.textBytes]).elementsEqual(UnsafeBufferPointer(rebasing: y[b.textBytes]))
            }
        }
        return sameBytes || a.text == b.text
    }

    /// The entity types of `ANNOTATION.md`: the ones Rasid outputs.
    public static let outputTypes: Set<String> = ["PERSON", "TITLE", "PARTY", "PLACE", "ORG"]
}

/// Reflected (by `dump` and in test failure messages) as a plain struct of its public fields: with
/// `text`, not the whole text of the document it is held in, nor the label's object.
extension Entity: CustomReflectable {
    public var customMirror: Mirror {
        Mirror(self, children: ["start": start, "end": end, "type": type, "text": text, "canonical": canonical as Any,
                                "source": source, "features": features],
               displayStyle: .struct)
    }
}
