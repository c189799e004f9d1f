/// Every rule's token tests resolved against a `RuleVocabulary`, laid out flat in one table: a test
/// is the index of its root node. Evaluating one (millions of times a second) reads plain values
/// only, with none of the reference counting an indirect enum, or a struct of arrays per test,
/// costs on every use.
struct TestTable: Sendable {
    struct Node: Sendable {
        enum Op: UInt8, Sendable {
            case word, list, kind, covered, prefix, suffix, definite, conjunction, afterConjunction, any, never, not, and, or
            /// A test of the token's spelling alone (its kind, an affix, the article, a conjunction
            /// written on): passes as written when the token's `DocumentFacts.shapes` has a bit of `bits`.
            case shape
            /// An `or` of plain leaves folded into masks: the token is in a list of `bits`, covered by
            /// a type of `anyCover`, is the word `value` (-1: none) or has a shape of `requireAnyShape`.
            case anyOf
        }
        var op: Op
        var clitics = false
        /// A word id, a `TokenTest.Kind` (0 word, 1 number, 2 punct), or an index into `filters` (-1: none).
        var value: Int32 = 0
        /// A list or annotation type bit.
        var bits: UInt64 = 0
        /// `not`: the child; `and`/`or`: the first of `count` children in `children`; affixes: an index into `affixes`.
        var first: Int32 = 0
        var count: Int32 = 0
        /// `and`: the conditions of its negated list and annotation children, folded into masks
        /// (`[word & !$POST & !@PLACE …]` is one test of three masks, not a call per child).
        /// Lists the token must not be in; lists neither it nor a proclitic split of it may be in;
        /// annotation types that must not cover it.
        var forbidList: UInt64 = 0
        var forbidStemList: UInt64 = 0
        var forbidCover: UInt64 = 0
        /// `and`: its spelling children folded the same way: shape bits the token must all have,
        /// must have one of (an `or` of spelling tests), and must have none of.
        var requireShape: UInt64 = 0
        var requireAnyShape: UInt64 = 0
        var forbidShape: UInt64 = 0
        /// `anyOf`: annotation types one of which covers the token.
        var anyCover: UInt64 = 0
    }

    private(set) var nodes: [Node] = []
    private(set) var children: [Int32] = []
    private(set) var affixes: [[UInt16]] = []
    private(set) var filters: [AnnotationFilter] = []

    /// The spelling tests that have a shape bit: bit `k` of `DocumentFacts.shapes` is
    /// `shapeTests[k]`'s answer (see `Shape`).
    private(set) var shapeTests: [Shape] = [.kind(.word), .kind(.number), .kind(.punct), .definite, .conjunction]

    /// A test of a token's spelling alone, answered once per token in `DocumentFacts.shapes`:
    /// rules ask these at nearly every token they try (`!starts("ب") & !starts("ل") …` in each
    /// name part), and a call per child of an `and` was most of the tests' cost.
    enum Shape: Equatable, Sendable {
        case kind(TokenTest.Kind)
        /// `ال` and at least two more letters (`definite` without proclitics).
        case definite
        /// Starts with و or ف and has more than three letters; `DocumentFacts` clears the bit of a
        /// token that is a gazetteer word as a whole (so `conj` is this bit).
        case conjunction
        case prefix([UInt16])
        case suffix([UInt16])
    }

    /// False: spelling tests are evaluated one by one as written (the plain definition, for tests).
    let foldsSpelling: Bool

    init(foldsSpelling: Bool = true) { self.foldsSpelling = foldsSpelling }

    /// The shape bit of a spelling test, nil when it is not one or all 63 bits are taken.
    private mutating func shapeBit(_ t: TokenTest) -> UInt64? {
        let shape: Shape
        switch t {
        case .kind(let k): shape = .kind(k)
        case .definite(clitics: false): shape = .definite
        case .conjunction: shape = .conjunction
        case .prefix(let p): shape = .prefix(Array(p.utf16))
        case .suffix(let p): shape = .suffix(Array(p.utf16))
        default: return nil
        }
        guard foldsSpelling else { return nil }
        if let k = shapeTests.firstIndex(of: shape) { return 1 << UInt64(k) }
        // Bit 63 is `DocumentFacts`'s mark of a token's shape worked out.
        guard shapeTests.count < 63 else { return nil }
        shapeTests.append(shape)
        let bit = UInt64(1) << UInt64(shapeTests.count - 1)
        switch shape {
        case .prefix(let units): addAffix(units, suffix: false, bit: bit)
        case .suffix(let units): addAffix(units, suffix: true, bit: bit)
        default: break
        }
        return bit
    }

    private mutating func addAffix(_ units: [UInt16], suffix: Bool, bit: UInt64) {
        if !suffix && units.count == 1 && units[0] >> 8 == 0x06 {
            oneLetterPrefixes[Int(units[0] & 0xFF)] |= bit
            return
        }
        shapeAffixes.append(ShapeAffix(first: Int32(shapeAffixUnits.count), count: Int32(units.count), suffix: suffix, bit: bit))
        shapeAffixUnits += units
    }

