/// The words, word lists and annotation types of the rules, as small integers.
///
/// Rules test every token against words and lists; comparing Arabic `String`s hashes and
/// normalises them each time, so tokens are looked up once per document in this lexicon and tests
/// become integer and bit-mask checks.
public struct RuleVocabulary: Sendable {
    /// Up to 64 word lists and 64 annotation types: one bit each in a `UInt64`.
    public static let capacity = 64

    var lexicon = TokenLexicon()
    /// Per word id: the lists that hold it.
    var masks: [UInt64] = []
    var listBits: [String: Int] = [:]
    var typeBits: [String: Int] = [:]

    init(lists: [String: Set<String>], types: Set<String>) throws {
        guard lists.count <= Self.capacity else {
            throw DataFileError(file: "rules", "more than \(Self.capacity) word lists")
        }
        for (bit, name) in lists.keys.sorted().enumerated() {
            listBits[name] = bit
            for word in lists[name]! {
                let id = Int(lexicon.intern(word))
                if id >= masks.count { masks.append(contentsOf: repeatElement(0, count: id - masks.count + 1)) }
                masks[id] |= 1 << UInt64(bit)
            }
        }
        guard types.count <= Self.capacity else {
            throw DataFileError(file: "rules", "more than \(Self.capacity) annotation types")
        }
        for (bit, type) in types.sorted().enumerated() { typeBits[type] = bit }
    }

    mutating func wordID(_ word: String) -> Int32 {
        let id = lexicon.intern(word)
        if Int(id) >= masks.count { masks.append(0) }
        return id
    }

    @inline(__always)
    func mask(of id: Int32) -> UInt64 { id >= 0 && Int(id) < masks.count ? masks[Int(id)] : 0 }
}

/// A `TokenTest` resolved against a `RuleVocabulary`, laid out flat: nodes in an array, the root
/// first. Evaluating it (millions of times a second) touches plain values only, with none of the
/// reference counting an indirect enum costs on every `switch`.
struct CompiledTest: Sendable {
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
    }

    private(set) var nodes: [Node] = []
    private(set) var children: [Int32] = []
    private(set) var affixes: [[UInt16]] = []
    private(set) var filters: [AnnotationFilter] = []

    init(_ t: TokenTest, _ v: inout RuleVocabulary) {
        _ = add(t, &v)
    }

    private mutating func add(_ t: TokenTest, _ v: inout RuleVocabulary) -> Int32 {
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
        case .and(let parts), .or(let parts):
            let ids = parts.map { add($0, &v) }
            node = Node(op: { if case .and = t { return .and } else { return .or } }(), first: Int32(children.count), count: Int32(ids.count))
            children.append(contentsOf: ids)
        }
        nodes[Int(index)] = node
        return index
    }
}
