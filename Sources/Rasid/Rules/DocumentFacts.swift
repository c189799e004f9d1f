/// What rules can test about each token of one document: normalised form, proclitic splits, kind,
/// and the annotations that start at or cover it.
final class DocumentFacts {
    let text: TokenizedText
    let tokens: [Token]
    let normalized: [String]
    private let lists: [String: Set<String>]
    private(set) var byStart: [[Annotation]]
    private(set) var covering: [Set<String>]
    /// The token is a gazetteer word as a whole (so a leading و or ف is part of it).
    private(set) var knownWhole: [Bool]
    private var stemCache: [Int: [(stem: String, start: Int)]] = [:]

    private let original: String
    private lazy var scalars: [Unicode.Scalar] = Array(original.unicodeScalars)

    init(_ text: TokenizedText, original: String, lists: [String: Set<String>]) {
        self.text = text
        self.original = original
        tokens = text.tokens
        normalized = text.tokens.indices.map { text.normalized($0) }
        self.lists = lists
        byStart = Array(repeating: [], count: text.tokens.count)
        covering = Array(repeating: [], count: text.tokens.count)
        knownWhole = Array(repeating: false, count: text.tokens.count)
    }

    func add(_ a: Annotation, cliticFree: Bool) {
        guard a.firstToken < a.endToken, a.endToken <= tokens.count else { return }
        byStart[a.firstToken].append(a)
        for k in a.firstToken..<a.endToken { covering[k].insert(a.type) }
        if cliticFree && a.start == tokens[a.firstToken].start { knownWhole[a.firstToken] = true }
    }

    /// Removes every annotation of these types (entities are re-committed after each phase).
    func removeAll(types: Set<String>) {
        for k in byStart.indices { byStart[k].removeAll { types.contains($0.type) } }
        for k in covering.indices { covering[k].subtract(types) }
        for k in byStart.indices { for a in byStart[k] { for j in a.firstToken..<a.endToken { covering[j].insert(a.type) } } }
    }

    /// The original text between two code-point offsets.
    func slice(_ start: Int, _ end: Int) -> String {
        String(String.UnicodeScalarView(scalars[start..<end]))
    }

    func annotations(startingAt token: Int, _ filter: AnnotationFilter) -> [Annotation] {
        byStart[token].filter(filter.accepts)
    }

    /// nil when token `i` fails; -1 when it passes as written; a code point when it passes after
    /// leaving out a proclitic that ends there.
    func passes(_ test: TokenTest, at i: Int) -> Int? {
        switch test {
        case .any: return -1
        case .word(let w, let clitics):
            if normalized[i] == w { return -1 }
            return clitics ? stems(i).first { $0.stem == w }?.start : nil
        case .list(let name, let clitics):
            guard let set = lists[name] else { return nil }
            if set.contains(normalized[i]) { return -1 }
            return clitics ? stems(i).first { set.contains($0.stem) }?.start : nil
        case .kind(let kind):
            switch kind {
            case .word: return tokens[i].kind == .word ? -1 : nil
            case .number: return tokens[i].kind == .number ? -1 : nil
            case .punct: return tokens[i].kind == .other ? -1 : nil
            }
        case .covered(let filter):
            guard covering[i].contains(filter.type) else { return nil }
            if filter.feature == nil { return -1 }
            for k in stride(from: i, through: max(0, i - 12), by: -1) {
                if byStart[k].contains(where: { $0.endToken > i && filter.accepts($0) }) { return -1 }
            }
            return nil
        case .prefix(let p): return normalized[i].hasPrefix(p) && normalized[i].count > p.count ? -1 : nil
        case .definite(let clitics):
            if normalized[i].hasPrefix("ال") && normalized[i].count > 3 { return -1 }
            return clitics ? stems(i).first { $0.stem.hasPrefix("ال") && $0.stem.count > 3 }?.start : nil
        case .conjunction:
            let units = normalized[i].utf16
            guard let first = units.first, first == 0x0648 || first == 0x0641, units.count > 3, !knownWhole[i] else { return nil }
            return -1
        case .afterConjunction:
            guard tokens[i].kind == .word, normalized[i].hasPrefix("و"), normalized[i].count >= 4 else { return nil }
            return Int(text.view.originStart[Int(tokens[i].normStart) + 1])
        case .not(let inner): return passes(inner, at: i) == nil ? -1 : nil
        case .and(let parts):
            var start = -1
            for part in parts {
                guard let s = passes(part, at: i) else { return nil }
                if s >= 0 { start = s }
            }
            return start
        case .or(let options):
            for option in options { if let s = passes(option, at: i) { return s } }
            return nil
        }
    }

    /// The proclitic splits of token `i` with the code point where each stem starts.
    private func stems(_ i: Int) -> [(stem: String, start: Int)] {
        if let cached = stemCache[i] { return cached }
        var result: [(stem: String, start: Int)] = []
        let t = tokens[i]
        text.withUnits(of: i) { word in
            CliticAnalyzer.forEachSplit(of: word) { split in
                let rest = String(decoding: word[split.length...], as: UTF16.self)
                let start = Int(text.view.originStart[Int(t.normStart) + split.length])
                result.append((split.restoresAlef ? "ا" + rest : rest, start))
            }
        }
        stemCache[i] = result
        return result
    }
}
