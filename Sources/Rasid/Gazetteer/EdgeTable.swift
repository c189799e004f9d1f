/// The gazetteer trie's edges keyed by the word itself, for matching: (node, hash of the word's
/// units) → step, each slot checked against the word's units, which it points to.
///
/// `TransitionTable` keys an edge by the word's lexicon id, so a walk's step waited for five cache
/// misses in a million-entry gazetteer, one after the other: the lexicon's slot, the id's span, its
/// units, the trie's key, then its value (measured: half the matcher's time on the 20 MB corpus).
/// Here a step reads one 16-byte slot (key and value in one cache line) and the word's units: two.
/// The price is a table a third larger than the trie's keys and values (64 MB for 2M edges, with
/// the edges' words another 5 MB), which replaces them, and the lexicon's, in the cache.
struct EdgeTable: Sendable {
    /// Two words per slot: the key (`node << 32 | word hash`, `empty` when free), then the step
    /// (`TransitionTable.step`, low half) and where the word is in `words` (high half). Two edges
    /// out of one node along words of one hash have one key: a look-up goes on past a slot whose
    /// word is another.
    private(set) var slots: [UInt64]
    /// The edges' words, each as its length (two units, low half first) and its units.
    private(set) var words: [UInt16]
    private let mask: Int
    /// Edges in the table.
    let count: Int
    private static let empty = UInt64.max

    /// The edges of `transitions`, whose tokens are ids in `lexicon`.
    init(_ transitions: TransitionTable, _ lexicon: TokenLexicon) {
        var at = [UInt32](repeating: 0, count: lexicon.count)
        var hashes = [UInt32](repeating: 0, count: lexicon.count)
        var words: [UInt16] = []
        for id in 0..<lexicon.count {
            at[id] = UInt32(words.count)
            lexicon.withUnits(of: Int32(id)) { u in
                words.append(UInt16(truncatingIfNeeded: u.count))
                words.append(UInt16(truncatingIfNeeded: u.count >> 16))
                words.append(contentsOf: u)
                hashes[id] = TokenLexicon.hash(u)
            }
        }
        var size = 16
        while size < transitions.count * 2 { size <<= 1 }
        var slots = [UInt64](repeating: Self.empty, count: 2 * size)
        var edges = 0
        transitions.forEachEdge { node, token, step in
            let key = Self.key(node, hashes[Int(token)])
            var i = Self.slot(key, size - 1)
            while slots[2 * i] != Self.empty { i = (i + 1) & (size - 1) }
            slots[2 * i] = key
            slots[2 * i + 1] = UInt64(at[Int(token)]) << 32 | UInt64(UInt32(bitPattern: step))
            edges += 1
        }
        (self.slots, self.words, mask, count) = (slots, words, size - 1, edges)
    }

    /// A table read back from the gazetteer cache; nil unless a free slot is left (else a look-up
    /// could probe forever). Nothing else needs a pass over the table on each start (a pass over
    /// its 4M steps cost 44M instructions): where a slot's word lies is checked where it is read
    /// (`step`), and a step's node is only ever a key of the next look-up, or a match's node,
    /// which `Gazetteer.entryIndices` checks.
    init?(slots: [UInt64], words: [UInt16], count: Int) {
        let size = slots.count / 2
        guard size >= 16, size & (size - 1) == 0, slots.count == 2 * size, words.count < Int(UInt32.max),
              count >= 0, count < size, (0..<size).contains(where: { slots[2 * $0] == Self.empty }) else { return nil }
        (self.slots, self.words, mask, self.count) = (slots, words, size - 1, count)
    }

    @inline(__always)
    private static func key(_ node: Int32, _ wordHash: UInt32) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) << 32 | UInt64(wordHash)
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 29) & mask
    }

    /// The step (`TransitionTable.step`) from `node` along `word`, whose `TokenLexicon.hash` is
    /// `wordHash`, or -1.
    @inline(__always)
    func step(_ node: Int32, _ word: UnsafeBufferPointer<UInt16>, hash wordHash: UInt32) -> Int32 {
        let k = Self.key(node, wordHash)
        var i = Self.slot(k, mask)
        while true {
            let stored = slots[2 * i]
            if stored == k {
                let value = slots[2 * i + 1]
                if holds(Int(truncatingIfNeeded: value >> 32), word) { return Int32(truncatingIfNeeded: value) }
            } else if stored == Self.empty {
                return -1
            }
            i = (i + 1) & mask
        }
    }

    /// Whether the word at `at` in `words` is `word`; false when `at` or its length lead outside
    /// `words` (only a forged cache could hold such a slot).
    @inline(__always)
    private func holds(_ at: Int, _ word: UnsafeBufferPointer<UInt16>) -> Bool {
        words.withUnsafeBufferPointer { w in
            guard at &+ 2 <= w.count else { return false }
            let n = Int(w[at]) | Int(w[at &+ 1]) << 16
            guard n == word.count, n <= w.count &- at &- 2 else { return false }
            for k in 0..<n where w[at &+ 2 &+ k] != word[k] { return false }
            return true
        }
    }
}
