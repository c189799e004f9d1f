/// Why a piece of text matches a gazetteer entry: for `rasid gazetteer lookup` and for people
/// deciding whether to add a line.
public struct GazetteerLookupResult: Sendable {
    public var start: Int
    public var end: Int
    public var text: String
    public var entry: GazetteerEntry
    /// The entry's spelling that matched.
    public var form: String
    /// How: normalisation, clitic split, variant spelling.
    public var reasons: [String]
}

extension PipelineWorker {
    /// Every entry, of any type (lexical ones too), that matches somewhere in `text`.
    public func lookup(_ text: String) throws -> [GazetteerLookupResult] {
        let tokenized = try tokenize(text)
        let gazetteer = pipeline.gazetteer
        var slicer = TextSlicer(text)
        var results: [GazetteerLookupResult] = []
        let builder = try GazetteerBuilder()
        for m in pipeline.matcher.matches(in: tokenized).sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
            let surface = slicer.slice(Int(m.start), Int(m.end))
            var matched: [String] = []
            for k in Int(m.firstToken)..<Int(m.endToken) { matched.append(tokenized.normalized(k)) }
            if m.cliticLength > 0 {
                let first = matched[0]
                matched[0] = (m.restoredAlef ? "ا" : "") + String(decoding: first.utf16.dropFirst(Int(m.cliticLength)), as: UTF16.self)
            }
            for index in gazetteer.entryIndices(at: m.node) {
                let entry = gazetteer.entry(at: Int(index))
                let form = try entry.forms.first { try builder.tokens(of: $0) == matched } ?? entry.forms[0]
                var reasons: [String] = []
                if m.cliticLength > 0 {
                    let word = tokenized.normalized(Int(m.firstToken))
                    let clitic = String(decoding: word.utf16.prefix(Int(m.cliticLength)), as: UTF16.self)
                    reasons.append("clitic split: \(clitic)+\(matched[0])" + (m.restoredAlef ? " (the article's dropped alef restored)" : ""))
                }
                if surface != form && m.cliticLength == 0 { reasons.append("normalised: '\(surface)' → '\(matched.joined(separator: " "))'") }
                if form != entry.forms[0] { reasons.append("variant of '\(entry.forms[0])'") }
                if reasons.isEmpty { reasons.append("exact") }
                results.append(GazetteerLookupResult(start: Int(m.start), end: Int(m.end), text: surface,
                                                     entry: entry, form: form, reasons: reasons))
            }
        }
        return results
    }
}
