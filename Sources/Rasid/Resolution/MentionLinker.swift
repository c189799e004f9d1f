/// Ties later mentions of a person to the full name the document gave them.
///
/// After `المهندس الاستشاري السيد حسن`, a bare `حسن` (`وأضاف حسن`) is the same person; after
/// `السيد أحمد الألفي`, `الألفي` is. The linker proposes those mentions as PERSON candidates with
/// the full name as a feature, where no entity stands. A one-word mention is not taken where it
/// reads as a common noun: before a definite word (`زيادة التفاعل`) or where the gazetteer marks
/// the word as common.
struct MentionLinker {
    static let source = "mention"

    /// Full names by their normalised tokens, longest first.
    func candidates(committed: [EntityCandidate], facts: DocumentFacts, order: Int) -> [EntityCandidate] {
        var names: [(tokens: [String], full: EntityCandidate)] = []
        var seen: Set<[String]> = []
        for c in committed where c.type == "PERSON" && c.endToken - c.firstToken >= 2 {
            let words = (c.firstToken..<c.endToken).map { facts.normalized[$0] }
            if seen.insert(words).inserted { names.append((words, c)) }
        }
        guard !names.isEmpty else { return [] }
        names.sort { $0.tokens.count > $1.tokens.count }
        var covered = [Bool](repeating: false, count: facts.tokens.count)
        for c in committed { for k in c.firstToken..<c.endToken { covered[k] = true } }

        var result: [EntityCandidate] = []
        var i = 0
        while i < facts.tokens.count {
            defer { i += 1 }
            guard !covered[i], facts.tokens[i].kind == .word else { continue }
            for (words, full) in names {
                if words.count > 1, i + words.count <= facts.tokens.count,
                   (0..<words.count).allSatisfy({ !covered[i + $0] && facts.normalized[i + $0] == words[$0] }) {
                    result.append(candidate(i, i + words.count, full, facts, order + result.count))
                    i += words.count - 1
                    break
                }
                // The family name: the last word, or the last two where they are one name (عبد اللطيف، أبو عيطة).
                if words.count >= 3, ["عبد", "ابو", "بن", "ابن"].contains(words[words.count - 2]) {
                    let unit = Array(words.suffix(2))
                    if i + 1 < facts.tokens.count, !covered[i + 1], facts.normalized[i] == unit[0], facts.normalized[i + 1] == unit[1],
                       isNameMention(at: i + 1, word: unit[1], facts, afterPart: true) {
                        result.append(candidate(i, i + 2, full, facts, order + result.count))
                        i += 1
                        break
                    }
                } else if let last = words.last, last.count >= 3, isNameMention(at: i, word: last, facts) {
                    result.append(candidate(i, i + 1, full, facts, order + result.count))
                    break
                }
            }
        }
        return result
    }

    private func isNameMention(at i: Int, word: String, _ facts: DocumentFacts, afterPart: Bool = false) -> Bool {
        guard facts.normalized[i] == word || facts.cliticStart(i, stem: word) != nil else { return false }
        if afterPart { return !(i + 1 < facts.tokens.count && facts.tokens[i + 1].kind == .word && Self.isDefiniteNoun(facts.normalized[i + 1])) }
        if facts.byStart[i].contains(where: { $0.features["common_word"] == "yes" }) { return false }
        if i + 1 < facts.tokens.count, facts.tokens[i + 1].kind == .word, Self.isDefiniteNoun(facts.normalized[i + 1]) { return false }
        // A given name before it makes it part of another person's name.
        if i > 0, facts.coverMasks[i - 1] & facts.typeBit("GIVEN_NAME") != 0 { return false }
        return true
    }

    /// `ال` + a noun; not the particles that also start with those letters once normalised (إلى → الي).
    static func isDefiniteNoun(_ w: String) -> Bool {
        w.hasPrefix("ال") && w.count >= 4 && !["الذي", "التي", "الذين", "اللذين", "الان", "اليوم"].contains(w)
    }

    private func candidate(_ a: Int, _ b: Int, _ full: EntityCandidate, _ facts: DocumentFacts, _ order: Int) -> EntityCandidate {
        var start = Int(facts.tokens[a].start)
        if facts.normalized[a] != facts.normalized[full.endToken - 1], b - a == 1,
           let s = facts.cliticStart(a, stem: facts.normalized[full.endToken - 1]) {
            start = s
        }
        return EntityCandidate(start: start, end: Int(facts.tokens[b - 1].end), firstToken: a, endToken: b,
                               type: "PERSON", canonical: nil, source: Self.source,
                               features: [:], priority: 0, order: order)
    }
}
