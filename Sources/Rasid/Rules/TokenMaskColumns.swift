/// A document's per-token masks as opener filters read them (`DocumentFacts.startMasks`, …),
/// taken as buffers for one pass over its tokens.
///
/// Read through the facts, each token's masks cost a load of five arrays from the class and a
/// bounds check each. Together with the opener index's read bits (`OpenerIndex`, which gives the
/// figure), the pass of `RuleEngine.startsByRule` over a phase's tokens went from 62.8M to 51.2M
/// instructions on c1 with rules.
struct TokenMaskColumns {
    let start: UnsafeBufferPointer<UInt64>
    let cover: UnsafeBufferPointer<UInt64>
    let list: UnsafeBufferPointer<UInt64>
    let stemList: UnsafeBufferPointer<UInt64>
    /// `DocumentFacts.wordBits`.
    let wordBits: UnsafeBufferPointer<UInt64>

    /// Token `i`'s masks (its word bits left out: `OpenerFilter.admitsMasks` does not read them).
    @inline(__always)
    func masks(at i: Int) -> TokenMasks {
        TokenMasks(start: start[i], cover: cover[i], list: list[i], stemList: stemList[i])
    }
}

extension DocumentFacts {
    /// Calls `body` with the masks' buffers. `body` must not add or remove annotations (which
    /// write the masks). Only for facts made for rules: the buffers are read unchecked at every
    /// token, and most of them are empty otherwise.
    func withMaskColumns<R>(_ body: (TokenMaskColumns) -> R) -> R {
        precondition(forRules, "rules read the facts a document makes only for rules")
        return startMasks.withUnsafeBufferPointer { start in
            coverMasks.withUnsafeBufferPointer { cover in
                listMasks.withUnsafeBufferPointer { list in
                    stemListMasks.withUnsafeBufferPointer { stemList in
                        wordBits.withUnsafeBufferPointer { wordBits in
                            body(TokenMaskColumns(start: start, cover: cover, list: list, stemList: stemList, wordBits: wordBits))
                        }
                    }
                }
            }
        }
    }

    /// `admits(_:at:)` with the masks read from `columns`.
    @inline(__always)
    func admits(_ f: OpenerFilter, at i: Int, _ columns: TokenMaskColumns) -> Bool {
        admits(f, at: i, masks: columns.masks(at: i), wordBits: { columns.wordBits[i] })
    }
}
