/// A necessary condition, in a token's masks and word bits, for a VM step to do anything at a
/// token other than end its thread: a test or lookahead whose test passes there, an annotation
/// step that finds one of its type starting there. `RuleMatcher` checks it before pushing a thread
/// to the step.
///
/// The name macros (`%NAME_PART{0,4}`, `%NAME_REST`) push a dozen leaves at each position of a
/// name, and most fail their first test; a push, pop, visit and `DocumentFacts.passes` call each
/// cost more than these few mask tests.
struct StepGuard {
    /// No condition: the step is no test, or its test has no condition in this form.
    private(set) var always = true
    /// The `DocumentFacts.wordBit`s of the words the token, or one of its proclitic splits, may be.
    private(set) var words: UInt64 = 0
    /// Lists the token may be in; lists it or one of its proclitic splits may be in.
    private(set) var list: UInt64 = 0
    private(set) var stemList: UInt64 = 0
    /// Annotation types that may cover the token, or start at it.
    private(set) var cover: UInt64 = 0
    private(set) var start: UInt64 = 0

    init() {}

    /// An annotation step of this type bit.
    init(start: UInt64) {
        always = false
        self.start = start
    }

    /// A test's condition (`OpenerFilter.condition`), its words as bits.
    init(_ f: OpenerFilter) {
        guard !f.admitsAll else { return }
        always = false
        words = (f.words + f.stemWords).reduce(0) { $0 | DocumentFacts.wordBit($1) }
        list = f.listBits
        stemList = f.stemListBits
        cover = f.coverBits
        start = f.startBits
    }

    /// What a guard reads of one token: read once per position of the VM.
    struct Token {
        var words: UInt64
        var list: UInt64
        var listOrStem: UInt64
        var cover: UInt64
        var start: UInt64

        /// Past the end of the range: no test passes and no annotation starts.
        static let end = Token(words: 0, list: 0, listOrStem: 0, cover: 0, start: 0)
    }

    @inline(__always)
    func admits(_ t: Token) -> Bool {
        always || t.words & words != 0 || t.list & list != 0 || t.listOrStem & stemList != 0 || t.cover & cover != 0
            || t.start & start != 0
    }
}

extension DocumentFacts {
    /// Token `i` as `StepGuard` reads it.
    @inline(__always)
    func guardToken(_ i: Int) -> StepGuard.Token {
        let list = listMasks[i]
        return StepGuard.Token(words: wordBits[i], list: list, listOrStem: list | stemListMasks[i], cover: coverMasks[i], start: startMasks[i])
    }
}
