/// Ties later mentions of a person to the full name the document gave them.
///
/// After `المهندس الاستشاري السيد حسن`, a bare `حسن` (`وأضاف حسن`) is the same person; after
/// `السيد أحمد الألفي`, `الألفي` is. The linker proposes those mentions as PERSON candidates where no
/// entity stands. A one-word mention is not taken where it reads as a common noun: before a definite
/// word (`زيادة التفاعل`) or where the gazetteer marks the word as common. Words are compared as
/// ids of the document's own lexicon, so the work is linear in the tokens.
struct MentionLinker {
    static let source = "mention"

    private struct Name {
        var ids: [Int32]
        var full: EntityCandidate
        /// The family name is two words (عبد اللطيف، أبو عيطة).
        var compoundFamily: Bool
    }

    func candidates(committed: [EntityCandidate], facts: DocumentFacts, order: Int) -> [EntityCandidate] {
        // Without a name of two words or more there is nothing to link, and no lexicon to build.
        guard committed.contains(where: { $0.type == "PERSON" && $0.endToken - $0.firstToken >= 2 }) else { return [] }
        let lexicon = facts.localLexicon
        let joiners = Set(["عبد", "ابو", "بن", "ابن"].map { lexicon.id(of: $0) }.filter { $0 >= 0 })
        var names: [Name] = []
        var seen: Set<[Int32]> = []
        for c in committed where c.type == "PERSON" && c.endToken - c.firstToken >= 2 {
            let ids = Array(facts.localIDs[c.firstToken..<c.endToken])
            guard seen.insert(ids).inserted else { continue }
            names.append(Name(ids: ids, full: c, compoundFamily: ids.count >= 3 && joiners.contains(ids[ids.count - 2])))
        }
        guard !names.isEmpty else { return [] }
        names.sort { $0.ids.count > $1.ids.count }
        // Which names start with, and end with, each word.
        var byFirst: [Int32: [Int]] = [:], byLast: [Int32: [Int]] = [:]
        for (n, name) in names.enumerated() {
            byFirst[name.ids[0], default: []].append(n)
            byLast[name.ids[name.ids.count - 1], default: []].append(n)
        }
        var covered = [Bool](repeating: false, count: facts.tokens.count)
        for c in committed { for k in c.firstToken..<c.endToken { covered[k] = true } }
        let ids = facts.localIDs

        var result: [EntityCandidate] = []
        var i = 0
        while i < facts.tokens.count {
            defer { i += 1 }
            guard !covered[i], facts.tokens[i].kind == .word else { continue }
            // The full name again, without a title.
            if let n = byFirst[ids[i]]?.first(where: { n in
                let w = names[n].ids
                return i + w.count <= ids.count && (0..<w.count).allSatisfy { !covered[i + $0] && ids[i + $0] == w[$0] }
            }) {
                result.append(candidate(i, i + names[n].ids.count, nil, facts, order + result.count))
                i += names[n].ids.count - 1
                continue
            }
            // A two-word family name.
            if i + 1 < ids.count, !covered[i + 1], byLast[ids[i + 1]]?.contains(where: {
                names[$0].compoundFamily && names[$0].ids[names[$0].ids.count - 2] == ids[i]
            }) == true, !(i + 2 < ids.count && facts.isDefiniteNoun(i + 2)) {
                result.append(candidate(i, i + 2, nil, facts, order + result.count))
                i += 1
                continue
            }
            // A one-word family name, perhaps after a proclitic (وأضاف حسن، للشامي).
            func isFamilyName(_ id: Int32) -> Bool {
                byLast[id]?.contains(where: { !names[$0].compoundFamily }) == true
            }
            guard facts.text.withUnits(of: i, { $0.count >= 3 }) else { continue }
            let cliticStart: Int?
            if isFamilyName(ids[i]) {
                cliticStart = nil
            } else if let stem = facts.localStems(i).first(where: { isFamilyName($0.id) }) {
                cliticStart = stem.start
            } else {
                continue
            }
            if isNameMention(at: i, facts) {
                result.append(candidate(i, i + 1, cliticStart, facts, order + result.count))
            }
        }
        return result
    }

    private func isNameMention(at i: Int, _ facts: DocumentFacts) -> Bool {
        if facts.byStart[i].contains(where: { $0.features["common_word"] == "yes" }) { return false }
        if i + 1 < facts.tokens.count, facts.isDefiniteNoun(i + 1) { return false }
        // A given name before it makes it part of another person's name.
        if i > 0, facts.coverMasks[i - 1] & facts.typeBit("GIVEN_NAME") != 0 { return false }
        return true
    }

    private func candidate(_ a: Int, _ b: Int, _ cliticStart: Int?, _ facts: DocumentFacts, _ order: Int) -> EntityCandidate {
        EntityCandidate(start: cliticStart ?? Int(facts.tokens[a].start), end: Int(facts.tokens[b - 1].end), firstToken: a, endToken: b,
                        type: "PERSON", canonical: nil, source: Self.source, features: [:], priority: 0, order: order)
    }
}
