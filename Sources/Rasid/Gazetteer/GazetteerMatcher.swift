/// A gazetteer entry found in a document: a candidate, not yet committed.
public struct GazetteerMatch: Sendable, Equatable {
    /// Token range `[firstToken, endToken)`.
    public var firstToken: Int32
    public var endToken: Int32
    /// Original code-point range (after any clitic).
    public var start: Int32
    public var end: Int32
    /// The trie node where the match ends (its entries are the match's entries).
    public var node: Int32
    /// Normalised units of the first token taken by proclitics (0 when the word matched whole).
    public var cliticLength: Int16
    public var restoredAlef: Bool
}

/// Finds every gazetteer entry in a tokenised document.
///
/// From each token it walks the trie, first with the whole word, then (only if the whole word
/// starts no match) with each clitic split of it. It reports every entry that ends along the way, so
/// later stages see all candidates; `EntityResolver` chooses among them.
public struct GazetteerMatcher: Sendable {
    public let gazetteer: Gazetteer

    public init(_ gazetteer: Gazetteer) { self.gazetteer = gazetteer }

    public func matches(in text: TokenizedText) -> [GazetteerMatch] {
        let tokens = text.tokens
        guard !tokens.isEmpty else { return [] }
        // Per token, the hash of its units (`1 << 32 | hash`; 0 not taken yet), taken when a walk
        // first reaches it and reused by later walks through it. A walk begins only at a token in
        // the small `starts` table, so most tokens are never looked up in the large `edges`. (Each
        // token is hashed once more by its own look-up in `starts`; passing this hash to that
        // look-up measured worse, c1 with 1M entries: matcher 17.1M -> 17.5M instructions.)
        var hashes = [UInt64](repeating: 0, count: tokens.count)
        var result: [GazetteerMatch] = []
        let nodeCount = Int32(gazetteer.nodeCount)
        text.view.units.withUnsafeBufferPointer { units in
            for i in tokens.indices {
                let before = result.count
                let t = tokens[i]
                let word = UnsafeBufferPointer(rebasing: units[Int(t.normStart)..<Int(t.normEnd)])
                walk(from: gazetteer.startStep(of: word), at: i, nodeCount: nodeCount, hashes: &hashes, units: units,
                     tokens: tokens, view: text.view, clitic: 0, alef: false, into: &result)
                guard result.count == before, t.kind == .word else { continue }
                CliticAnalyzer.forEachSplit(of: word) { split in
                    let step = CliticAnalyzer.withStem(of: word, split) { gazetteer.startStep(of: $0) }
                    walk(from: step, at: i, nodeCount: nodeCount, hashes: &hashes, units: units, tokens: tokens, view: text.view,
                         clitic: split.length, alef: split.restoresAlef, into: &result)
                }
            }
        }
        return result
    }

    @inline(__always)
    private func walk(from first: Int32, at i: Int, nodeCount: Int32, hashes: inout [UInt64], units: UnsafeBufferPointer<UInt16>,
                      tokens: [Token], view: MatchingText, clitic: Int, alef: Bool,
                      into result: inout [GazetteerMatch]) {
        guard first >= 0 else { return }
        var step = first  // `TransitionTable.step`: the node reached, and whether it ends an entry
        var j = i
        let start = clitic == 0 ? tokens[i].start : view.originStart[Int(tokens[i].normStart) + clitic]
        while step >= 0 {
            let node = step >> 1
            // A match's node is checked, as it is read in place downstream (`Pipeline` reads the
            // entry lists at it unguarded); the cache's steps are not checked on load, and only a
            // forged cache could hold a node past the trie's. One compare per match, not per step.
            if step & 1 != 0, node < nodeCount {
                result.append(GazetteerMatch(firstToken: Int32(i), endToken: Int32(j + 1), start: start,
                                             end: tokens[j].end, node: node, cliticLength: Int16(clitic),
                                             restoredAlef: alef))
            }
            j += 1
            guard j < tokens.count else { break }
            let t = tokens[j]
            let word = UnsafeBufferPointer(rebasing: units[Int(t.normStart)..<Int(t.normEnd)])
            if hashes[j] == 0 { hashes[j] = 1 << 32 | UInt64(TokenLexicon.hash(word)) }
            step = gazetteer.edges.step(node, word, hash: UInt32(truncatingIfNeeded: hashes[j]))
        }
    }
}
