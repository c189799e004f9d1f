/// How the report shows each entity and relation type: a colour and an Arabic label.
struct EntityStyle {
    let type: String
    let label: String
    let background: String
    let border: String

    /// The types of `ANNOTATION.md` in a fixed order and colours; others follow in name order.
    static let known: [(type: String, label: String, background: String, border: String)] = [
        ("PERSON", "شخص", "#ffd8a8", "#e8590c"),
        ("TITLE", "لقب", "#e5dbff", "#7048e8"),
        ("PARTY", "حزب", "#a5d8ff", "#1c7ed6"),
        ("PLACE", "مكان", "#b2f2bb", "#2f9e44"),
        ("ORG", "هيئة", "#ffc9c9", "#e03131"),
    ]
    static let spare: [(background: String, border: String)] = [
        ("#fff3bf", "#f08c00"), ("#99e9f2", "#0c8599"), ("#eebefa", "#ae3ec9"), ("#dee2e6", "#495057"),
    ]

    /// A style for every type in `types`: the known ones first, in their order.
    static func styles(for types: Set<String>) -> [EntityStyle] {
        var out = known.filter { types.contains($0.type) }
            .map { EntityStyle(type: $0.type, label: $0.label, background: $0.background, border: $0.border) }
        let knownTypes = Set(known.map(\.type))
        for (i, type) in types.subtracting(knownTypes).sorted().enumerated() {
            let colour = spare[i % spare.count]
            out.append(EntityStyle(type: type, label: type, background: colour.background, border: colour.border))
        }
        return out
    }

    /// The CSS class of the type's highlights.
    var cssClass: String { "t-" + HTML.token(type) }

    static let relationLabels: [String: String] = [
        "secretary_of": "أمين", "head_of": "رئيس", "deputy_of": "نائب",
    ]
}
