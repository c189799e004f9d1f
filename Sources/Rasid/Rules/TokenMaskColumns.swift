/// A document's per-token masks as opener filters read them (`DocumentFacts.startMasks`, …),
/// taken as buffers for one pass over its tokens.
///
/// Read through the facts, each token's masks cost a load of five arrays from the class and a
/// bounds check each. With the opener index's read bits (`OpenerIndex`), the pass over every token
/// of a phase in `RuleEngine.startsByRule` went from ~180 instructions a token to ~40.
struct TokenMaskColumns {
    let start: UnsafeBufferPointer<UInt64>
    let cover: UnsafeBufferPointer<UInt64>
    let list: UnsafeBufferPointer<UInt64>
    let stemList: UnsafeBufferPointer<UInt64>
    /// `DocumentFacts.wordBits`.
    let words: UnsafeBufferPointer<UInt64>

    /// Token `i`'s masks (its word bits left out: `OpenerFilter.admitsMasks` does not read them).
    @inline(__always)
    func masks(at i: Int) -> TokenMasks {
        TokenMasks(start: start[i], cover: cover[i], list: list[i], stemList: stemList[i])
    }
}

extension DocumentFacts {
    /// Calls `body` with the masks' buffers. `body` must not add or remove annotations (which
    /// write the masks).
    func withMaskColumns<R>(_ body: (TokenMaskColumns) -> R) -> R {
        startMasks.withUnsafeBufferPointer { start in
            coverMasks.withUnsafeBufferPointer { cover in
                listMasks.withUnsafeBufferPointer { list in
                    stemListMasks.withUnsafeBufferPointer { stemList in
                        wordBits.withUnsafeBufferPointer { words in
                            body(TokenMaskColumns(start: start, cover: cover, list: list, stemList: stemList, words: words))
                        }
                    }
                }
            }
        }
    }

    /// `admits(_:at:)` with the masks read from `columns`.
    @inline(__always)
    func admits(_ f: OpenerFilter, at i: Int, _ columns: TokenMaskColumns) -> Bool {
        if f.admitsMasks(columns.masks(at: i)) { return true }
        guard f.hasWords, columns.words[i] & f.wordBits != 0 else { return false }
        let id = wordIDs[i]
        if f.words.contains(id) || f.stemWords.contains(id) { return true }
        return !f.stemWords.isEmpty && hasStem(i, in: f.stemWords)
    }
}
