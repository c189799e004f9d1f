/// A necessary condition for a rule's match to start at a token, in masks and word ids: where it
/// fails, `RuleMatcher` skips the token without running the rule's opening tests.
///
/// Rules are run over every token of every sentence, and most rules open on something rare (a
/// title, a list word, a given name): one mask check per token and rule replaces a walk of the
/// opening tests. The condition is derived from the openers (the steps that can consume a match's
/// first token), and is only ever weaker than them: a token it admits may still fail.
struct OpenerFilter: Sendable {
    /// True where some opener has no condition in this form (`definite`, a prefix, any token …).
    private(set) var admitsAll = false
    /// Annotation types that may start at the token.
    private(set) var startBits: UInt64 = 0
    /// Annotation types that may cover the token.
    private(set) var coverBits: UInt64 = 0
    /// Lists the token may be in; lists it or one of its proclitic splits may be in.
    private(set) var listBits: UInt64 = 0
    private(set) var stemListBits: UInt64 = 0
    /// Words the token may be; words it or one of its proclitic splits may be.
    private(set) var words: [Int32] = []
    private(set) var stemWords: [Int32] = []
    /// The `DocumentFacts.wordBit`s of `words` and `stemWords`.
    private(set) var wordBits: UInt64 = 0

    /// What a test requires of a token: added to this filter, or false when it requires nothing
    /// this form can say (the filter is left as it was).
    private static func condition(of k: Int32, in table: TestTable) -> OpenerFilter? {
        let n = table.nodes[Int(k)]
        var f = OpenerFilter()
        switch n.op {
        case .word:
            if n.clitics { f.stemWords = [n.value] } else { f.words = [n.value] }
            f.wordBits = DocumentFacts.wordBit(n.value)
        case .list: if n.clitics { f.stemListBits = n.bits } else { f.listBits = n.bits }
        case .covered: f.coverBits = n.bits
        case .never: break
        case .anyOf:
            // Its options' conditions merged, as for an `or`; a spelling option has none.
            guard n.requireAnyShape == 0 else { return nil }
            f.listBits = n.bits
            f.coverBits = n.anyCover
            if n.value >= 0 { f.words = [n.value]; f.wordBits = DocumentFacts.wordBit(n.value) }
        case .and:
            // Any one conjunct's condition is the conjunction's.
            for c in n.first..<(n.first + n.count) {
                if let inner = condition(of: table.children[Int(c)], in: table) { return inner }
            }
            return nil
        case .or:
            for c in n.first..<(n.first + n.count) {
                guard let inner = condition(of: table.children[Int(c)], in: table) else { return nil }
                f.merge(inner)
            }
        default: return nil
        }
        return f
    }

    private mutating func merge(_ other: OpenerFilter) {
        admitsAll = admitsAll || other.admitsAll
        startBits |= other.startBits
        coverBits |= other.coverBits
        listBits |= other.listBits
        stemListBits |= other.stemListBits
        words += other.words
        stemWords += other.stemWords
        wordBits |= other.wordBits
    }

    /// Adds an opening test.
    mutating func addTest(_ root: Int32, in table: TestTable) {
        if let c = Self.condition(of: root, in: table) { merge(c) } else { admitsAll = true }
    }

    /// Adds an opening annotation step of this type bit.
    mutating func addAnnotation(bit: UInt64) { startBits |= bit }

    mutating func addAnything() { admitsAll = true }
}

/// A token's masks as `OpenerFilter` reads them, or the union of several tokens' masks.
struct TokenMasks {
    var start: UInt64 = 0
    var cover: UInt64 = 0
    var list: UInt64 = 0
    var stemList: UInt64 = 0
    /// `DocumentFacts.wordBits`.
    var words: UInt64 = 0
}

extension OpenerFilter {
    /// Whether the filter's masks admit a token with these masks. Each condition is "a bit in
    /// common", so a union of tokens' masks is admitted exactly when one of the tokens is.
    @inline(__always)
    func admitsMasks(_ t: TokenMasks) -> Bool {
        admitsAll || t.start & startBits != 0 || t.cover & coverBits != 0 || t.list & listBits != 0
            || (t.list | t.stemList) & stemListBits != 0
    }

    /// The filter names words, which masks do not show.
    var hasWords: Bool { !words.isEmpty || !stemWords.isEmpty }
}

extension DocumentFacts {
    /// Whether token `i` meets the filter's condition.
    @inline(__always)
    func admits(_ f: OpenerFilter, at i: Int) -> Bool {
        admits(f, at: i, masks: TokenMasks(start: startMasks[i], cover: coverMasks[i], list: listMasks[i], stemList: stemListMasks[i]),
               wordBits: { wordBits[i] })
    }

    /// `admits(_:at:)` given token `i`'s masks, and its word bits (read only when the masks do
    /// not answer). A token without a word bit of the filter's is none of its words, nor has
    /// such a stem (most tokens: no word id compared, no stem looked at).
    @inline(__always)
    func admits(_ f: OpenerFilter, at i: Int, masks: TokenMasks, wordBits: () -> UInt64) -> Bool {
        if f.admitsMasks(masks) { return true }
        guard f.hasWords, wordBits() & f.wordBits != 0 else { return false }
        let id = wordIDs[i]
        if f.words.contains(id) || f.stemWords.contains(id) { return true }
        return !f.stemWords.isEmpty && hasStem(i, in: f.stemWords)
    }

    /// For each token, the union of its masks and those of the tokens after it in its sentence:
    /// where a filter of masks does not admit it, no token from there to the sentence's end passes.
    func unionsToSentenceEnd(_ sentences: [Range<Int>]) -> [TokenMasks] {
        // Written once each, in place: filling the array first and then overwriting it cost as much.
        // The masks read through buffers: through the class's arrays, a bounds check each (8.0M
        // instructions on c1 with rules, 4.1M after).
        // No tokens: not through the initialiser, which would write the shared empty array's count.
        guard !tokens.isEmpty else { return [] }
        return withMaskColumns { columns in
            [TokenMasks](unsafeUninitializedCapacity: tokens.count) { unions, count in
                var next = 0
                for sentence in sentences {
                    // Once per sentence: the writes below are unchecked (see `RuleEngine.run`).
                    precondition(next <= sentence.lowerBound && sentence.upperBound <= tokens.count,
                                 "sentences are in order, apart and inside the document")
                    // Tokens no sentence holds (there are none today) get empty masks.
                    if next < sentence.lowerBound { (unions.baseAddress! + next).initialize(repeating: TokenMasks(), count: sentence.lowerBound - next) }
                    var union = TokenMasks()
                    for i in sentence.reversed() {
                        union.start |= columns.start[i]
                        union.cover |= columns.cover[i]
                        union.list |= columns.list[i]
                        union.stemList |= columns.stemList[i]
                        union.words |= columns.wordBits[i]
                        (unions.baseAddress! + i).initialize(to: union)
                    }
                    next = sentence.upperBound
                }
                if next < tokens.count { (unions.baseAddress! + next).initialize(repeating: TokenMasks(), count: tokens.count - next) }
                count = tokens.count
            }
        }
    }
}
