/// CoNLL/BIO as ANERcorp writes it: `token TAG` per line, a blank line between sentences.
///
/// Documents: a `# id = X` line or a `-DOCSTART-` line starts one; a file with neither has one
/// document per blank-line-separated block. Reading joins tokens with spaces and sentences with line
/// breaks, so the text is the tokens', not the original's.
public enum CoNLL {
    public static func read(_ contents: String, file: String) throws -> ConversionResult {
        var result = ConversionResult()
        let lines = contents.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        let marked = lines.contains { $0.hasPrefix("# id = ") || $0.hasPrefix("-DOCSTART-") }

        var document: AnnotatedDocument?
        var text = String.UnicodeScalarView()
        var length = 0  // code points in `text`
        var open: AnnotatedEntity?  // the entity being read
        var startsSentence = true
        var dropped = 0

        func closeEntity() {
            guard var e = open else { return }
            e.text = CodePoints(String(text)).slice(e.start, e.end) ?? ""
            document?.entities.append(e)
            open = nil
        }
        func finishDocument() {
            closeEntity()
            if var d = document, length > 0 || !d.entities.isEmpty {
                d.text = String(text)
                result.documents.append(d)
            }
            document = nil
            text = String.UnicodeScalarView()
            length = 0
            startsSentence = true
        }
        func beginDocument(_ id: String?, line: Int) {
            finishDocument()
            document = AnnotatedDocument(id: id ?? String(result.documents.count + 1), text: "", line: line)
        }

        for (n, line) in lines.enumerated() {
            let number = n + 1
            if line.hasPrefix("# id = ") {
                beginDocument(String(line.dropFirst("# id = ".count)).trimmingSpaces, line: number); continue
            }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if fields.first == "-DOCSTART-" { beginDocument(nil, line: number); continue }
            if fields.isEmpty {
                closeEntity()
                if marked {
                    if length > 0 && !startsSentence { text.append("\n"); length += 1 }
                    startsSentence = true
                } else {
                    finishDocument()
                }
                continue
            }
            if line.hasPrefix("#") { continue }
            guard fields.count >= 2 else { throw ConversionError(file, line: number, "expected `token TAG`, found \"\(line)\"") }
            if document == nil { beginDocument(nil, line: number) }
            let token = fields[0], tag = fields[fields.count - 1]

            if !startsSentence { text.append(" "); length += 1 }
            startsSentence = false
            let start = length
            text.append(contentsOf: token.unicodeScalars)
            length += token.unicodeScalars.count

            if tag == "O" { closeEntity(); continue }
            let parts = tag.split(separator: "-", maxSplits: 1).map(String.init)
            guard parts.count == 2, ["B", "I"].contains(parts[0]) else {
                throw ConversionError(file, line: number, "tag \(tag) is neither O nor B-TYPE/I-TYPE")
            }
            let type: String
            switch LabelMapping.map(parts[1]) {
            case .type(let t): type = t
            case .dropped: closeEntity(); dropped += 1; continue
            case .unknown: throw ConversionError(file, line: number, "unknown entity label \(parts[1])")
            }
            // I- continues an entity of its type; otherwise (IOB1, or a stray I-) it starts one.
            if parts[0] == "I", var e = open, e.type == type {
                e.end = length
                open = e
            } else {
                closeEntity()
                open = AnnotatedEntity(start: start, end: length, type: type, text: "")
            }
        }
        finishDocument()
        if dropped > 0 { result.warnings.append("\(file): \(dropped) token(s) of labels with no Rasid type (MISC) left out") }
        return result
    }

    /// Writes documents as CoNLL with `# id = X` lines. Tokens are split at white space, at each
    /// punctuation mark and at entity boundaries (a clitic written onto a name becomes its own token),
    /// so every entity keeps its extent; a line break in the text becomes a sentence break.
    public static func write(_ documents: [AnnotatedDocument]) -> (text: String, warnings: [String]) {
        var out = ""
        var warnings: [String] = []
        for d in documents {
            out += "# id = \(d.id)\n"
            // The entities written: spans inside the text, overlapping ones after the first left out.
            let count = d.text.unicodeScalars.count
            var entities: [AnnotatedEntity] = []
            for e in d.entities.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
                if e.start < 0 || e.end > count || e.start >= e.end || (entities.last.map { e.start < $0.end } ?? false) {
                    warnings.append("document \(d.id): entity \(e.start)-\(e.end) \(e.type) overlaps another or is outside the text; left out")
                } else {
                    entities.append(e)
                }
            }
            var lastWasBreak = true
            for token in tokens(d.text, boundaries: Set(entities.flatMap { [$0.start, $0.end] })) {
                if token.text == "\n" {
                    if !lastWasBreak { out += "\n" }
                    lastWasBreak = true
                    continue
                }
                lastWasBreak = false
                var tag = "O"
                if let e = entities.first(where: { $0.start <= token.start && token.end <= $0.end }) {
                    tag = (e.start == token.start ? "B-" : "I-") + e.type
                }
                out += "\(token.text) \(tag)\n"
            }
            out += "\n"
        }
        return (out, warnings)
    }

    /// Tokens of `text` in code points; a line break is returned as a token "\n" (a sentence break).
    static func tokens(_ text: String, boundaries: Set<Int>) -> [(start: Int, end: Int, text: String)] {
        let scalars = Array(text.unicodeScalars)
        var result: [(start: Int, end: Int, text: String)] = []
        var start: Int?
        func flush(_ end: Int) {
            if let s = start { result.append((s, end, String(String.UnicodeScalarView(scalars[s..<end])))) }
            start = nil
        }
        for (i, c) in scalars.enumerated() {
            if boundaries.contains(i) { flush(i) }
            if c.properties.isWhitespace {
                flush(i)
                if c == "\n" || c == "\u{2029}" { result.append((i, i + 1, "\n")) }
            } else if isPunctuation(c) {
                flush(i)
                result.append((i, i + 1, String(c)))
            } else if start == nil {
                start = i
            }
        }
        flush(scalars.count)
        return result
    }

    static func isPunctuation(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }
}
