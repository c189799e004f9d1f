/// The opener filters of up to 64 rules of a phase inverted: from each mask bit and each word to
/// the rules whose filter it satisfies, so one pass over a document's tokens finds every rule's
/// candidate starts.
///
/// Checking each rule's filter at each token cost a filter check per rule and token (27M
/// instructions on the 1 MB benchmark slice, 19 rules); a token has few bits set, and looking
/// each up costs a load (10M).
struct OpenerIndex: Sendable {
    /// Bit k stands for the group's k-th rule.
    private var always: UInt64 = 0
    /// The rules whose filter admits every token.
    var anywhere: UInt64 { always }
    private var byStartBit = [UInt64](repeating: 0, count: 64)
    private var byCoverBit = [UInt64](repeating: 0, count: 64)
    /// By a bit of the token's lists, and of its lists or its stems' lists.
    private var byListBit = [UInt64](repeating: 0, count: 64)
    private var byStemListBit = [UInt64](repeating: 0, count: 64)
    /// By the token's word id, and by a word id of one of its stems.
    private var byWord: [UInt64] = []
    private var byStemWord: [UInt64] = []
    /// The bits some filter of the group reads, of each mask (`list` for the lists and stem lists
    /// together): a token with none of them opens only the `anywhere` rules. Two tokens in three
    /// have some mask bit set (lexical gazetteer types cover most words), but few one that the
    /// group's openers read: on c1 with rules, 123k of the 186k tokens of both phases passed the
    /// check on any bit, 40k the check on these. With `TokenMaskColumns` and the unions read
    /// through them, the whole of `RuleEngine.startsByRule` (then `candidateStarts`) went from
    /// 62.8M to 51.2M instructions there, the unions and start limits included.
    private var startsRead: UInt64 = 0, coversRead: UInt64 = 0, listsRead: UInt64 = 0
    private var stemListsRead: UInt64 = 0, wordsRead: UInt64 = 0

    /// - Parameter filters: at most 64, the group's rules in order.
    init(_ filters: [OpenerFilter]) {
        precondition(filters.count <= 64, "a group holds up to 64 rules")
        for (k, f) in filters.enumerated() {
            let rule = UInt64(1) << UInt64(k)
            if f.admitsAll { always |= rule }
            Self.mark(&byStartBit, f.startBits, rule)
            Self.mark(&byCoverBit, f.coverBits, rule)
            Self.mark(&byListBit, f.listBits, rule)
            Self.mark(&byStemListBit, f.stemListBits, rule)
            // `admits`: the word itself may be any of `words` or `stemWords`, a stem one of `stemWords`.
            for id in f.words + f.stemWords { Self.mark(&byWord, id, rule) }
            for id in f.stemWords { Self.mark(&byStemWord, id, rule) }
            startsRead |= f.startBits
            coversRead |= f.coverBits
            listsRead |= f.listBits
            stemListsRead |= f.stemListBits
            wordsRead |= f.wordBits
        }
    }

    private static func mark(_ table: inout [UInt64], _ bits: UInt64, _ rule: UInt64) {
        var m = bits
        while m != 0 {
            table[m.trailingZeroBitCount] |= rule
            m &= m - 1
        }
    }

    private static func mark(_ table: inout [UInt64], _ id: Int32, _ rule: UInt64) {
        guard id >= 0 else { return }
        if Int(id) >= table.count { table += repeatElement(0, count: Int(id) + 1 - table.count) }
        table[Int(id)] |= rule
    }

    @inline(__always)
    private static func rules(_ table: [UInt64], _ bits: UInt64) -> UInt64 {
        var m = bits, r: UInt64 = 0
        while m != 0 {
            r |= table[m.trailingZeroBitCount]
            m &= m - 1
        }
        return r
    }

    /// The group's rules whose filter admits token `i` (`facts.admits(filter, at: i)` for each).
    @inline(__always)
    func rules(at i: Int, _ columns: TokenMaskColumns, in facts: DocumentFacts) -> UInt64 {
        var r = always
        // Only the bits some filter reads: the tables hold nothing for the others.
        let start = columns.start[i] & startsRead, cover = columns.cover[i] & coversRead
        let list = columns.list[i], lists = list & listsRead, stemLists = (list | columns.stemList[i]) & stemListsRead
        // A token none of whose words (itself, its stems) has a word bit of the filters' is none
        // of their words.
        let words = columns.wordBits[i] & wordsRead
        guard start | cover | lists | stemLists | words != 0 else { return r }
        r |= Self.rules(byStartBit, start)
        r |= Self.rules(byCoverBit, cover)
        r |= Self.rules(byListBit, lists)
        r |= Self.rules(byStemListBit, stemLists)
        guard words != 0 else { return r }
        let id = Int(facts.wordIDs[i])
        if id >= 0 && id < byWord.count { r |= byWord[id] }
        if !byStemWord.isEmpty {
            facts.forEachStemID(of: i) { id in
                if id >= 0 && Int(id) < byStemWord.count { r |= byStemWord[Int(id)] }
            }
        }
        return r
    }
}
