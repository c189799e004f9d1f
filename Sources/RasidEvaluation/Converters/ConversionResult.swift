/// Documents converted from another annotation format, and what could not be carried over.
public struct ConversionResult: Sendable {
    public var documents: [AnnotatedDocument]
    public var warnings: [String]

    public init(documents: [AnnotatedDocument] = [], warnings: [String] = []) {
        self.documents = documents
        self.warnings = warnings
    }
}

/// An input that cannot be converted, named by `file:line` where there is a line.
public struct ConversionError: Error, CustomStringConvertible, Sendable, Equatable {
    public let description: String
    public init(_ file: String, line: Int? = nil, _ message: String) {
        description = line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}

/// Entity labels of other corpora and tools → the types of `ANNOTATION.md`.
public enum LabelMapping {
    public enum Result: Equatable, Sendable {
        case type(String)
        /// A label with no counterpart (`MISC`): its mentions are left out.
        case dropped
        case unknown
    }

    static let table: [String: String] = [
        "PERSON": "PERSON", "PERS": "PERSON", "PER": "PERSON",
        "PLACE": "PLACE", "LOC": "PLACE", "LOCATION": "PLACE", "GPE": "PLACE",
        "ORG": "ORG", "ORGANIZATION": "ORG", "ORGANISATION": "ORG",
        "TITLE": "TITLE", "PARTY": "PARTY",
    ]

    public static func map(_ label: String) -> Result {
        let upper = label.uppercased()
        if let type = table[upper] { return .type(type) }
        return upper == "MISC" ? .dropped : .unknown
    }
}

/// Maps the UTF-16 offsets of JavaScript tools (Label Studio, Doccano's editor) to code points.
struct UTF16Offsets {
    /// Code-point index at each UTF-16 offset; -1 inside a surrogate pair.
    private var codePointAt: [Int] = []

    init(_ text: String) {
        var index = 0
        for scalar in text.unicodeScalars {
            codePointAt.append(index)
            if scalar.utf16.count == 2 { codePointAt.append(-1) }
            index += 1
        }
        codePointAt.append(index)
    }

    /// nil when `offset` is outside the text or splits a surrogate pair.
    func codePoint(_ offset: Int) -> Int? {
        guard offset >= 0, offset < codePointAt.count, codePointAt[offset] >= 0 else { return nil }
        return codePointAt[offset]
    }
}

/// A relation between two converted entities: whichever is the PERSON is the person, the other the org.
func makeRelation(type: String, _ a: AnnotatedEntity, _ b: AnnotatedEntity) -> AnnotatedRelation {
    let (person, org) = b.type == "PERSON" && a.type != "PERSON" ? (b, a) : (a, b)
    return AnnotatedRelation(type: type, person: person.text, org: org.text)
}