    /// The affixes of `shapeTests` (but `oneLetterPrefixes`) as plain values, for working out a token's shape: each
    /// `shapeAffixUnits[first ..< first + count]`, a prefix or a suffix, and its bit. (The shapes
    /// before them are fixed: bit 0–2 the kinds, 3 `definite`, 4 `conj`.)
    struct ShapeAffix: Sendable {
        var first: Int32
        var count: Int32
        var suffix: Bool
        var bit: UInt64
    }
    private(set) var shapeAffixes: [ShapeAffix] = []
    /// The one-letter prefixes of the Arabic block (`starts("ب")`, most affixes rules name), kept
    /// out of `shapeAffixes`: the bits of the prefixes a word's first letter U+06xx is, by xx.
    private(set) var oneLetterPrefixes = [UInt64](repeating: 0, count: 256)
    private(set) var shapeAffixUnits: [UInt16] = []

    /// An `or` whose options are each a word, a list, a type covering the token (all without
    /// proclitics or features) or a spelling test, as one `anyOf` node; nil for any other `or`.
    /// Each such option passes as written, so the `or` does where any does.
    private mutating func anyOf(_ parts: [TokenTest], _ v: inout RuleVocabulary) -> Node? {
        guard foldsSpelling else { return nil }
        var node = Node(op: .anyOf, value: -1)
        for part in parts {
            switch part {
            case .word(let w, clitics: false) where node.value < 0:
                node.value = v.wordID(w)
            case .list(let name, clitics: false) where v.listBits[name] != nil:
                node.bits |= UInt64(1) << UInt64(v.listBits[name]!)
            case .covered(let filter) where filter.feature == nil && v.typeBits[filter.type] != nil:
                node.anyCover |= UInt64(1) << UInt64(v.typeBits[filter.type]!)
            case let t where shapeBit(t) != nil:
                node.requireAnyShape |= shapeBit(t)!
            default:
                return nil
            }
        }
        return node
    }

    /// The shape bits of an `or` of spelling tests (it passes as written where the token has one).
    private mutating func anyShapeBits(_ t: TokenTest) -> UInt64? {
        if let bit = shapeBit(t) { return bit }
        guard case .or(let parts) = t else { return nil }
        var bits: UInt64 = 0
        for part in parts {
            guard let b = anyShapeBits(part) else { return nil }
            bits |= b
        }
        return bits
    }

    /// Adds a test; returns its root node.
    mutating func add(_ t: TokenTest, _ v: inout RuleVocabulary) -> Int32 {
        let index = Int32(nodes.count)
        nodes.append(Node(op: .never))
        var node = Node(op: .never)
        if let bits = anyShapeBits(t) {
            nodes[Int(index)] = Node(op: .shape, bits: bits)
            return index
        }
        switch t {
        case .word(let w, let clitics): node = Node(op: .word, clitics: clitics, value: v.wordID(w))
        case .list(let name, let clitics):
            if let bit = v.listBits[name] { node = Node(op: .list, clitics: clitics, bits: 1 << UInt64(bit)) }
        case .kind(let k): node = Node(op: .kind, value: k == .word ? 0 : k == .number ? 1 : 2)
        case .covered(let filter):
            if let bit = v.typeBits[filter.type] {
                var filterIndex: Int32 = -1
                if filter.feature != nil { filters.append(filter); filterIndex = Int32(filters.count - 1) }
                node = Node(op: .covered, value: filterIndex, bits: 1 << UInt64(bit))
            }
        case .prefix(let p): affixes.append(Array(p.utf16)); node = Node(op: .prefix, first: Int32(affixes.count - 1))
        case .suffix(let p): affixes.append(Array(p.utf16)); node = Node(op: .suffix, first: Int32(affixes.count - 1))
        case .definite(let clitics): node = Node(op: .definite, clitics: clitics)
        case .conjunction: node = Node(op: .conjunction)
        case .afterConjunction: node = Node(op: .afterConjunction)
        case .any: node = Node(op: .any)
        case .not(let inner): node = Node(op: .not, first: add(inner, &v))
        case .and(let parts):
            var rest: [TokenTest] = []
            var folded = Node(op: .and)
            for part in parts {
                switch part {
                case .not(.list(let name, let clitics)) where v.listBits[name] != nil:
                    let bit = UInt64(1) << UInt64(v.listBits[name]!)
                    if clitics { folded.forbidStemList |= bit } else { folded.forbidList |= bit }
                case .not(.covered(let filter)) where filter.feature == nil && v.typeBits[filter.type] != nil:
                    folded.forbidCover |= UInt64(1) << UInt64(v.typeBits[filter.type]!)
                case .not(let inner) where shapeBit(inner) != nil:
                    folded.forbidShape |= shapeBit(inner)!
                case let inner where shapeBit(inner) != nil:
                    folded.requireShape |= shapeBit(inner)!
                case let inner where folded.requireAnyShape == 0 && anyShapeBits(inner) != nil:
                    folded.requireAnyShape = anyShapeBits(inner)!
                default:
                    rest.append(part)
                }
            }
            let ids = rest.map { add($0, &v) }
            folded.first = Int32(children.count)
            folded.count = Int32(ids.count)
            node = folded
            children.append(contentsOf: ids)
        case .or(let parts):
            if let folded = anyOf(parts, &v) { node = folded; break }
            let ids = parts.map { add($0, &v) }
            node = Node(op: .or, first: Int32(children.count), count: Int32(ids.count))
            children.append(contentsOf: ids)
        }
        nodes[Int(index)] = node
        return index
    }
}
