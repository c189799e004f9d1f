/// Every rule's token tests resolved against a `RuleVocabulary`, laid out flat in one table: a test
/// is the index of its root node. Evaluating one (millions of times a second) reads plain values
/// only, with none of the reference counting an indirect enum, or a struct of arrays per test,
/// costs on every use.
struct TestTable: Sendable {
    struct Node: Sendable {
        enum Op: UInt8, Sendable {
            case word, list, kind, covered, prefix, suffix, definite, conjunction, afterConjunction, any, never, not, and, or
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
    }

    private(set) var nodes: [Node] = []
    private(set) var children: [Int32] = []
    private(set) var affixes: [[UInt16]] = []
    private(set) var filters: [AnnotationFilter] = []

    /// Adds a test; returns its root node.
    mutating func add(_ t: TokenTest, _ v: inout RuleVocabulary) -> Int32 {
        let index = Int32(nodes.count)
        nodes.append(Node(op: .never))
        var node = Node(op: .never)
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
            let ids = parts.map { add($0, &v) }
            node = Node(op: .or, first: Int32(children.count), count: Int32(ids.count))
            children.append(contentsOf: ids)
        }
        nodes[Int(index)] = node
        return index
    }
}
