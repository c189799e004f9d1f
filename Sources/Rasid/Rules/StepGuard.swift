/// A necessary condition, in a token's masks, word bits and shape, for a VM step to do anything
/// at a token other than end its thread: a test or lookahead whose test passes there, an
/// annotation step that finds one of its type starting there. `RuleMatcher` checks it before
/// pushing a thread to the step.
///
/// The name macros (`%NAME_PART{0,4}`, `%NAME_REST`) push a dozen leaves at each position of a
/// name, and most fail their first test; a push, pop, visit and `DocumentFacts.passes` call each
/// cost more than these few mask tests.
///
/// The condition is one of several things the token may offer (any of `words` … `anyShape`, or
/// anything when `open`), and all of the `forbid…` and `require…` conditions of an `and` test.
struct StepGuard {
    /// No condition of the "one of" kind: the step is no test, or its test has none in this form.
    private(set) var open = true
    /// The `DocumentFacts.wordBit`s of the words the token, or one of its proclitic splits, may be.
    private(set) var words: UInt64 = 0
    /// Lists the token may be in; lists it or one of its proclitic splits may be in.
    private(set) var list: UInt64 = 0
    private(set) var stemList: UInt64 = 0
    /// Annotation types that may cover the token, or start at it.
    private(set) var cover: UInt64 = 0
    private(set) var start: UInt64 = 0
    /// Shape bits (`DocumentFacts.shape`) the token may have.
    private(set) var anyShape: UInt64 = 0
    /// What an `and` test requires of every token that passes it (see `TestTable.Node`).
    private(set) var forbidList: UInt64 = 0
    private(set) var forbidStemList: UInt64 = 0
    private(set) var forbidCover: UInt64 = 0
    private(set) var requireShape: UInt64 = 0
    private(set) var requireAnyShape: UInt64 = 0
    private(set) var forbidShape: UInt64 = 0
    /// The condition is the test itself, passing as written: a token inside the range that meets
    /// it passes the test with no proclitic left out.
    private(set) var exact = false

    init() {}

    /// What a token must offer for one of `guards` (none of them open) to admit it.
    init(anyOf guards: [StepGuard]) {
        open = false
        for g in guards {
            precondition(!g.open, "an open guard admits every token")
            words |= g.words
            list |= g.list
            stemList |= g.stemList
            cover |= g.cover
            start |= g.start
        }
    }

    /// An annotation step of this type bit.
    init(start: UInt64) {
        open = false
        self.start = start
    }

    /// The condition of test `root` of `table` (none where it has none in this form).
    init(test root: Int32, in table: TestTable) {
        self = Self.condition(of: root, in: table) ?? StepGuard()
    }

    private static func condition(of k: Int32, in table: TestTable) -> StepGuard? {
        let n = table.nodes[Int(k)]
        var g = StepGuard()
        g.open = false
        switch n.op {
        case .word: g.words = DocumentFacts.wordBit(n.value)
        case .list:
            if n.clitics { g.stemList = n.bits } else { g.list = n.bits; g.exact = true }
        case .covered:
            g.cover = n.bits
            g.exact = n.value < 0
        case .never: g.exact = true
        case .shape:
            g.anyShape = n.bits
            g.exact = true
        case .anyOf:
            g.list = n.bits
            g.cover = n.anyCover
            g.words = DocumentFacts.wordBit(n.value)
            g.anyShape = n.requireAnyShape
            // Word bits are shared by several words.
            g.exact = n.value < 0
        case .and:
            // Any one conjunct's "one of" condition is the conjunction's.
            let children = n.first..<(n.first + n.count)
            if let c = children.lazy.compactMap({ condition(of: table.children[Int($0)], in: table) }).first(where: { !$0.open }) {
                (g.words, g.list, g.stemList, g.cover, g.start, g.anyShape) = (c.words, c.list, c.stemList, c.cover, c.start, c.anyShape)
            } else {
                g.open = true
            }
            (g.forbidList, g.forbidStemList, g.forbidCover) = (n.forbidList, n.forbidStemList, n.forbidCover)
            (g.requireShape, g.requireAnyShape, g.forbidShape) = (n.requireShape, n.requireAnyShape, n.forbidShape)
            g.exact = children.isEmpty
        case .or:
            // One of the options' conditions; what each option forbids is dropped.
            for c in n.first..<(n.first + n.count) {
                guard let inner = condition(of: table.children[Int(c)], in: table), !inner.open else { return nil }
                g.words |= inner.words
                g.list |= inner.list
                g.stemList |= inner.stemList
                g.cover |= inner.cover
                g.start |= inner.start
                g.anyShape |= inner.anyShape
            }
        default: return nil
        }
        return g
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

    /// The "one of" part only, and without shapes: what `RuleMatcher` checks at every push.
    var pushGuard: StepGuard {
        var g = StepGuard()
        guard !open, anyShape == 0 else { return g }
        (g.open, g.words, g.list, g.stemList, g.cover, g.start) = (false, words, list, stemList, cover, start)
        return g
    }

    /// Whether a token may meet the "one of" part (all the `pushGuard` reads).
    @inline(__always)
    func admitsMasks(_ t: Token) -> Bool {
        open || t.words & words != 0 || t.list & list != 0 || t.listOrStem & stemList != 0 || t.cover & cover != 0
            || t.start & start != 0
    }

    /// Whether a token meets the whole condition; `shape` gives the token's shape bits.
    @inline(__always)
    func admits(_ t: Token, shape: () -> UInt64) -> Bool {
        guard admitsMasks(t) || (anyShape != 0 && shape() & anyShape != 0) else { return false }
        guard t.list & forbidList == 0 && t.listOrStem & forbidStemList == 0 && t.cover & forbidCover == 0 else { return false }
        guard requireShape | forbidShape | requireAnyShape != 0 else { return true }
        let s = shape()
        return s & requireShape == requireShape && s & forbidShape == 0 && (requireAnyShape == 0 || s & requireAnyShape != 0)
    }
}

extension DocumentFacts {
    /// Token `i` as `StepGuard` reads it.
    ///
    /// Read without bounds checks (the VM asks for a token of its range at each position; the
    /// five checks were 1M instructions on the 1 MB slice): the caller checks once that the facts
    /// were made for rules and that its range is inside the tokens (`RuleMatcher.matches`).
    @inline(__always)
    func guardToken(_ i: Int) -> StepGuard.Token {
        assert(tokens.indices.contains(i) && startMasks.count == tokens.count && stemListMasks.count == tokens.count,
               "a token of a document whose facts were made for rules")
        func read(_ masks: [UInt64]) -> UInt64 { masks.withUnsafeBufferPointer { $0[i] } }
        let list = read(listMasks)
        return StepGuard.Token(words: read(wordBits), list: list, listOrStem: list | read(stemListMasks), cover: read(coverMasks),
                               start: read(startMasks))
    }
}
