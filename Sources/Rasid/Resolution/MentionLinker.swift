/// Ties later mentions of a person to the full name the document gave them.
///
/// After `المهندس الاستشاري السيد حسن`, a bare `حسن` (`وأضاف حسن`) is the same person; after
/// `السيد أحمد الألفي`, `الألفي` is. The linker proposes those mentions as PERSON candidates where no
/// entity stands. A one-word mention is not taken where it reads as a common noun: before a definite
/// word (`زيادة التفاعل`) or where the gazetteer marks the word as common. Words are compared as
/// ids of the document's own lexicon, so the work is linear in the tokens.
///
/// One per worker: the arrays it works in are kept from one commit to the next (made per call,
/// with an array per name, they were about 25 allocations a document).
final class MentionLinker {
    static let source = "mention"
    /// Every mention's type, source and (no) features.
    static let label = EntityCandidate.Label(type: "PERSON", canonical: nil, source: source, features: [:])
    /// The words that join a two-word family name, as the lexicon is asked for them (made once:
    /// each look-up of a `String` converted it to UTF-16).
    private static let joinerWords: [[UInt16]] = ["عبد", "ابو", "بن", "ابن"].map { Array($0.utf16) }
    /// Arrays a long document grew beyond this many elements are let go at the next call (also
    /// one that links nothing and returns early), not kept at that size: one long document holds
    /// their memory until the worker's next document, not for the rest of the run.
    let keptCapacity: Int

    init(keptCapacity: Int = 1 << 16) {
        self.keptCapacity = keptCapacity
    }

    private struct Name {
        /// Its words: `words[start..<end]`.
        var start: Int
        var end: Int
        /// The token of its last word.
        var lastToken: Int
        /// The family name is two words (عبد اللطيف، أبو عيطة).
        var compoundFamily: Bool

        var count: Int { end - start }
    }

    // Worked in by `candidates`, kept between calls; what each holds is said where it is filled.
    // A worker's own, read at every token: no dynamic exclusivity checks (a begin and end access
    // per read of a class's array).
    @exclusivity(unchecked) private var words: [Int32] = []
    @exclusivity(unchecked) private var names: [Name] = []
    @exclusivity(unchecked) private var firstByWord: [Int32] = []
    @exclusivity(unchecked) private var nextByFirst: [Int32] = []
    @exclusivity(unchecked) private var lastByWord: [Int32] = []
    @exclusivity(unchecked) private var nextByLast: [Int32] = []
    @exclusivity(unchecked) private var familyName: [Bool] = []
    @exclusivity(unchecked) private var covered: [Bool] = []

    /// Empties `array`, keeping its memory only up to `keptCapacity`.
    private func release<T>(_ array: inout [T]) {
        array.removeAll(keepingCapacity: array.capacity <= keptCapacity)
    }

    private func reset<T>(_ array: inout [T], to value: T, count: Int) {
        release(&array)
        array.append(contentsOf: repeatElement(value, count: count))
    }

    /// Lets go of the arrays grown beyond `keptCapacity`, before a call returns without using them.
    private func releaseLarge() {
        // `release` empties an array, and lets its memory go only beyond `keptCapacity`.
        release(&words)
        release(&names)
        release(&firstByWord)
        release(&nextByFirst)
        release(&lastByWord)
        release(&nextByLast)
        release(&familyName)
        release(&covered)
    }

    func candidates(committed: [EntityCandidate], facts: DocumentFacts, order: Int) -> [EntityCandidate] {
        // Without a name of two words or more there is nothing to link, and no lexicon to build.
        guard committed.contains(where: { $0.type == "PERSON" && $0.endToken - $0.firstToken >= 2 }) else {
            releaseLarge()
            return []
        }
        let lexicon = facts.localLexicon
        let ids = facts.localIDs
        // At most four ids, compared in turn (-1: not a word of the document, equal to no id).
        var joiners: (Int32, Int32, Int32, Int32) = (-1, -1, -1, -1)
        Self.joinerWords[0].withUnsafeBufferPointer { joiners.0 = lexicon.id(of: $0) }
        Self.joinerWords[1].withUnsafeBufferPointer { joiners.1 = lexicon.id(of: $0) }
        Self.joinerWords[2].withUnsafeBufferPointer { joiners.2 = lexicon.id(of: $0) }
        Self.joinerWords[3].withUnsafeBufferPointer { joiners.3 = lexicon.id(of: $0) }
        func isJoiner(_ id: Int32) -> Bool { id >= 0 && (id == joiners.0 || id == joiners.1 || id == joiners.2 || id == joiners.3) }
        // Which names start with, and end with, each word: per local id, the first such name, then
        // the next through `nextByFirst`/`nextByLast`, in `names` order (arrays, not dictionaries,
        // as they are read at every token).
        reset(&firstByWord, to: -1, count: lexicon.count)
        release(&nextByFirst)
        // Each name once, in the order first written: the chains by first word find a repeat
        // without hashing whole names. Read by index, as a `for c in committed` copied every candidate.
        release(&names)
        release(&words)
        for k in committed.indices where committed[k].type == "PERSON" && committed[k].endToken - committed[k].firstToken >= 2 {
            let name = ids[committed[k].firstToken..<committed[k].endToken]
            var n = firstByWord[Int(name.first!)]
            while n >= 0 && !words[names[Int(n)].start..<names[Int(n)].end].elementsEqual(name) { n = nextByFirst[Int(n)] }
            guard n < 0 else { continue }
            nextByFirst.append(firstByWord[Int(name.first!)])
            firstByWord[Int(name.first!)] = Int32(names.count)
            let start = words.count
            words.append(contentsOf: name)
            names.append(Name(start: start, end: words.count, lastToken: committed[k].endToken - 1,
                              compoundFamily: name.count >= 3 && isJoiner(name[name.endIndex - 2])))
        }
        guard !names.isEmpty else {
            releaseLarge()
            return []
        }
        names.sort { $0.count > $1.count }
        // The chains again, in sorted order.
        for name in names { firstByWord[Int(words[name.start])] = -1 }
        reset(&lastByWord, to: -1, count: lexicon.count)
        reset(&nextByLast, to: -1, count: names.count)
        reset(&familyName, to: false, count: lexicon.count)
        for n in names.indices.reversed() {
            let first = Int(words[names[n].start]), last = Int(words[names[n].end - 1])
            nextByFirst[n] = firstByWord[first]; firstByWord[first] = Int32(n)
            nextByLast[n] = lastByWord[last]; lastByWord[last] = Int32(n)
            if !names[n].compoundFamily { familyName[last] = true }
        }
        func hasCompoundFamily(ending last: Int32, after previous: Int32) -> Bool {
            var n = lastByWord[Int(last)]
            while n >= 0 {
                if names[Int(n)].compoundFamily && words[names[Int(n)].end - 2] == previous { return true }
                n = nextByLast[Int(n)]
            }
            return false
        }
        // A proclitic split leaves a stem of two letters or more that ends as the word does
        // (`CliticAnalyzer`): a word whose last two letters end no family name needs no splitting,
        // which spares most words the splits and their look-ups. The endings are kept as bits of
        // a 64-bit filter (a set cost more than the splits it spared): a false hit only splits.
        var familyEndings: UInt64 = 0
        for name in names where !name.compoundFamily {
            familyEndings |= facts.text.withUnits(of: name.lastToken, Self.endingBit)
        }
        reset(&covered, to: false, count: facts.tokens.count)
        for c in committed.indices { for k in committed[c].firstToken..<committed[c].endToken { covered[k] = true } }

        var result: [EntityCandidate] = []
        var i = 0
        while i < facts.tokens.count {
            defer { i += 1 }
            guard !covered[i], facts.tokens[i].kind == .word else { continue }
            // The full name again, without a title.
            var n = firstByWord[Int(ids[i])]
            while n >= 0 {
                let name = names[Int(n)]
                if i + name.count <= ids.count && (0..<name.count).allSatisfy({ !covered[i + $0] && ids[i + $0] == words[name.start + $0] }) { break }
                n = nextByFirst[Int(n)]
            }
            if n >= 0 {
                result.append(candidate(i, i + names[Int(n)].count, nil, facts, order + result.count))
                i += names[Int(n)].count - 1
                continue
            }
            // A two-word family name. Most words end no name: asked here, not in a call per word
            // (44k calls on c1 with rules, about 1.2M instructions).
            if i + 1 < ids.count, !covered[i + 1], lastByWord[Int(ids[i + 1])] >= 0, hasCompoundFamily(ending: ids[i + 1], after: ids[i]),
               !(i + 2 < ids.count && facts.isDefiniteNoun(i + 2)) {
                result.append(candidate(i, i + 2, nil, facts, order + result.count))
                i += 1
                continue
            }
            // A one-word family name, perhaps after a proclitic (وأضاف حسن، للشامي).
            func isFamilyName(_ id: Int32) -> Bool { id >= 0 && familyName[Int(id)] }
            guard facts.text.withUnits(of: i, { $0.count >= 3 }) else { continue }
            let cliticStart: Int?
            if isFamilyName(ids[i]) {
                cliticStart = nil
            } else if familyEndings & facts.text.withUnits(of: i, Self.endingBit) != 0,
                      let stem = facts.localStems(i).first(where: { isFamilyName($0.id) }) {
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

    /// A word's last two letters as one of 64 bits (none for a word too short to be a stem).
    private static func endingBit(_ u: UnsafeBufferPointer<UInt16>) -> UInt64 {
        guard u.count >= 2 else { return 0 }
        return 1 << ((UInt64(u[u.count - 2]) &* 31 &+ UInt64(u[u.count - 1])) & 63)
    }

    private func isNameMention(at i: Int, _ facts: DocumentFacts) -> Bool {
        var k = facts.firstAnnotation[i]
        while k >= 0 {
            let a = facts.annotations[Int(k)]
            if facts.feature("common_word", of: a) == "yes" { return false }
            k = a.next
        }
        if i + 1 < facts.tokens.count, facts.isDefiniteNoun(i + 1) { return false }
        // A given name before it makes it part of another person's name.
        if i > 0, facts.coverMasks[i - 1] & facts.typeBit("GIVEN_NAME") != 0 { return false }
        return true
    }

    private func candidate(_ a: Int, _ b: Int, _ cliticStart: Int?, _ facts: DocumentFacts, _ order: Int) -> EntityCandidate {
        EntityCandidate(start: cliticStart ?? Int(facts.tokens[a].start), end: Int(facts.tokens[b - 1].end), firstToken: a, endToken: b,
                        label: Self.label, priority: 0, order: order)
    }
}
